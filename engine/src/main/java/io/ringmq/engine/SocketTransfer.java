package io.ringmq.engine;

import io.ringmq.rings.BlockingIdleStrategy;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

/**
 * The status path of one socket's send and receive: try the pattern; in caller-runs mode run the socket's own I/O
 * agent; on would-block wait with the socket's idle strategy up to SNDTIMEO or RCVTIMEO, until the context closes or
 * the thread is interrupted, and try again. Allocates nothing, and gives would-block, wrong state and termination
 * as statuses; the {@link Socket} checks that it is open and counts what went through. The socket's thread only.
 */
final class SocketTransfer
{
    private final Context context;
    private final NanoClock clock;
    private final Options options;
    private final Pattern pattern;
    private final SocketLinks links;
    private final Frame frame;
    private final IdleStrategy idle;
    /** In caller-runs mode (no I/O threads), from the first tcp or ipc endpoint on, the socket's own I/O agent. */
    private CallerRunsInvoker callerRuns;

    SocketTransfer(
        final Context context,
        final Options options,
        final Pattern pattern,
        final SocketLinks links,
        final Frame frame,
        final IdleStrategy idle)
    {
        this.context = context;
        this.clock = context.clock();
        this.options = options;
        this.pattern = pattern;
        this.links = links;
        this.frame = frame;
        this.idle = idle;
    }

    /** Caller-runs mode: from now on this thread runs {@code callerRuns}'s duty cycle inside its calls. */
    void callerRuns(final CallerRunsInvoker callerRuns)
    {
        this.callerRuns = callerRuns;
    }

    /** @return the socket's own I/O agent, or null unless caller-runs mode has a tcp or ipc endpoint. */
    CallerRunsInvoker callerRuns()
    {
        return callerRuns;
    }

    /** Caller-runs: one duty cycle of the socket's own I/O agent, if it has one, to read and write the network. */
    void doCallerRunsWork()
    {
        if (null != callerRuns)
        {
            callerRuns.doWork();
        }
    }

    /** @return {@link Status#OK} or WOULD_BLOCK, WRONG_STATE, UNROUTABLE, TERMINATED, INTERRUPTED. */
    int send(final DirectBuffer buffer, final int offset, final int length, final int flags)
    {
        if (context.isClosed())
        {
            return Status.TERMINATED;
        }
        links.processInbox();
        final boolean more = (flags & Socket.SNDMORE) != 0;
        final int status = pattern.send(buffer, offset, length, more);
        if (null != callerRuns)
        {
            callerRuns.flush(); // caller-runs: the write syscall happens here, on this thread
        }
        if (Status.WOULD_BLOCK != status || (flags & Socket.DONTWAIT) != 0 || 0 == options.sndTimeoutMs)
        {
            return status;
        }
        final long deadline = deadline(options.sndTimeoutMs);
        idle.reset();
        while (true)
        {
            final int waited = await(deadline);
            if (Status.OK != waited)
            {
                return waited;
            }
            links.processInbox();
            final int retried = pattern.send(buffer, offset, length, more);
            if (Status.WOULD_BLOCK != retried)
            {
                idle.reset();
                if (null != callerRuns)
                {
                    callerRuns.flush();
                }
                return retried;
            }
        }
    }

    /** @return the frame's length (0 or more), or WOULD_BLOCK, WRONG_STATE, TERMINATED, INTERRUPTED. */
    int recv(final int flags)
    {
        if (context.isClosed())
        {
            return Status.TERMINATED;
        }
        links.processInbox();
        int status = pattern.recv(frame);
        if (Status.WOULD_BLOCK == status && null != callerRuns)
        {
            // Caller-runs: nothing decoded yet, so read the network on this thread and look again.
            callerRuns.doWork();
            links.processInbox();
            status = pattern.recv(frame);
        }
        if (Status.WOULD_BLOCK == status && (flags & Socket.DONTWAIT) == 0 && 0 != options.rcvTimeoutMs)
        {
            final long deadline = deadline(options.rcvTimeoutMs);
            idle.reset();
            while (true)
            {
                final int waited = await(deadline);
                if (Status.OK != waited)
                {
                    return waited;
                }
                links.processInbox();
                status = pattern.recv(frame);
                if (Status.WOULD_BLOCK != status)
                {
                    idle.reset();
                    break;
                }
            }
        }
        return Status.OK == status ? frame.view.capacity() : status;
    }

    /** @return when a wait of {@code timeoutMs} (-1 = forever) started now ends, on the socket's clock. */
    long deadline(final int timeoutMs)
    {
        return timeoutMs < 0 ? Long.MAX_VALUE : clock.nanoTime() + timeoutMs * 1_000_000L;
    }

    /** Lets a poller's thread be woken by this socket's producers while it waits on many sockets (BLOCK only). */
    void armForPoller()
    {
        if (idle instanceof BlockingIdleStrategy)
        {
            ((BlockingIdleStrategy)idle).arm();
        }
    }

    void disarmForPoller()
    {
        idle.reset();
    }

    /**
     * Idles once, then reports why the caller must stop waiting, if it must.
     *
     * @return {@link Status#OK} to retry, or WOULD_BLOCK (deadline passed), TERMINATED, INTERRUPTED.
     */
    private int await(final long deadline)
    {
        long remaining = Long.MAX_VALUE;
        if (Long.MAX_VALUE != deadline)
        {
            remaining = deadline - clock.nanoTime();
            if (remaining <= 0)
            {
                idle.reset();
                return Status.WOULD_BLOCK;
            }
        }
        if (null != callerRuns)
        {
            callerRuns.idle(idle, remaining); // caller-runs: this thread is the I/O thread
        }
        else if (idle instanceof BlockingIdleStrategy)
        {
            ((BlockingIdleStrategy)idle).idle(remaining);
        }
        else
        {
            idle.idle();
        }
        if (context.isClosed())
        {
            idle.reset();
            return Status.TERMINATED;
        }
        if (Thread.currentThread().isInterrupted())
        {
            idle.reset();
            return Status.INTERRUPTED;
        }
        return Status.OK;
    }
}
