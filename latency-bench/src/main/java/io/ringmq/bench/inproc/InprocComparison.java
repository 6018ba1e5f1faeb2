package io.ringmq.bench.inproc;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.WaitStrategy;
import net.openhft.affinity.Affinity;
import org.HdrHistogram.Histogram;
import org.zeromq.ZMQ;

import java.util.Locale;

/**
 * The inproc rows of {@code ringmq bench}: two threads of one process, PUSH→PULL throughput and REQ/REP round trips,
 * for ringmq with the block strategy, ringmq busy-spinning with each thread pinned to its own core, and JeroMQ
 * 0.6.0's inproc with its threads pinned the same way. It lives here, in the benchmarks jar, so that JeroMQ stays
 * a benchmark-only dependency; {@code bench} starts it and prints its lines as rows of its table.
 *
 * <pre>
 * InprocComparison &lt;size&gt; &lt;messages&gt; &lt;roundtrips&gt; &lt;cpu-a&gt; &lt;cpu-b&gt;
 * </pre>
 *
 * One output line per contender: {@code row <contender> <size> <msg/s> <p50 ns> <p99 ns> <p99.9 ns> <max ns>}.
 * Throughput is timed on the receiving thread from the first message to the last, as libzmq's {@code local_thr}
 * does; latency is each round trip from send to reply, after a thousand untimed ones (bench's rule for every row).
 * Busy-spin takes both cores for the length of its rows: that is what it is for, and why it is measured only here.
 */
public final class InprocComparison
{
    private static final int WARMUP_ROUNDTRIPS = 1000;
    private static final int TIMEOUT_MS = 60_000;

