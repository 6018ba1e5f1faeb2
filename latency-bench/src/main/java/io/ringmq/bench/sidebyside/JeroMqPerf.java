package io.ringmq.bench.sidebyside;

import org.HdrHistogram.Histogram;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * JeroMQ 0.6.0 as a side-by-side contender: libzmq's four perf programs over JeroMQ's pure-Java engine, same
 * arguments and same output lines as cli.md (percentiles from an HdrHistogram, as ringmq's tools will record them).
 *
 * <pre>
 * JeroMqPerf local_lat|remote_lat|local_thr|remote_thr &lt;endpoint&gt; &lt;message-size&gt; &lt;count&gt; [--warmup N]
 * </pre>
 *
 * One JeroMQ context with one I/O thread, as libzmq's tools use: on a side pinned to one core the application
 * thread and the I/O thread share it. No warm-up unless {@code --warmup N} (remote_lat, as cli.md: N untimed round
 * trips first, the peer's local_lat given count + N); without it JIT compilation inside the first thousands of round
 * trips is part of JeroMQ's figures, as libzmq's protocol measures it.
 */
public final class JeroMqPerf
{
    private JeroMqPerf()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length != 4 && args.length != 6)
        {
            System.err.println(
                "usage: JeroMqPerf local_lat|remote_lat|local_thr|remote_thr <endpoint> <size> <count> [--warmup N]");
            System.exit(2);
        }
        final Role role;
        final int size;
        final int count;
        final int warmup;
        try
        {
            role = Role.byId(args[0]);
            size = Integer.parseInt(args[2]);
            count = Integer.parseInt(args[3]);
            if (args.length == 6 && !"--warmup".equals(args[4]))
            {
                throw new IllegalArgumentException(
                    "unexpected argument '" + args[4] + "' (only --warmup N may follow)");
            }
            warmup = args.length == 6 ? Integer.parseInt(args[5]) : 0;
            if (size < 0 || count < 1 || warmup < 0)
            {
                throw new IllegalArgumentException("size and warmup must be >= 0, count >= 1");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("JeroMqPerf: " + ex.getMessage());
            System.exit(2);
            return;
        }
        final ZMQ.Context context = ZMQ.context(1);
        final int status;
        try
        {
            switch (role)
            {
                case LOCAL_LAT: status = localLat(context, args[1], size, count); break;
                case REMOTE_LAT: status = remoteLat(context, args[1], size, count, warmup); break;
                case LOCAL_THR: status = localThr(context, args[1], size, count); break;
                default: status = remoteThr(context, args[1], size, count); break;
            }
        }
        finally
        {
            context.term();
        }
        System.exit(status);
    }

    private static int localLat(final ZMQ.Context context, final String endpoint, final int size, final int count)
    {
        try (ZMQ.Socket rep = context.socket(SocketType.REP))
        {
            rep.bind(endpoint);
            for (int i = 0; i < count; i++)
            {
                final byte[] message = rep.recv(0);
                if (message == null || message.length != size)
                {
                    return wrongSize("JeroMqPerf local_lat", message, size);
                }
                rep.send(message, 0);
            }
        }
        return 0;
    }

    private static int remoteLat(
        final ZMQ.Context context, final String endpoint, final int size, final int count, final int warmup)
    {
        // Up to an hour per round trip at 3 significant digits: no value is ever clipped, memory stays small.
        final Histogram histogram = new Histogram(TimeUnit.HOURS.toNanos(1), 3);
        final byte[] payload = new byte[size];
        final long start;
        long prev;
        try (ZMQ.Socket req = context.socket(SocketType.REQ))
        {
            req.connect(endpoint);
            for (int i = 0; i < warmup; i++)
            {
                req.send(payload, 0);
                final byte[] reply = req.recv(0);
                if (reply == null || reply.length != size)
                {
                    return wrongSize("JeroMqPerf remote_lat (warm-up)", reply, size);
                }
            }
            start = System.nanoTime();
            prev = start;
            for (int i = 0; i < count; i++)
            {
                req.send(payload, 0);
                final byte[] reply = req.recv(0);
                if (reply == null || reply.length != size)
                {
                    return wrongSize("JeroMqPerf remote_lat", reply, size);
                }
                final long now = System.nanoTime();
                histogram.recordValue(now - prev);
                prev = now;
            }
        }
        final long elapsed = prev - start;
        final StringBuilder out = new StringBuilder();
        out.append("message size: ").append(size).append(" [B]\n");
        out.append("roundtrip count: ").append(count).append('\n');
        out.append(String.format(Locale.ROOT, "average latency: %.3f [us]%n", elapsed / 1000.0 / (2.0 * count)));
        final double[] percentiles = {50.0, 90.0, 99.0, 99.9, 99.99};
        final String[] names = {"p50", "p90", "p99", "p99.9", "p99.99"};
        for (int i = 0; i < percentiles.length; i++)
        {
            out.append(String.format(Locale.ROOT, "%s: %.3f [us]%n",
                names[i], histogram.getValueAtPercentile(percentiles[i]) / 1000.0));
        }
        out.append(String.format(Locale.ROOT, "max: %.3f [us]%n", histogram.getMaxValue() / 1000.0));
        System.out.print(out);
        System.out.flush();
        return 0;
    }

    private static int localThr(final ZMQ.Context context, final String endpoint, final int size, final int count)
    {
        final long start;
        try (ZMQ.Socket pull = context.socket(SocketType.PULL))
        {
            pull.bind(endpoint);
            byte[] message = pull.recv(0);
            start = System.nanoTime(); // from the first message, as libzmq's local_thr
            for (int i = 1; i < count && message != null && message.length == size; i++)
            {
                message = pull.recv(0);
            }
            if (message == null || message.length != size)
            {
                return wrongSize("JeroMqPerf local_thr", message, size);
            }
        }
        final long elapsed = Math.max(1, System.nanoTime() - start);
        final long msgs = (long)(count * 1e9 / elapsed);
        System.out.print("message size: " + size + " [B]\n" +
            "message count: " + count + "\n" +
            "mean throughput: " + msgs + " [msg/s]\n" +
            String.format(Locale.ROOT, "mean throughput: %.3f [Mb/s]%n", msgs * (double)size * 8 / 1e6));
        System.out.flush();
        return 0;
    }

    private static int remoteThr(final ZMQ.Context context, final String endpoint, final int size, final int count)
    {
        final byte[] payload = new byte[size];
        try (ZMQ.Socket push = context.socket(SocketType.PUSH))
        {
            // Exit only once every message was handed to the transport, as libzmq's remote_thr (infinite linger).
            push.setLinger(-1);
            push.connect(endpoint);
            for (int i = 0; i < count; i++)
            {
                push.send(payload, 0);
            }
        }
        return 0;
    }

    private static int wrongSize(final String tool, final byte[] message, final int size)
    {
        System.err.println(tool + ": " + (message == null ? "no message" :
            "message of " + message.length + " bytes, expected " + size));
        return 1;
    }
}
