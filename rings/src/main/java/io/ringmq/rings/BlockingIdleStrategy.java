package io.ringmq.rings;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Parks the idle thread until a producer wakes it, for shared machines where spinning would steal a core.
 *
 * <p>Wake-ups are rare: a producer calls {@link #wake()} after every publish, but that only reads a volatile flag
 * unless the consumer is actually parked. To close the race between "consumer saw nothing" and "consumer parked",
 * idling is two steps: the first {@link #idle()} only raises the parked flag and returns so the caller polls once
 * more; the next call parks. A producer publishing in between sees the flag and unparks, which makes the park
 * return at once.
 *
 * <p>Parks are bounded by {@code maxParkNanos} so deadlines (send and receive timeouts) are checked even if nobody
 * publishes.
 */
public final class BlockingIdleStrategy implements IdleStrategy, Waker
{
    public static final String ALIAS = "block";
    public static final long DEFAULT_MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long maxParkNanos;
    /**
     * Idle calls that spin, then yield, before the thread arms and parks: under load the next message usually
     * comes within microseconds, and a park/unpark pair costs two system calls and a context switch each time.
     */
    public static final int SPINS = 20;
    static final int YIELDS = 10;

    private static final java.lang.invoke.VarHandle PARKED;

    static
    {
        try
        {
            PARKED = java.lang.invoke.MethodHandles.lookup()
                .findVarHandle(BlockingIdleStrategy.class, "parked", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private volatile Thread parked;
    private boolean armed;
    private int idles;

    public BlockingIdleStrategy()
    {
        this(DEFAULT_MAX_PARK_NS);
    }

    public BlockingIdleStrategy(final long maxParkNanos)
    {
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        idle(maxParkNanos);
    }

    /**
     * Like {@link #idle()} but parks at most {@code nanos}, for callers that have a nearer deadline.
     */
    public void idle(final long nanos)
    {
        if (idles < SPINS + YIELDS)
        {
            if (idles++ < SPINS)
            {
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
            }
            return;
        }
        if (!armed)
        {
            armed = true;
            parked = Thread.currentThread();
            return;
        }
        LockSupport.parkNanos(this, Math.max(1, Math.min(nanos, maxParkNanos)));
        armed = false;
        parked = null;
    }

    /**
     * Raises the parked flag without parking, for a thread that waits on several strategies at once (a poller): it
     * arms them all, polls once more, then parks itself with {@link java.util.concurrent.locks.LockSupport}; a
     * producer on any of them unparks it. {@link #reset()} lowers the flag again.
     */
    public void arm()
    {
        armed = true;
        parked = Thread.currentThread();
    }

    /** @return the longest a single park lasts, so deadlines are checked at least this often. */
    public long maxParkNanos()
    {
        return maxParkNanos;
    }

    @Override
    public void reset()
    {
        idles = 0;
        if (armed)
        {
            armed = false;
            parked = null;
        }
    }

    @Override
    public void wake()
    {
        // Take the flag, so that of many producers (or many messages) only the first pays for the unpark: a
        // thread on the same core as its producer may not run until the producer has published a whole batch.
        if (null != parked)
        {
            final Thread thread = (Thread)PARKED.getAndSet(this, null);
            if (null != thread)
            {
                LockSupport.unpark(thread);
            }
        }
    }

    @Override
    public String alias()
    {
        return ALIAS;
    }
}
