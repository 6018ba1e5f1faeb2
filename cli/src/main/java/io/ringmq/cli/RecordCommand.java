package io.ringmq.cli;

import io.ringmq.capture.JournalWriter;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.Status;
import org.agrona.DirectBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringmq record ENDPOINT --out FILE}: a SUB or PULL that writes every message it receives, all frames, with
 * its arrival time, to a journal ({@code io.ringmq.capture.JournalDescriptor}) that {@code ringmq replay} sends again.
 * Ends after {@code --count N} messages, or on SIGINT/SIGTERM with the journal closed whole.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = "Write every message received, with its arrival time, to a journal for 'ringmq replay'.")
final class RecordCommand implements Callable<Integer>
{
    /** How long a receive waits before the loop looks at the stop flag, the timeout and refusals again. */
    private static final int SLICE_MS = 50;

    @Parameters(index = "0", paramLabel = "ENDPOINT")
    String endpoint;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The journal to write (replaced).")
    String out;

    @Option(names = "--type", paramLabel = "TYPE", description = "SUB (default) or PULL.")
    String type = "SUB";

    @Option(names = "--bind", description = "Bind instead of connecting.")
    boolean bind;

    @Option(names = "--subscribe", paramLabel = "PREFIX",
        description = "SUB: subscribe to PREFIX (repeatable; 0x form allowed; default everything).")
    List<String> subscribe = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", description = "Exit 0 after N messages (default: until killed).")
    String count;

    @Mixin
    MulticastCommonOptions common = new MulticastCommonOptions();

    private volatile boolean stopping;

    public Integer call()
    {
        final SocketType socketType = Session.socketType(type, "SUB PULL");
        final long limit = count == null ? -1 : Numbers.positive("--count", count);
        final Path file = Paths.get(out);
        final CountDownLatch closed = new CountDownLatch(1);
        // SIGTERM and SIGINT: stop receiving and close the journal before the JVM goes, so it ends on a whole record.
        final Thread onSignal = new Thread(() ->
        {
            stopping = true;
            awaitQuietly(closed);
        }, "ringmq-record-stop");
        try (Session session = new Session(common))
        {
            final Socket socket = session.open(socketType);
            if (socketType == SocketType.SUB)
            {
                for (final byte[] prefix : prefixes())
                {
                    socket.setOption(SocketOption.SUBSCRIBE, prefix);
                }
            }
            session.attach(socket, endpoint, bind);
            Runtime.getRuntime().addShutdownHook(onSignal);
            try (JournalWriter journal = create(file))
            {
                record(session, socket, journal, limit);
                System.err.println("recorded: " + journal.messages() + " messages, " + journal.length() +
                    " bytes to " + file);
            }
        }
        finally
        {
            closed.countDown();
        }
        if (!stopping)
        {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        }
        return 0;
    }

    private List<byte[]> prefixes()
    {
        final List<byte[]> prefixes = new ArrayList<>();
        for (final String prefix : subscribe)
        {
            prefixes.add(LineCodec.parse(prefix.getBytes(StandardCharsets.UTF_8)).get(0));
        }
        if (prefixes.isEmpty())
        {
            prefixes.add(new byte[0]);
        }
        return prefixes;
    }

    private static JournalWriter create(final Path file)
    {
        try
        {
            return JournalWriter.create(file);
        }
        catch (final UncheckedIOException ex)
        {
            throw new CliException(CliException.RUNTIME, ex.getMessage(), ex);
        }
    }

    /**
     * The receive loop: each message is stamped when its first frame is in hand, then copied frame by frame into
     * the journal through one reused buffer (nothing allocated per message once the buffer fits the largest frame).
     */
    private void record(final Session session, final Socket socket, final JournalWriter journal, final long limit)
    {
        socket.setOption(SocketOption.RCVTIMEO, SLICE_MS);
        byte[] copy = new byte[64 * 1024];
        long deadline = session.deadline();
        while (!stopping && (limit < 0 || journal.messages() < limit))
        {
            int length = socket.recv(0);
            if (length < 0)
            {
                if (length != Status.WOULD_BLOCK)
                {
                    throw CliException.runtime("record stopped: " + Status.name(length));
                }
                session.checkRefused();
                if (System.nanoTime() - deadline >= 0)
                {
                    throw CliException.runtime("no message within " + session.timeoutText() + " (" +
                        journal.messages() + " recorded)");
                }
                continue;
            }
            journal.begin(journal.nowNs());
            while (true)
            {
                final DirectBuffer frame = socket.frame();
                if (copy.length < length)
                {
                    copy = new byte[Math.max(length, copy.length * 2)];
                }
                frame.getBytes(0, copy, 0, length);
                journal.frame(copy, 0, length);
                if (!socket.hasMore())
                {
                    break;
                }
                length = socket.recv(0);
            }
            journal.commit();
            deadline = session.deadline();
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
