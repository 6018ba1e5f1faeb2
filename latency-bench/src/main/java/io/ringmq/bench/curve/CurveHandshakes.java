package io.ringmq.bench.curve;

import io.ringmq.engine.Authenticator;
import io.ringmq.engine.Context;
import io.ringmq.engine.CurveKeyPair;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;

import io.ringmq.engine.WaitStrategy;
import java.util.Arrays;
import java.util.Locale;

/**
 * Handshakes per second of a ringmq CURVE server (issue 5), the twin of {@code src/main/c/zmq_curve_handshakes.c}
 * (same arguments, same output lines, so either side may be libzmq's):
 * <pre>
 * CurveHandshakes server &lt;bind-to&gt; &lt;count&gt; --curve-secret Z85 [--zap] [--io-threads N] [--wait-strategy S]
 * CurveHandshakes client &lt;connect-to&gt; &lt;count&gt; --curve-server-key Z85 [--curve-secret Z85] [--warmup N] ...
 * </pre>
 * The server binds a REP socket as a CURVE server and answers {@code count} one-byte requests, one per connection.
 * The client, {@code count} times: a new REQ socket (CURVE client, LINGER 0, one client key pair for the whole loop),
 * connect, one request, its reply (so HELLO, WELCOME, INITIATE, READY and one MESSAGE each way went through), close.
 * {@code --warmup N} makes N untimed connections first (the server must then be given count + N). {@code --zap}
 * installs the built-in authenticator with "any CURVE key" (what {@code bin/ringmq --curve-server} does); without
 * it the server authenticates nobody, as libzmq does with no ZAP handler. Without CURVE options both sides use
 * NULL. Defaults: one I/O thread, block wait strategy.
 */
public final class CurveHandshakes
{
    private CurveHandshakes()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 3 || !("server".equals(args[0]) || "client".equals(args[0])))
        {
            System.err.println("usage: CurveHandshakes server|client <endpoint> <count> [--curve-secret Z85] " +
                "[--curve-server-key Z85] [--warmup N] [--zap] [--io-threads N] [--wait-strategy block|busy-spin|...]");
            System.exit(2);
        }
        final boolean server = "server".equals(args[0]);
        final String endpoint = args[1];
        final int count = Integer.parseInt(args[2]);
        String secret = null;
        String serverKey = null;
        int warmup = 0;
        boolean zap = false;
        int ioThreads = 1;
        WaitStrategy idle = WaitStrategy.BLOCK;
        for (int i = 3; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--curve-server": break;
                case "--curve-secret": secret = args[++i]; break;
                case "--curve-server-key": serverKey = args[++i]; break;
                case "--warmup": warmup = Integer.parseInt(args[++i]); break;
                case "--zap": zap = true; break;
                case "--io-threads": ioThreads = Integer.parseInt(args[++i]); break;
                case "--wait-strategy":
                    idle = WaitStrategy.valueOf(args[++i].toUpperCase(Locale.ROOT).replace('-', '_'));
                    break;
                default:
                    System.err.println("CurveHandshakes: unexpected argument '" + args[i] + "'");
                    System.exit(2);
            }
        }
        try (Context context = Context.builder().ioThreads(ioThreads).idleStrategy(idle).build())
        {
            if (server)
            {
                serve(context, endpoint, count, secret, zap);
            }
            else
            {
                connectLoop(context, endpoint, count, warmup, secret, serverKey);
            }
        }
    }

    private static void serve(final Context context, final String endpoint, final int count, final String secret,
        final boolean zap)
    {
        try (Socket rep = context.socket(SocketType.REP))
        {
            if (null != secret)
            {
                final byte[] key = CurveKeyPair.decodeZ85(secret);
                rep.setOption(SocketOption.CURVE_SERVER, true);
                rep.setOption(SocketOption.CURVE_PUBLICKEY, CurveKeyPair.publicKeyOf(key));
                rep.setOption(SocketOption.CURVE_SECRETKEY, key);
                if (zap)
                {
                    final Authenticator authenticator = new Authenticator();
                    authenticator.allowAnyCurveKey();
                    context.authenticator(authenticator);
                }
            }
            rep.bind(endpoint);
            for (int i = 0; i < count; i++)
            {
                final byte[] request = rep.recv();
                rep.send(request);
            }
        }
    }

    private static void connectLoop(final Context context, final String endpoint, final int count, final int warmup,
        final String secret, final String serverKey)
    {
        final byte[] server = null == serverKey ? null : CurveKeyPair.decodeZ85(serverKey);
        final byte[] ownSecret;
        final byte[] ownPublic;
        if (null == server)
        {
            ownSecret = null;
            ownPublic = null;
        }
        else if (null != secret)
        {
            ownSecret = CurveKeyPair.decodeZ85(secret);
            ownPublic = CurveKeyPair.publicKeyOf(ownSecret);
        }
        else
        {
            final CurveKeyPair pair = CurveKeyPair.generate();
            ownSecret = pair.secretKey();
            ownPublic = pair.publicKey();
        }
        final byte[] request = {'x'};
        for (int i = 0; i < warmup; i++)
        {
            once(context, endpoint, server, ownPublic, ownSecret, request);
        }
        final long[] samples = new long[count];
        final long start = System.nanoTime();
        for (int i = 0; i < count; i++)
        {
            final long t0 = System.nanoTime();
            once(context, endpoint, server, ownPublic, ownSecret, request);
            samples[i] = System.nanoTime() - t0;
        }
        final long elapsed = System.nanoTime() - start;
        Arrays.sort(samples);
        System.out.println("handshake count: " + count);
        System.out.printf(Locale.ROOT, "elapsed: %.3f [ms]%n", elapsed / 1e6);
        System.out.printf(Locale.ROOT, "handshakes per second: %.1f [1/s]%n", count * 1e9 / elapsed);
        System.out.printf(Locale.ROOT, "p50: %.3f [us]%n", percentile(samples, 50) / 1e3);
        System.out.printf(Locale.ROOT, "p99: %.3f [us]%n", percentile(samples, 99) / 1e3);
        System.out.printf(Locale.ROOT, "max: %.3f [us]%n", samples[count - 1] / 1e3);
    }

    private static void once(final Context context, final String endpoint, final byte[] server, final byte[] ownPublic,
        final byte[] ownSecret, final byte[] request)
    {
        try (Socket req = context.socket(SocketType.REQ))
        {
            req.setOption(SocketOption.LINGER, 0);
            if (null != server)
            {
                req.setOption(SocketOption.CURVE_SERVERKEY, server);
                req.setOption(SocketOption.CURVE_PUBLICKEY, ownPublic);
                req.setOption(SocketOption.CURVE_SECRETKEY, ownSecret.clone()); // the socket zeroes it on close
            }
            req.connect(endpoint);
            if (!req.send(request) || null == req.recv())
            {
                throw new IllegalStateException("round trip failed on " + endpoint);
            }
        }
    }

    /** Nearest rank, as the C peers' perf_percentile. */
    private static long percentile(final long[] sorted, final double p)
    {
        final int index = (int)Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
