package io.ringmq.cli;

import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * libzmq's perf programs, argument for argument and wire-compatible with them: either side may be libzmq's.
 */
final class PerfCommands
{
    /**
     * The perf tools pay the JIT's warm-up before they bind or connect, with their own traffic (socket type,
     * transport, message size: {@code Context.Builder.warmUp(SocketType, Transport, int)}), so the time from the first
     * message, libzmq's protocol, measures the compiled message path rather than the compilers sharing its core.
     * {@code -Dringmq.warmup=false} (RINGMQ_JAVA_OPTS) starts them cold; latency-bench/SIDE-BY-SIDE.md gives both.
     */
    private static final boolean WARM_UP = !"false".equals(System.getProperty("ringmq.warmup"));

    private PerfCommands()
    {
    }

    /** Arguments shared by the four tools. */
    abstract static class PerfCommand implements Callable<Integer>
    {
        @Parameters(index = "0", paramLabel = "ENDPOINT")
        String endpoint;

        @Parameters(index = "1", paramLabel = "MESSAGE-SIZE")
        String messageSize;

        @Parameters(index = "2", paramLabel = "COUNT")
        String count;

        @Mixin
        MulticastCommonOptions common = new MulticastCommonOptions();

        /** @return what this tool warms up with before it binds or connects, or null when it starts cold. */
        Session.WarmUp warmUp(final SocketType type, final int size)
        {
            return WARM_UP ? Session.WarmUp.of(type, endpoint, size) : null;
        }

        int size()
        {
            return Numbers.nonNegative("message-size", messageSize);
        }

        int countValue(final String what)
        {
            return Numbers.positive(what, count);
        }
    }

    @Command(name = "local_lat", mixinStandardHelpOptions = true,
        description = "Bind a REP socket and echo roundtrip-count messages of message-size bytes.")
    static final class LocalLat extends PerfCommand
    {
        public Integer call()
        {
            final int size = size();
            final int roundtrips = countValue("roundtrip-count");
            try (Session session = new Session(common, warmUp(SocketType.REP, size)))
            {
                final Socket rep = session.open(SocketType.REP);
                session.attach(rep, endpoint, true);
                final List<byte[]> first = session.receive(rep);
                if (first == null)
                {
                    throw CliException.runtime("no message within " + session.timeoutText());
                }
                checkSize(first.get(0).length, size);
                rep.send(first.get(0));
                rep.setOption(SocketOption.RCVTIMEO, common.timeoutMs());
                for (int i = 1; i < roundtrips; i++)
                {
                    final int length = rep.recv(0);
                    if (length < 0)
                    {
                        throw CliException.runtime("no message within " + session.timeoutText() + " (" + i +
                            " of " + roundtrips + " received)");
                    }
                    checkSize(length, size);
                    rep.send(rep.frame(), 0, length, 0);
                }
                awaitDelivery(rep, session);
            }
            return 0;
        }
    }

    @Command(name = "remote_lat", mixinStandardHelpOptions = true,
        description = "Connect a REQ socket, time roundtrip-count round trips and print the latency.")
    static final class RemoteLat extends PerfCommand
    {
        @Option(names = "--hgrm", paramLabel = "FILE",
            description = "Also write HdrHistogram's percentile distribution (.hgrm).")
        String hgrm;

        @Option(names = "--warmup", paramLabel = "N", description = "Untimed round trips first (default 0).")
        String warmup = "0";

        public Integer call() throws FileNotFoundException
        {
            final int size = size();
            final int roundtrips = countValue("roundtrip-count");
            final int warmups = Numbers.nonNegative("--warmup", warmup);
            final byte[] message = new byte[size];
            final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
            if (WARM_UP)
            {
                warmUpRecording(histogram);
            }
            final long elapsedNs;
            try (Session session = new Session(common, warmUp(SocketType.REQ, size)))
            {
                final Socket req = session.open(SocketType.REQ);
                session.attach(req, endpoint, false);
                final long firstStart = System.nanoTime();
                if (!session.send(req, List.of(message)))
                {
                    throw CliException.runtime("no peer within " + session.timeoutText());
                }
                if (session.receive(req) == null)
                {
                    throw CliException.runtime("no reply within " + session.timeoutText());
                }
                final long firstNs = System.nanoTime() - firstStart;
                req.setOption(SocketOption.RCVTIMEO, common.timeoutMs());
                req.setOption(SocketOption.SNDTIMEO, common.timeoutMs());
                // The first round trip also waits for the connection. Without --warmup it is the first timed
                // one, as in libzmq's remote_lat; with it, the first untimed one (the peer expects
                // roundtrip-count + warmup messages in all).
                long start = firstStart;
                int timedDone = 0;
                if (warmups == 0)
                {
                    histogram.recordValue(firstNs);
                    timedDone = 1;
                }
                else
                {
                    for (int i = 1; i < warmups; i++)
                    {
                        roundTrip(req, message, size, session);
                    }
                    start = System.nanoTime();
                }
                for (int i = timedDone; i < roundtrips; i++)
                {
                    final long t0 = System.nanoTime();
                    roundTrip(req, message, size, session);
                    histogram.recordValue(System.nanoTime() - t0);
                }
                elapsedNs = System.nanoTime() - start;
            }
            final double averageUs = elapsedNs / 1000.0 / (2.0 * roundtrips);
            final PrintStream out = System.out;
            out.println("message size: " + size + " [B]");
            out.println("roundtrip count: " + roundtrips);
            out.printf("average latency: %.3f [us]%n", averageUs);
            printPercentiles(out, histogram);
            out.flush();
            if (hgrm != null)
            {
                try (PrintStream file = new PrintStream(hgrm))
                {
                    histogram.outputPercentileDistribution(file, 1000.0);
                }
            }
            return 0;
        }

