package io.ringmq.engine;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Pays the JIT's warm-up before the application's first message, in the application's own context (its I/O
 * threads, idle strategy and counters, so the compiled code is compiled for the classes the application runs),
 * with traffic shaped like the application's: the socket pair it names ({@link Context.Builder#warmUp(SocketType,
 * EndpointUri.Transport, int)}), over its transport, at its message size, with a reader on its own thread.
 * <p>
 * What makes a warm-up help rather than hurt is that the real traffic takes no branch the warm-up never took: C2
 * compiles a branch never seen as an uncommon trap, and the first real message taking it throws the hot methods back
 * to the interpreter to be compiled again, on the core the traffic needs (measured: a warm-up of one thread's bursts,
 * below the high-water mark, over one connection made a 1 B PUSH/PULL 40% slower than a cold start; the traps were
 * the handshake of the real connection, the full ring and paused reading, and the receive timeout). So every round
 * binds and connects a fresh pair (handshake, listener and close paths), the one-way reader pauses now and then
 * (ring full, reading off, drained, reading on; the sender parks), each side of the round trips pauses now and then
 * before it sends (the other parks, its I/O thread blocks in the selector), and the rounds run with no send or
 * receive timeout, as the perf tools and most applications do, after one timed probe proves the connection. Some
 * traps remain, from timing the warm-up cannot reproduce (a read that finds nothing, a closing connection served
 * once more): latency-bench/SIDE-BY-SIDE.md measures what is left.
 * <p>
 * It runs until a few rounds in a row compile almost nothing more, or its budget ({@code -Dringmq.warmup.ms},
 * default 2000) is spent; once per JVM. Both ends of a round run on threads of the warm-up's own, and the caller
 * waits for them only so long: a round still running {@link #STALL_GRACE_NS} past the budget (a connection lost
 * mid-round, so that each end waits for the other without a timeout) is interrupted, its ends return
 * {@link Status#INTERRUPTED}, and the warm-up ends there rather than hold up {@link Context.Builder#build()}.
 */
final class JitWarmUp
{
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /**
     * Messages (one-way) or round trips (request-reply) per round, each round on a fresh connection, at most: a
     * round also carries at most {@link #ROUND_BYTES} (at least {@link #MIN_ROUND} messages), so that a 1 MiB
     * application's warm-up takes as long as a 64 B one's instead of moving 200 GiB.
     */
    private static final int ROUND_MESSAGES = 200_000;
    private static final int ROUND_TRIPS = 10_000;
    private static final long ROUND_BYTES = 32L << 20;
    private static final int MIN_ROUND = 8;
    /**
     * The warm-up's sockets queue at most this many bytes each (their high-water marks lowered for large messages,
     * never raised): the default 1,000 messages of 1 MiB on both ends of the pipe would take 2 GiB of direct memory.
     */
    private static final long IN_FLIGHT_BYTES = 8L << 20;
    private static final int DEFAULT_HWM = 1_000;
    /**
     * The reader pauses this often for this long: long enough for the kernel's socket buffers (megabytes once
     * autotuned) to fill behind the reader's ring, so that the sender's ring fills too and its thread parks, as a
     * sender faster than its peer does in the real run (with 0.5 ms pauses the sender never parked, and its first
     * real park threw its I/O thread's write path back to the interpreter: 64 B 6.3-7.3 M msg/s against 7.2-10.5 M
     * with these, same machine, alternating).
     */
    private static final int PAUSE_EVERY = ROUND_MESSAGES / 2;
    private static final long PAUSE_NS = 20_000_000;
    /** In round trips, each side pauses this often for this long before it sends: its peer parks meanwhile. */
    private static final int WAIT_EVERY = 20;
    private static final long WAIT_NS = 50_000;
    /** Settled: this many rounds in a row added at most {@link #SETTLED_MS} of compilation between them. */
    private static final int SETTLED_ROUNDS = 3;
    private static final long SETTLED_MS = 5;
    private static final int PROBE_TIMEOUT_MS = 5_000;
    /** How long past the budget a round may still run before it is taken for stalled and interrupted. */
    private static final long STALL_GRACE_NS = TimeUnit.SECONDS.toNanos(10);
    /** How long an interrupted round's threads get to leave their blocking calls. */
    private static final long LEAVE_NS = TimeUnit.SECONDS.toNanos(5);

    private JitWarmUp()
    {
    }

    /** The traffic to run: the application's socket type (either end of the pair), transport and message size. */
    record Traffic(SocketType type, EndpointUri.Transport transport, int messageSize)
    {
        Traffic
        {
            if (EndpointUri.Transport.TCP != transport && EndpointUri.Transport.IPC != transport)
            {
                throw new IllegalArgumentException("warm-up over tcp or ipc, not " + transport);
            }
            if (messageSize < 0)
            {
                throw new IllegalArgumentException("warm-up message size " + messageSize);
            }
            requestReply(type);
        }

        /** @return whether the pair is REQ/REP (round trips) rather than PUSH/PULL (one way). */
        static boolean requestReply(final SocketType type)
        {
            return switch (type)
            {
                case PUSH, PULL -> false;
                case REQ, REP -> true;
                default -> throw new IllegalArgumentException("no warm-up traffic for " + type +
                    " (PUSH, PULL, REQ or REP)");
            };
        }
    }

    /** Warms up once per JVM; later calls return at once. A failure costs the warm-up only. */
    static void once(final Context context, final Traffic traffic)
    {
        if (STARTED.compareAndSet(false, true))
        {
            final long budgetMs = Math.max(0, Long.getLong("ringmq.warmup.ms", 2_000));
            final Outcome outcome = run(context, traffic, budgetMs * 1_000_000L);
            System.getLogger(JitWarmUp.class.getName()).log(System.Logger.Level.DEBUG,
                () -> "ringmq: JIT warm-up " + outcome);
        }
    }

    /** What a warm-up did: its rounds (each a fresh connection), whether the compilers settled, and how long. */
    record Outcome(int rounds, boolean settled, long elapsedMs, String cutShortBy)
    {
    }

    /** Runs the warm-up's rounds in {@code context} until the compilers settle or {@code budgetNs} is spent. */
    static Outcome run(final Context context, final Traffic traffic, final long budgetNs)
    {
        return run(context, traffic, budgetNs, budgetNs + STALL_GRACE_NS);
    }

    /**
     * @param roundLimitNs how long one round may run, from its start, before its threads are interrupted.
     */
    static Outcome run(final Context context, final Traffic traffic, final long budgetNs, final long roundLimitNs)
    {
        final long startNs = System.nanoTime();
        final boolean requestReply = Traffic.requestReply(traffic.type());
        final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        final boolean measurable = null != compiler && compiler.isCompilationTimeMonitoringSupported();
        int rounds = 0;
        int settled = 0;
        String cutShortBy = null;
        Path directory = null;
        try
        {
            if (EndpointUri.Transport.IPC == traffic.transport())
            {
                directory = Files.createTempDirectory("ringmq-warm-up");
            }
            long compiledMs = measurable ? compiler.getTotalCompilationTime() : 0;
            while (settled < SETTLED_ROUNDS && System.nanoTime() - startNs < budgetNs)
            {
                // Both ends fresh every round: the real run's first connection and the warm-up's closing listener
                // are then paths the compilers have seen (a listener closed once, after everything was compiled,
                // deoptimised the selector's loop at the first real message).
                final int size = traffic.messageSize();
                final String endpoint =
                    null == directory ? "tcp://127.0.0.1:*" : "ipc://" + directory.resolve("s" + rounds);
                final long roundDeadlineNs = System.nanoTime() + roundLimitNs;
                final Socket server = context.socket(requestReply ? SocketType.REP : SocketType.PULL);
                final Socket client;
                try
                {
                    client = context.socket(requestReply ? SocketType.REQ : SocketType.PUSH);
                }
                catch (final RuntimeException ex)
                {
                    server.close();
                    throw ex;
                }
                Round round = Round.FAILED;
                try
                {
                    server.setOption(SocketOption.LINGER, 0);
                    client.setOption(SocketOption.LINGER, 0);
                    final int hwm = (int)Math.max(1, Math.min(DEFAULT_HWM, IN_FLIGHT_BYTES / Math.max(1, size)));
                    for (final Socket socket : new Socket[] {server, client})
                    {
                        socket.setOption(SocketOption.SNDHWM, hwm);
                        socket.setOption(SocketOption.RCVHWM, hwm);
                    }
                    server.bind(endpoint);
                    client.connect(server.lastEndpoint());
                    round = !probe(client, server, size, requestReply) ? Round.FAILED : requestReply ?
                        roundTrips(client, server, size, roundDeadlineNs) :
                        oneWay(client, server, size, roundDeadlineNs);
                }
                finally
                {
                    // A thread that would not leave may still be inside a call on them: then they stay open (the
                    // context's close ends that call with TERMINATED), rather than be closed under it.
                    if (Round.STUCK != round)
                    {
                        client.close();
                        server.close();
                    }
                }
                if (Round.DONE != round)
                {
                    cutShortBy = round.cutShortBy;
                    break;
                }
                rounds++;
                // Without the compilers' clock the budget alone ends the warm-up.
                final long nowMs = measurable ? compiler.getTotalCompilationTime() : compiledMs + SETTLED_MS + 1;
                settled = nowMs - compiledMs <= SETTLED_MS ? settled + 1 : 0;
                compiledMs = nowMs;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // A loopback port refused, a sandbox without sockets: the application runs, only colder.
            cutShortBy = ex.toString();
        }
        finally
        {
            deleteQuietly(directory);
        }
        return new Outcome(rounds, settled >= SETTLED_ROUNDS, (System.nanoTime() - startNs) / 1_000_000, cutShortBy);
    }

    /** One exchange under timeouts proves the connection; the rounds then run without them. */
    private static boolean probe(final Socket client, final Socket server, final int size, final boolean requestReply)
    {
        client.setOption(SocketOption.SNDTIMEO, PROBE_TIMEOUT_MS);
        server.setOption(SocketOption.RCVTIMEO, PROBE_TIMEOUT_MS);
        client.setOption(SocketOption.RCVTIMEO, PROBE_TIMEOUT_MS);
        server.setOption(SocketOption.SNDTIMEO, PROBE_TIMEOUT_MS);
        final byte[] message = new byte[size];
        boolean ok = client.send(message) && server.recv(0) == size;
        if (ok && requestReply)
        {
            ok = server.send(message) && client.recv(0) == size;
        }
        for (final Socket socket : new Socket[] {client, server})
        {
            socket.setOption(SocketOption.SNDTIMEO, -1);
            socket.setOption(SocketOption.RCVTIMEO, -1);
        }
        return ok;
    }

    /** A sender faster than its reader, who pauses now and then: the ring fills, reading stops and resumes. */
    private static Round oneWay(final Socket push, final Socket pull, final int size, final long deadlineNs)
    {
        final int messages = perRound(ROUND_MESSAGES, size);
        final int pauseEvery = Math.max(1, Math.min(PAUSE_EVERY, messages / 2));
        final AtomicInteger received = new AtomicInteger();
        final Thread reader = start(() ->
        {
            int count = 0;
            while (count < messages && pull.recv(0) == size)
            {
                if (++count % pauseEvery == 0)
                {
                    LockSupport.parkNanos(PAUSE_NS);
                }
            }
            received.set(count);
        });
        final byte[] message = new byte[size];
        final Thread sender = start(() ->
        {
            for (int i = 0; i < messages && push.send(message); i++)
            {
                // the reader counts what arrives
            }
        });
        final Round round = finish(deadlineNs, sender, reader);
        return Round.DONE == round && received.get() != messages ? Round.FAILED : round;
    }

    /**
     * REQ on this thread, REP echoing on another, as the latency tools run them in two processes. Both ends in one
     * process answer each other faster than two processes do, so neither would ever wait long enough to park (nor
     * its I/O thread to block in the selector) and the real run's first wait would trap; now and then each side
     * pauses before it sends, so the other's wait goes all the way to parking.
     */
    private static Round roundTrips(final Socket req, final Socket rep, final int size, final long deadlineNs)
    {
        final int trips = perRound(ROUND_TRIPS, 2L * size);
        final AtomicInteger echoed = new AtomicInteger();
        final Thread echo = start(() ->
        {
            int count = 0;
            while (count < trips && rep.recv(0) == size)
            {
                if (count % WAIT_EVERY == WAIT_EVERY / 2)
                {
                    LockSupport.parkNanos(WAIT_NS);
                }
                if (rep.send(rep.frame(), 0, size, 0) != Status.OK)
                {
                    break;
                }
                count++;
            }
            echoed.set(count);
        });
        final byte[] message = new byte[size];
        final AtomicInteger answered = new AtomicInteger();
        final Thread requester = start(() ->
        {
            int count = 0;
            while (count < trips)
            {
                if (count % WAIT_EVERY == 0)
                {
                    LockSupport.parkNanos(WAIT_NS);
                }
                if (!req.send(message) || req.recv(0) != size)
                {
                    break;
                }
                count++;
            }
            answered.set(count);
        });
        final Round round = finish(deadlineNs, requester, echo);
        return Round.DONE == round && (answered.get() != trips || echoed.get() != trips) ? Round.FAILED : round;
    }

    /** How a round ended. */
    private enum Round
    {
        DONE(null),
        FAILED("a round that did not complete"),
        STALLED("a round that stalled past its deadline (interrupted)"),
        STUCK("a round whose threads would not leave when interrupted");

        final String cutShortBy;

        Round(final String cutShortBy)
        {
            this.cutShortBy = cutShortBy;
        }
    }

    /**
     * Waits for a round's threads until {@code deadlineNs}; past it (or if the caller is interrupted), interrupts
     * them, so their blocking sends and receives return INTERRUPTED, and waits a little for them to leave.
     */
    private static Round finish(final long deadlineNs, final Thread... threads)
    {
        boolean ended = true;
        for (final Thread thread : threads)
        {
            ended = ended && joinUntil(thread, deadlineNs);
        }
        if (ended)
        {
            return Round.DONE;
        }
        for (final Thread thread : threads)
        {
            thread.interrupt();
        }
        final long leaveBy = System.nanoTime() + LEAVE_NS;
        boolean left = true;
        for (final Thread thread : threads)
        {
            left = leaves(thread, leaveBy) && left;
        }
        return left ? Round.STALLED : Round.STUCK;
    }

    /** Waits for an interrupted round's thread to end, by {@code deadlineNs}, whatever interrupts the caller. */
    private static boolean leaves(final Thread thread, final long deadlineNs)
    {
        boolean interrupted = Thread.interrupted();
        try
        {
            long leftNs;
            while (thread.isAlive() && (leftNs = deadlineNs - System.nanoTime()) > 0)
            {
                try
                {
                    TimeUnit.NANOSECONDS.timedJoin(thread, leftNs);
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            return !thread.isAlive();
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return true if {@code thread} ended by {@code deadlineNs}; false at the deadline or on an interrupt. */
    private static boolean joinUntil(final Thread thread, final long deadlineNs)
    {
        try
        {
            final long leftNs = deadlineNs - System.nanoTime();
            if (leftNs > 0)
            {
                TimeUnit.NANOSECONDS.timedJoin(thread, leftNs);
            }
            return !thread.isAlive();
        }
        catch (final InterruptedException ex)
        {
            // The application's thread was interrupted in build(): stop waiting, keep its flag for it.
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return {@code most}, or fewer so that a round of {@code bytes} each carries about {@link #ROUND_BYTES}. */
    private static int perRound(final int most, final long bytes)
    {
        return (int)Math.max(MIN_ROUND, Math.min(most, ROUND_BYTES / Math.max(1, bytes)));
    }

    private static Thread start(final Runnable task)
    {
        final Thread thread = new Thread(task, "ringmq-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void deleteQuietly(final Path directory)
    {
        if (null == directory)
        {
            return;
        }
        try (var files = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        }
        catch (final IOException ex)
        {
            // a temporary directory left behind costs nothing but its name
        }
    }
}
