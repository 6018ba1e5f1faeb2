package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ringmq over epgm as a separate process, for {@link EpgmInteropTest} (which starts it inside a network namespace):
 * the same roles, arguments, messages and one-line report as {@code test-peers/epgm_peer.py}.
 * <pre>
 *   EpgmPeer pub ENDPOINT RATE COUNT [START_DELAY_S]
 *   EpgmPeer sub ENDPOINT RATE COUNT TIMEOUT_S
 * </pre>
 */
public final class EpgmPeer
{
    private EpgmPeer()
    {
    }

    static List<byte[]> message(final int i)
    {
        if (i % 100 == 7)
        {
            final byte[] frame = new byte[8192];
            Arrays.fill(frame, (byte)'.');
            final byte[] head = (i + ".").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, frame, 0, head.length);
            return List.of(frame);
        }
        if (i % 10 == 3)
        {
            final byte[] tail = new byte[i % 50];
            Arrays.fill(tail, (byte)'x');
            return List.of(Integer.toString(i).getBytes(StandardCharsets.US_ASCII),
                "part2".getBytes(StandardCharsets.US_ASCII), tail);
        }
        return List.of(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
    }

    static int indexOf(final List<byte[]> frames)
    {
        final String text = new String(frames.get(0), StandardCharsets.ISO_8859_1);
        final int dot = text.indexOf('.');
        try
        {
            return Integer.parseInt(dot < 0 ? text : text.substring(0, dot));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    static boolean same(final List<byte[]> a, final List<byte[]> b)
    {
        if (a.size() != b.size())
        {
            return false;
        }
        for (int i = 0; i < a.size(); i++)
        {
            if (!Arrays.equals(a.get(i), b.get(i)))
            {
                return false;
            }
        }
        return true;
    }

    public static void main(final String[] args) throws Exception
    {
        final String endpoint = args[1];
        final int rate = Integer.parseInt(args[2]);
        final int count = Integer.parseInt(args[3]);
        try (Context context = Context.create())
        {
            if (args[0].equals("pub"))
            {
                final double delay = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
                final Socket pub = context.socket(SocketType.PUB);
                pub.setOption(SocketOption.RATE, rate);
                pub.setOption(SocketOption.RECOVERY_IVL, 3000);
                pub.setOption(SocketOption.SNDHWM, 0);
                pub.setOption(SocketOption.LINGER, 3000);
                pub.connect(endpoint);
                Thread.sleep((long)(delay * 1000));
                for (int i = 0; i < count; i++)
                {
                    final List<byte[]> frames = message(i);
                    for (int f = 0; f < frames.size(); f++)
                    {
                        final byte[] frame = frames.get(f);
                        final int flags = f < frames.size() - 1 ? Socket.SNDMORE : 0;
                        pub.send(new UnsafeBuffer(frame), 0, frame.length, flags);
                    }
                }
                System.out.println("sent " + count);
                Thread.sleep(3000);
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
        int received = 0;
        int first = -1;
        int last = -1;
        int bad = 0;
        final long deadline = System.nanoTime() + (long)(timeout * 1e9);
        final List<byte[]> frames = new ArrayList<>();
        while (System.nanoTime() < deadline && last != count - 1)
        {
            frames.clear();
            if (!receive(sub, frames))
            {
                continue;
            }
            final int i = indexOf(frames);
            if (i < 0 || !same(frames, message(i)) || (last >= 0 && i != last + 1))
            {
                bad++;
            }
            if (first < 0)
            {
                first = i;
            }
            last = i;
            received++;
        }
        System.out.println("received " + received + " first " + first + " last " + last + " bad " + bad);
        sub.close();
    }

    private static boolean receive(final Socket sub, final List<byte[]> frames)
    {
        while (true)
        {
            final byte[] frame = sub.recv();
            if (frame == null)
            {
                return !frames.isEmpty();
            }
            frames.add(frame);
            if (!sub.hasMore())
            {
                return true;
            }
        }
    }
}
