package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * ringmq's side of {@code latency-bench/epgm-perf.sh}, the same roles and report as {@code test-peers/epgm_peer.py}'s
 * perfpub/perfsub: 64-byte messages carrying their index and the CLOCK_MONOTONIC time they were sent (both
 * processes read the same clock, whatever namespace they run in), paced at a target rate.
 * <pre>
 *   EpgmPerfPeer perfpub ENDPOINT RATE COUNT MSGS_PER_S
 *   EpgmPerfPeer perfsub ENDPOINT RATE COUNT TIMEOUT_S
 * </pre>
 */
public final class EpgmPerfPeer
{
    private EpgmPerfPeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String endpoint = args[1];
        final int rate = Integer.parseInt(args[2]);
        final int count = Integer.parseInt(args[3]);
        try (Context context = Context.create())
        {
            if (args[0].equals("perfpub"))
            {
                final long perSecond = Long.parseLong(args[4]);
                final Socket pub = context.socket(SocketType.PUB);
                pub.setOption(SocketOption.RATE, rate);
                pub.setOption(SocketOption.RECOVERY_IVL, 3000);
                pub.setOption(SocketOption.SNDHWM, 0);
                pub.connect(endpoint);
                Thread.sleep(1000);
                final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
                final long start = System.nanoTime();
                for (int i = 0; i < count; i++)
                {
                    final long due = start + i * 1_000_000_000L / perSecond;
                    while (System.nanoTime() < due)
                    {
                        Thread.onSpinWait();
                    }
                    message.putLong(0, i, ByteOrder.BIG_ENDIAN);
                    message.putLong(8, System.nanoTime(), ByteOrder.BIG_ENDIAN);
                    pub.send(message, 0, 64, 0);
                }
                System.out.println("sent " + count);
                Thread.sleep(4000);
                pub.setOption(SocketOption.LINGER, 0);
                pub.close();
            }
            else
            {
                subscribe(context, endpoint, rate, count, Double.parseDouble(args[4]));
            }
        }
    }

    private static void subscribe(
        final Context context, final String endpoint, final int rate, final int count, final double timeout)
    {
        final Socket sub = context.socket(SocketType.SUB);
        sub.setOption(SocketOption.RATE, rate);
        sub.setOption(SocketOption.RCVHWM, 0);
        sub.setOption(SocketOption.RCVTIMEO, 100);
        sub.setOption(SocketOption.SUBSCRIBE, new byte[0]);
        sub.connect(endpoint);
        System.out.println("joined");
        System.out.flush();
        final boolean[] seen = new boolean[count];
        final long[] latencies = new long[count];
        int received = 0;
        int disorder = 0;
        long last = -1;
        final long deadline = System.nanoTime() + (long)(timeout * 1e9);
        long idleSince = 0;
        while (System.nanoTime() < deadline && received < count)
        {
            final int length = sub.recv(0);
            if (length < 0)
            {
                if (received > 0 && idleSince != 0 && System.nanoTime() - idleSince > 3_000_000_000L)
                {
                    break;
                }
                idleSince = idleSince == 0 ? System.nanoTime() : idleSince;
                continue;
            }
            idleSince = 0;
            final long now = System.nanoTime();
            if (length < 16)
            {
                continue;
            }
            final long i = sub.frame().getLong(0, ByteOrder.BIG_ENDIAN);
            if (i >= 0 && i < count && !seen[(int)i])
            {
                seen[(int)i] = true;
                latencies[received++] = (now - sub.frame().getLong(8, ByteOrder.BIG_ENDIAN)) / 1000;
                if (i < last)
                {
                    disorder++;
                }
                last = Math.max(last, i);
            }
        }
        final long[] sorted = Arrays.copyOf(latencies, received);
        Arrays.sort(sorted);
        System.out.println("perf received " + received + " lost " + (count - received) + " disorder " + disorder +
            " p50 " + pct(sorted, 0.5) + " p99 " + pct(sorted, 0.99) + " p999 " + pct(sorted, 0.999) + " max " +
            (sorted.length == 0 ? -1 : sorted[sorted.length - 1]));
        sub.close();
    }

    private static long pct(final long[] sorted, final double p)
    {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int)(sorted.length * p))];
    }
}
