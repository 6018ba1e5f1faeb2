package io.ringmq.cli;

import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code send} and {@code recv}: messages from stdin, messages to stdout, one per line (see {@link LineCodec}).
 */
final class CatCommands
{
    private static final PrintStream OUT =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

    private CatCommands()
    {
    }

    static void print(final SocketType type, final List<byte[]> frames)
    {
        if (type == SocketType.ROUTER && !frames.isEmpty())
        {
            // The routing id always in hex, even when printable.
            final List<String> parts = new ArrayList<>();
            parts.add(LineCodec.hex(frames.get(0)));
            parts.add(LineCodec.format(frames.subList(1, frames.size())));
            OUT.print(frames.size() > 1 ? String.join("\t", parts) : parts.get(0));
        }
        else
        {
            OUT.print(LineCodec.format(frames));
        }
        OUT.print('\n');
        OUT.flush();
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send each stdin line as one message (frames separated by TAB).")
    static final class Send implements Callable<Integer>
    {
        @Parameters(index = "0", paramLabel = "TYPE", description = "PAIR PUB REQ DEALER ROUTER PUSH XPUB XSUB")
        String type;

        @Parameters(index = "1", paramLabel = "ENDPOINT")
        String endpoint;

        @Option(names = "--bind", description = "Bind instead of connecting.")
        boolean bind;

        @Option(names = "--count", paramLabel = "N", description = "After the input, wait for N incoming messages.")
        String count;

        @Option(names = "--linger", paramLabel = "MS", description = "Bound on the final flush (default 5000).")
        String linger = "5000";

        @Option(names = "--delay-ms", paramLabel = "N",
            description = "Wait N ms after binding/connecting before the first send.")
        String delayMs = "0";

        @Mixin
        MulticastCommonOptions common = new MulticastCommonOptions();

        @Mixin
        LatencyOptions latency = new LatencyOptions();

        public Integer call() throws IOException, InterruptedException
        {
            final SocketType socketType = Session.socketType(type, "PAIR PUB REQ DEALER ROUTER PUSH XPUB XSUB");
            final int expected = count == null ? 0 : Numbers.nonNegative("--count", count);
            final int lingerMs = Numbers.nonNegative("--linger", linger);
            final int delay = Numbers.nonNegative("--delay-ms", delayMs);
            final boolean printsArrivals = socketType == SocketType.DEALER || socketType == SocketType.PAIR ||
                socketType == SocketType.ROUTER;
            latency.intervalMs();
            try (Session session = new Session(common))
            {
                final Socket socket = session.open(socketType);
                try (LatencyReport report =
                    LatencyReport.start(latency, List.of(socketType.toString()), List.of(socket)))
                {
                    session.attach(socket, endpoint, bind);
                    sendLines(session, socket, socketType, expected, lingerMs, delay, printsArrivals);
                }
            }
            return 0;
        }

        private static void sendLines(final Session session, final Socket socket, final SocketType socketType,
            final int expected, final int lingerMs, final int delay, final boolean printsArrivals)
            throws IOException, InterruptedException
        {
            if (delay > 0)
            {
                Thread.sleep(delay);
            }
            final LineCodec.LineReader lines = new LineCodec.LineReader(System.in);
            byte[] line;
            int received = 0;
            while ((line = lines.next()) != null)
            {
                final List<byte[]> frames = LineCodec.parse(line);
                if (socketType == SocketType.REQ)
                {
                    if (!session.send(socket, frames))
                    {
                        throw CliException.runtime("no peer within " + session.timeoutText());
                    }
                    final List<byte[]> reply = session.receive(socket);
                    if (reply == null)
                    {
                        throw CliException.runtime("no reply within " + session.timeoutText());
                    }
                    print(socketType, reply);
                    continue;
                }
                // Each line goes out as soon as it is read: the send blocks (bounded by --timeout) as libzmq's
                // PUSH blocks until a peer is there, rather than parking the message until the next line.
                if (!session.send(socket, frames))
                {
                    throw CliException.runtime("no peer within " + session.timeoutText());
                }
                if (printsArrivals)
                {
                    received += drainArrivals(socket, socketType);
                }
            }
            // End of input: everything queued must reach a peer within --linger.
            final long deadline = System.nanoTime() + lingerMs * 1_000_000L;
            while (socket.pendingOutbound() > 0 && System.nanoTime() - deadline < 0)
            {
                session.checkRefused();
                if (printsArrivals)
                {
                    received += drainArrivals(socket, socketType);
                }
                Thread.sleep(1);
            }
            final long undelivered = socket.pendingOutbound();
            if (undelivered > 0)
            {
                throw CliException.runtime(undelivered + " messages not delivered within linger");
            }
            while (received < expected)
            {
                final List<byte[]> message = session.receive(socket);
                if (message == null)
                {
                    throw CliException.runtime("only " + received + " of " + expected + " messages within " +
                        session.timeoutText());
                }
                print(socketType, message);
                received++;
            }
        }

        private static int drainArrivals(final Socket socket, final SocketType type)
        {
            int count = 0;
            while (socket.recv(Socket.DONTWAIT) >= 0)
            {
                final List<byte[]> frames = new ArrayList<>();
                frames.add(copy(socket));
                while (socket.hasMore())
                {
                    socket.recv(0);
                    frames.add(copy(socket));
                }
                print(type, frames);
                count++;
            }
            return count;
        }

        private static byte[] copy(final Socket socket)
        {
            final byte[] frame = new byte[socket.frame().capacity()];
            socket.frame().getBytes(0, frame);
            return frame;
        }
    }

    @Command(name = "recv", mixinStandardHelpOptions = true, description = "Print each message received as one line.")
    static final class Recv implements Callable<Integer>
    {
        @Parameters(index = "0", paramLabel = "TYPE", description = "PAIR SUB REP DEALER ROUTER PULL XPUB XSUB")
        String type;

        @Parameters(index = "1", paramLabel = "ENDPOINT")
        String endpoint;

        @Option(names = "--bind", description = "Bind instead of connecting.")
        boolean bind;

        @Option(names = "--count", paramLabel = "N",
            description = "Exit 0 after N messages (default: run until killed).")
        String count;

        @Option(names = "--subscribe", paramLabel = "PREFIX",
            description = "SUB/XSUB: subscribe to PREFIX (repeatable; 0x form allowed; default everything).")
        List<String> subscribe = new ArrayList<>();

        @Mixin
        MulticastCommonOptions common = new MulticastCommonOptions();

        @Mixin
        LatencyOptions latency = new LatencyOptions();

        public Integer call()
        {
            final SocketType socketType = Session.socketType(type, "PAIR SUB REP DEALER ROUTER PULL XPUB XSUB");
            final int limit = count == null ? -1 : Numbers.positive("--count", count);
            latency.intervalMs();
            try (Session session = new Session(common);
                LatencyReport report = LatencyReport.start(latency, List.of(socketType.toString()),
                    List.of(session.open(socketType))))
            {
                final Socket socket = session.sockets().get(0);
                final List<byte[]> prefixes = new ArrayList<>();
                for (final String prefix : subscribe)
                {
                    prefixes.add(LineCodec.parse(prefix.getBytes(StandardCharsets.UTF_8)).get(0));
                }
                if (prefixes.isEmpty())
                {
                    prefixes.add(new byte[0]);
                }
                if (socketType == SocketType.SUB)
                {
                    for (final byte[] prefix : prefixes)
                    {
                        socket.setOption(SocketOption.SUBSCRIBE, prefix);
                    }
                }
                session.attach(socket, endpoint, bind);
                if (socketType == SocketType.XSUB)
                {
                    for (final byte[] prefix : prefixes)
                    {
                        final byte[] message = new byte[prefix.length + 1];
                        message[0] = 1;
                        System.arraycopy(prefix, 0, message, 1, prefix.length);
                        socket.send(message, 0);
                    }
                }
                int received = 0;
                while (limit < 0 || received < limit)
                {
                    final List<byte[]> message = session.receive(socket);
                    if (message == null)
                    {
                        throw CliException.runtime("no message within " + session.timeoutText() +
                            (limit > 0 ? " (" + received + " of " + limit + " received)" : ""));
                    }
                    print(socketType, message);
                    received++;
                    if (socketType == SocketType.REP && !session.send(socket, message))
                    {
                        throw CliException.runtime("could not echo within " + session.timeoutText());
                    }
                }
                if (socketType == SocketType.REP)
                {
                    PerfCommands.awaitDelivery(socket, session);
                }
            }
            return 0;
        }
    }
}
