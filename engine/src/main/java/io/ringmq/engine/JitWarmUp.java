package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pays the JIT's warm-up before the application's first message: the first context of the JVM runs its own tcp
 * PUSH/PULL and REQ/REP traffic over loopback, through the same socket, ring, I/O agent, stream engine and codec
 * code the application will use, until the compilers have nothing left to do (their total compilation time stops
 * growing) or the budget is spent. Without it, a process pinned to one core spends its first hundreds of
 * milliseconds of traffic sharing that core with C1 and C2 (measured in latency-bench/SIDE-BY-SIDE.md: the tail
 * of a fresh process is the JIT). Once per JVM, on the thread building the first context that asks
 * ({@link Context.Builder#warmUp(boolean)}, or {@code -Dringmq.warmup=true}). Opt-in, since it delays that context
 * by up to its budget, {@code -Dringmq.warmup.ms} (default 2000).
 */
final class JitWarmUp
{
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final int BURST = 256;
    private static final int ROUND_MESSAGES = 4_096;
    private static final int[] SIZES = {1, 64, 1024};
    private static final long QUIET_NS = 200_000_000L;

    private JitWarmUp()
    {
    }

    /** Warms up once per JVM; later calls (and the warm-up's own context) return at once. */
    static void once(final WaitStrategy idle)
    {
        if (!STARTED.compareAndSet(false, true))
        {
            return;
        }
        final long budgetNs = Math.max(0, Long.getLong("ringmq.warmup.ms", 2_000)) * 1_000_000L;
        try
        {
            run(idle, System.nanoTime() + budgetNs);
        }
        catch (final RuntimeException ex)
        {
            // A loopback port refused, a sandbox without sockets: the application runs, only colder.
            System.getLogger(JitWarmUp.class.getName()).log(System.Logger.Level.DEBUG,
                "ringmq: JIT warm-up skipped: " + ex);
        }
    }

    private static void run(final WaitStrategy idle, final long deadlineNs)
    {
        final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        final boolean measurable = null != compiler && compiler.isCompilationTimeMonitoringSupported();
        try (Context context = Context.builder().ioThreads(1).idleStrategy(idle).counters(false).build();
            Socket pull = context.socket(SocketType.PULL);
            Socket push = context.socket(SocketType.PUSH);
            Socket rep = context.socket(SocketType.REP);
            Socket req = context.socket(SocketType.REQ))
        {
            for (final Socket socket : new Socket[] {pull, push, rep, req})
            {
                socket.setOption(SocketOption.LINGER, 0);
                socket.setOption(SocketOption.RCVTIMEO, 5_000);
                socket.setOption(SocketOption.SNDTIMEO, 5_000);
            }
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            rep.bind("tcp://127.0.0.1:*");
            req.connect(rep.lastEndpoint());
            final UnsafeBuffer message = new UnsafeBuffer(new byte[SIZES[SIZES.length - 1]]);
            long compiledMs = -1;
            long lastCompileNs = System.nanoTime();
            // Until no compilation finished for a while: what the traffic exercises is compiled (a large C2 task
            // takes tens of milliseconds, so a quiet spell shorter than that proves nothing).
            while (System.nanoTime() - lastCompileNs < QUIET_NS)
            {
                for (final int size : SIZES)
                {
                    if (!pushPull(push, pull, message, size) || !reqRep(req, rep, message, size) ||
                        System.nanoTime() - deadlineNs >= 0)
                    {
                        return;
                    }
                }
                final long nowCompiledMs = measurable ? compiler.getTotalCompilationTime() : compiledMs + 1;
                if (nowCompiledMs != compiledMs)
                {
                    compiledMs = nowCompiledMs;
                    lastCompileNs = System.nanoTime();
                }
            }
        }
    }

    /** Bursts below the high-water mark, each drained by the same thread: both directions of the pipe run hot. */
    private static boolean pushPull(final Socket push, final Socket pull, final UnsafeBuffer message, final int size)
    {
        for (int sent = 0; sent < ROUND_MESSAGES; sent += BURST)
        {
            for (int i = 0; i < BURST; i++)
            {
                if (Status.OK != push.send(message, 0, size, 0))
                {
                    return false;
                }
            }
            for (int i = 0; i < BURST; i++)
            {
                if (pull.recv(0) != size)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean reqRep(final Socket req, final Socket rep, final UnsafeBuffer message, final int size)
    {
        for (int i = 0; i < ROUND_MESSAGES / 10; i++)
        {
            if (Status.OK != req.send(message, 0, size, 0) || rep.recv(0) != size ||
                Status.OK != rep.send(rep.frame(), 0, size, 0) || req.recv(0) != size)
            {
                return false;
            }
        }
        return true;
    }
}