        private static void roundTrip(final Socket req, final byte[] message, final int size, final Session session)
        {
            if (!req.send(message))
            {
                throw CliException.runtime("send timed out after " + session.timeoutText());
            }
            final int length = req.recv(0);
            if (length < 0)
            {
                session.checkRefused();
                throw CliException.runtime("no reply within " + session.timeoutText());
            }
            checkSize(length, size);
        }
    }

    /**
     * The instrument's own warm-up: recording compiled before the first timed round trip, so that its compilation
     * is not in the figures (its values are then cleared). Only when the engine warms up too: a cold run stays cold.
     */
    static void warmUpRecording(final Histogram histogram)
    {
        for (int i = 0; i < 50_000; i++)
        {
            histogram.recordValue(1_000 + (i & 0xFFFF) * 37L);
        }
        histogram.reset();
    }

    static void printPercentiles(final PrintStream out, final Histogram histogram)
    {
        out.printf("p50: %.3f [us]%n", histogram.getValueAtPercentile(50.0) / 1000.0);
        out.printf("p90: %.3f [us]%n", histogram.getValueAtPercentile(90.0) / 1000.0);
        out.printf("p99: %.3f [us]%n", histogram.getValueAtPercentile(99.0) / 1000.0);
        out.printf("p99.9: %.3f [us]%n", histogram.getValueAtPercentile(99.9) / 1000.0);
        out.printf("p99.99: %.3f [us]%n", histogram.getValueAtPercentile(99.99) / 1000.0);
        out.printf("max: %.3f [us]%n", histogram.getMaxValue() / 1000.0);
    }

    @Command(name = "local_thr", mixinStandardHelpOptions = true,
        description = "Bind a PULL socket, receive message-count messages and print the throughput.")
    static final class LocalThr extends PerfCommand
    {
        public Integer call()
        {
            final int size = size();
            final int messages = countValue("message-count");
            final long elapsedNs;
            try (Session session = new Session(common, warmUp(SocketType.PULL, size)))
            {
                final Socket pull = session.open(SocketType.PULL);
                session.attach(pull, endpoint, true);
                final List<byte[]> first = session.receive(pull);
                if (first == null)
                {
                    throw CliException.runtime("no message within " + session.timeoutText());
                }
                checkSize(first.get(0).length, size);
                pull.setOption(SocketOption.RCVTIMEO, common.timeoutMs());
                final long start = System.nanoTime();
                for (int i = 1; i < messages; i++)
                {
                    final int length = pull.recv(0);
                    if (length < 0)
                    {
                        throw CliException.runtime("no message within " + session.timeoutText() + " (" + i +
                            " of " + messages + " received)");
                    }
                    checkSize(length, size);
                }
                elapsedNs = Math.max(1, System.nanoTime() - start);
            }
            final long throughput = (long)((double)messages / (elapsedNs / 1000.0) * 1_000_000);
            final double megabits = (double)(throughput * size * 8) / 1_000_000;
            System.out.println("message size: " + size + " [B]");
            System.out.println("message count: " + messages);
            System.out.println("mean throughput: " + throughput + " [msg/s]");
            System.out.printf("mean throughput: %.3f [Mb/s]%n", megabits);
            System.out.flush();
            return 0;
        }
    }

    @Command(name = "remote_thr", mixinStandardHelpOptions = true,
        description = "Connect a PUSH socket and send message-count messages of message-size bytes.")
    static final class RemoteThr extends PerfCommand
    {
        public Integer call()
        {
            final int size = size();
            final int messages = countValue("message-count");
            final byte[] message = new byte[size];
            try (Session session = new Session(common, warmUp(SocketType.PUSH, size)))
            {
                final Socket push = session.open(SocketType.PUSH);
                session.attach(push, endpoint, false);
                if (!session.send(push, List.of(message)))
                {
                    throw CliException.runtime("no peer within " + session.timeoutText());
                }
                push.setOption(SocketOption.SNDTIMEO, common.timeoutMs());
                for (int i = 1; i < messages; i++)
                {
                    if (!push.send(message))
                    {
                        throw CliException.runtime("send timed out after " + session.timeoutText());
                    }
                }
                awaitDelivery(push, session);
            }
            return 0;
        }
    }

    /**
     * As libzmq's tools exit only once LINGER has handed everything to the transport.
     */
    static void awaitDelivery(final Socket socket, final Session session)
    {
        final long deadline = session.deadline();
        while (socket.pendingOutbound() > 0)
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw CliException.runtime(socket.pendingOutbound() + " messages not delivered within " +
                    session.timeoutText());
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
    }

    static void checkSize(final int length, final int expected)
    {
        if (length != expected)
        {
            throw CliException.runtime("message of " + length + " bytes, expected " + expected);
        }
    }
}