    private InprocComparison()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length != 5)
        {
            System.err.println("usage: InprocComparison <size> <messages> <roundtrips> <cpu-a> <cpu-b>");
            System.exit(2);
        }
        final int size = Integer.parseInt(args[0]);
        final int messages = Integer.parseInt(args[1]);
        final int roundtrips = Integer.parseInt(args[2]);
        final int cpuA = Integer.parseInt(args[3]);
        final int cpuB = Integer.parseInt(args[4]);
        print("ringmq-block", size, ringMqThroughput(WaitStrategy.BLOCK, size, messages, -1, -1),
            ringMqLatency(WaitStrategy.BLOCK, size, roundtrips, -1, -1));
        print("ringmq-spin", size, ringMqThroughput(WaitStrategy.BUSY_SPIN, size, messages, cpuA, cpuB),
            ringMqLatency(WaitStrategy.BUSY_SPIN, size, roundtrips, cpuA, cpuB));
        print("jeromq", size, jeroMqThroughput(size, messages, cpuA, cpuB),
            jeroMqLatency(size, roundtrips, cpuA, cpuB));
        System.exit(0);
    }

    private static void print(final String contender, final int size, final double msgPerSec, final Histogram rtt)
    {
        System.out.printf(Locale.ROOT, "row %s %d %.0f %d %d %d %d%n", contender, size, msgPerSec,
            rtt.getValueAtPercentile(50), rtt.getValueAtPercentile(99), rtt.getValueAtPercentile(99.9),
            rtt.getMaxValue());
        System.out.flush();
    }

    private static void pin(final int cpu)
    {
        if (cpu >= 0)
        {
            Affinity.setAffinity(cpu);
        }
    }

    private static Context context(final WaitStrategy idle)
    {
        return Context.builder().ioThreads(1).idleStrategy(idle).build();
    }

    private static double ringMqThroughput(
        final WaitStrategy idle, final int size, final int messages, final int cpuA, final int cpuB)
        throws InterruptedException
    {
        final long[] elapsed = new long[1];
        try (Context context = context(idle))
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.setOption(SocketOption.RCVTIMEO, TIMEOUT_MS);
            pull.bind("inproc://thr");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect("inproc://thr");
            final Thread sink = new Thread(() ->
            {
                pin(cpuB);
                if (pull.recv(0) < 0)
                {
                    return;
                }
                final long start = System.nanoTime();
                for (int i = 1; i < messages; i++)
                {
                    if (pull.recv(0) < 0)
                    {
                        return;
                    }
                }
                elapsed[0] = System.nanoTime() - start;
            }, "inproc-pull");
            sink.start();
            final Thread source = new Thread(() ->
            {
                pin(cpuA);
                final byte[] message = new byte[size];
                for (int i = 0; i < messages; i++)
                {
                    push.send(message);
                }
            }, "inproc-push");
            source.start();
            source.join();
            sink.join();
            push.close();
            pull.close();
        }
        return rate(messages, elapsed[0]);
    }

    private static Histogram ringMqLatency(
        final WaitStrategy idle, final int size, final int roundtrips, final int cpuA, final int cpuB)
        throws InterruptedException
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        final int total = WARMUP_ROUNDTRIPS + roundtrips;
        try (Context context = context(idle))
        {
            final Socket rep = context.socket(SocketType.REP);
            rep.setOption(SocketOption.RCVTIMEO, TIMEOUT_MS);
            rep.bind("inproc://lat");
            final Socket req = context.socket(SocketType.REQ);
            req.setOption(SocketOption.RCVTIMEO, TIMEOUT_MS);
            req.connect("inproc://lat");
            final Thread echo = new Thread(() ->
            {
                pin(cpuB);
                for (int i = 0; i < total; i++)
                {
                    final int length = rep.recv(0);
                    if (length < 0)
                    {
                        return;
                    }
                    rep.send(rep.frame(), 0, length, 0);
                }
            }, "inproc-rep");
            echo.start();
            final Thread client = new Thread(() ->
            {
                pin(cpuA);
                final byte[] message = new byte[size];
                for (int i = 0; i < total; i++)
                {
                    final long t0 = System.nanoTime();
                    req.send(message);
                    if (req.recv(0) < 0)
                    {
                        return;
                    }
                    if (i >= WARMUP_ROUNDTRIPS)
                    {
                        histogram.recordValue(System.nanoTime() - t0);
                    }
                }
            }, "inproc-req");
            client.start();
            client.join();
            echo.join();
            req.close();
            rep.close();
        }
        return histogram;
    }

    private static double jeroMqThroughput(final int size, final int messages, final int cpuA, final int cpuB)
        throws InterruptedException
    {
        final long[] elapsed = new long[1];
        final ZMQ.Context context = ZMQ.context(1);
        try
        {
            final ZMQ.Socket pull = context.socket(org.zeromq.SocketType.PULL);
            pull.setReceiveTimeOut(TIMEOUT_MS);
            pull.bind("inproc://thr");
            final ZMQ.Socket push = context.socket(org.zeromq.SocketType.PUSH);
            push.connect("inproc://thr");
            final Thread sink = new Thread(() ->
            {
                pin(cpuB);
                if (null == pull.recv(0))
                {
                    return;
                }
                final long start = System.nanoTime();
                for (int i = 1; i < messages; i++)
                {
                    if (null == pull.recv(0))
                    {
                        return;
                    }
                }
                elapsed[0] = System.nanoTime() - start;
            }, "jeromq-pull");
            sink.start();
            final Thread source = new Thread(() ->
            {
                pin(cpuA);
                final byte[] message = new byte[size];
                for (int i = 0; i < messages; i++)
                {
                    push.send(message, 0);
                }
            }, "jeromq-push");
            source.start();
            source.join();
            sink.join();
            push.close();
            pull.close();
        }
        finally
        {
            context.term();
        }
        return rate(messages, elapsed[0]);
    }

    private static Histogram jeroMqLatency(final int size, final int roundtrips, final int cpuA, final int cpuB)
        throws InterruptedException
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        final int total = WARMUP_ROUNDTRIPS + roundtrips;
        final ZMQ.Context context = ZMQ.context(1);
        try
        {
            final ZMQ.Socket rep = context.socket(org.zeromq.SocketType.REP);
            rep.setReceiveTimeOut(TIMEOUT_MS);
            rep.bind("inproc://lat");
            final ZMQ.Socket req = context.socket(org.zeromq.SocketType.REQ);
            req.setReceiveTimeOut(TIMEOUT_MS);
            req.connect("inproc://lat");
            final Thread echo = new Thread(() ->
            {
                pin(cpuB);
                for (int i = 0; i < total; i++)
                {
                    final byte[] request = rep.recv(0);
                    if (null == request)
                    {
                        return;
                    }
                    rep.send(request, 0);
                }
            }, "jeromq-rep");
            echo.start();
            final Thread client = new Thread(() ->
            {
                pin(cpuA);
                final byte[] message = new byte[size];
                for (int i = 0; i < total; i++)
                {
                    final long t0 = System.nanoTime();
                    req.send(message, 0);
                    if (null == req.recv(0))
                    {
                        return;
                    }
                    if (i >= WARMUP_ROUNDTRIPS)
                    {
                        histogram.recordValue(System.nanoTime() - t0);
                    }
                }
            }, "jeromq-req");
            client.start();
            client.join();
            echo.join();
            req.close();
            rep.close();
        }
        finally
        {
            context.term();
        }
        return histogram;
    }

    private static double rate(final int messages, final long elapsedNs)
    {
        return elapsedNs <= 0 ? 0 : (messages - 1) / (elapsedNs / 1e9);
    }
}
