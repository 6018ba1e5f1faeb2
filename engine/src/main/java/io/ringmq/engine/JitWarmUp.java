package io.ringmq.engine;

import io.ringmq.codecs.SocketType;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pays the JIT's warm-up before the application's first message: a million messages PUSH to PULL (property
 * {@code ringmq.warmup.messages}) and
 * some thousands of REQ/REP round trips over a private tcp loopback connection of the context itself, so the hot
 * paths a user's first messages take (the I/O agent, the connection, the stream engine, the frame codec, the
 * rings, the patterns) are compiled by C2 before the user's clock starts. Without it a JVM runs its first million
 * messages partly interpreted and at C1 level (libzmq's numbers need no such thing: they are compiled ahead of
 * time), which is why throughput "from the first message" trailed the steady state by a factor of two.
 * <p>
 * Honest by construction: it runs the same code on private sockets, before the user's sockets exist, and caches
 * nothing but what the JIT keeps. Once per JVM (the JIT's state is per JVM); off unless asked for
 * ({@link Context.Builder#warmUp(boolean)}): bin/ringmq's perf tools and bench ask for it.
 */
final class JitWarmUp
{
    private static final int MESSAGES = Integer.getInteger("ringmq.warmup.messages", 1_000_000);
    private static final int ROUND_TRIPS = 20_000;
    private static final int SIZE = 64;
    private static final AtomicBoolean DONE = new AtomicBoolean();

    private JitWarmUp()
    {
    }

    private static void sendAll(final Socket push)
    {
        final byte[][] messages = {new byte[1], new byte[SIZE], new byte[1024], new byte[8192]};
        for (int i = 0; i < MESSAGES; i++)
        {
            // Mostly small messages, as the hot path is; every 16th larger, so frames straddle reads.
            final byte[] message = messages[(i & 15) == 15 ? 2 + ((i >> 4) & 1) : (i >> 1) & 1];
            if (push.send(message, 0) < 0)
            {
                return;
            }
        }
    }

    static void runOnce(final Context context)
    {
        if (!DONE.compareAndSet(false, true))
        {
            return;
        }
        final byte[] message = new byte[SIZE];
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH))
        {
            pull.setOption(SocketOption.RCVTIMEO, 5_000);
            pull.setOption(SocketOption.RCVHWM, 100);
            push.setOption(SocketOption.SNDTIMEO, 5_000);
            push.setOption(SocketOption.SNDHWM, 100);
            push.setOption(SocketOption.LINGER, 0);
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            // A sender thread and a receiver that pauses now and then, with small marks and sizes from 1 B to 8 KiB:
            // the full-ring, blocked-send, resumed-reading and split-frame branches must all be taken here, or C2
            // compiles them as never taken and the user's first burst at the mark costs a deoptimisation and a
            // recompilation (seen as uncommon traps in MessageRing.isWritable and FrameDecoder.decode).
            final Thread sender = new Thread(() -> sendAll(push), "ringmq-warm-up");
            sender.setDaemon(true);
            sender.start();
            for (int i = 0; i < MESSAGES; i++)
            {
                if (pull.recv(0) < 0)
                {
                    break;
                }
                if (i % 20_000 == 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }
            try
            {
                sender.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        try (Socket rep = context.socket(SocketType.REP); Socket req = context.socket(SocketType.REQ))
        {
            rep.setOption(SocketOption.RCVTIMEO, 5_000);
            req.setOption(SocketOption.RCVTIMEO, 5_000);
            req.setOption(SocketOption.LINGER, 0);
            rep.bind("tcp://127.0.0.1:*");
            req.connect(rep.lastEndpoint());
            for (int i = 0; i < ROUND_TRIPS; i++)
            {
                if (req.send(message, 0) < 0 || rep.recv(0) < 0 || rep.send(message, 0) < 0 || req.recv(0) < 0)
                {
                    return;
                }
            }
        }
    }
}
