package io.ringmq.engine;

import io.ringmq.rings.BlockingIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until one of several sockets can receive or send, as {@code zmq_poll}. Like the sockets it watches, a poller
 * is used by one thread at a time. With the BLOCK idle strategy the waiting thread parks and a message for any of
 * the sockets unparks it; with the others it polls with that strategy.
 *
 * <pre>{@code
 * Poller poller = new Poller(context);
 * int frontendIndex = poller.register(frontend, Poller.POLLIN);
 * int backendIndex = poller.register(backend, Poller.POLLIN);
 * while (poller.poll(-1) > 0)
 * {
 *     if (poller.isReadable(frontendIndex)) { ... frontend.recv(Socket.DONTWAIT) ... }
 *     if (poller.isReadable(backendIndex)) { ... }
 * }
 * }</pre>
 */
public final class Poller
{
    /** Interest in, or readiness for, receiving. */
    public static final int POLLIN = 1;
    /** Interest in, or readiness for, sending. */
    public static final int POLLOUT = 2;

    /** Longest park while a caller-runs socket is registered: its network data cannot unpark the poller. */
    static final long CALLER_RUNS_PARK_NS = 1_000_000;

    private final Context context;
    private final NanoClock clock;
    private final IdleStrategy idle;
    private Socket[] sockets = new Socket[4];
    private int[] interest = new int[4];
    private int[] ready = new int[4];
    private int size;

    public Poller(final Context context)
    {
        this.context = context;
        this.clock = context.clock();
        this.idle = context.idleStrategy().newStrategy();
    }

    /**
     * @param events {@link #POLLIN} and/or {@link #POLLOUT}.
     * @return the index to ask {@link #readyEvents(int)} about.
     */
    public int register(final Socket socket, final int events)
    {
        if (socket.context() != context)
        {
            throw new RingMqException(socket.type() + " socket belongs to another context");
        }
        if (size == sockets.length)
        {
            sockets = Arrays.copyOf(sockets, size * 2);
            interest = Arrays.copyOf(interest, size * 2);
            ready = Arrays.copyOf(ready, size * 2);
        }
        sockets[size] = socket;
        interest[size] = events;
        ready[size] = 0;
        return size++;
    }

    /**
     * Waits until at least one registered socket is ready for an event it was registered for.
     *
     * @param timeoutMs -1 to wait forever, 0 to check and return.
     * @return how many sockets are ready (0 on timeout), or {@link Status#TERMINATED} or {@link Status#INTERRUPTED}.
     */
    public int poll(final long timeoutMs)
    {
        final long deadline = timeoutMs < 0 ? Long.MAX_VALUE : clock.nanoTime() + timeoutMs * 1_000_000L;
        boolean armed = false;
        idle.reset();
        try
        {
            while (true)
            {
                if (context.isClosed())
                {
                    return Status.TERMINATED;
                }
                final int count = scan();
                if (count > 0)
                {
                    return count;
                }
                long remaining = Long.MAX_VALUE;
                if (Long.MAX_VALUE != deadline)
                {
                    remaining = deadline - clock.nanoTime();
                    if (remaining <= 0)
                    {
                        return 0;
                    }
                }
                if (Thread.currentThread().isInterrupted())
                {
                    return Status.INTERRUPTED;
                }
                if (idle instanceof BlockingIdleStrategy)
                {
                    if (!armed)
                    {
                        // Raise every socket's parked flag, then scan once more before parking: a message that
                        // arrives in between finds the flag and leaves an unpark permit.
                        for (int i = 0; i < size; i++)
                        {
                            sockets[i].armForPoller();
                        }
                        armed = true;
                        continue;
                    }
                    LockSupport.parkNanos(this, Math.min(remaining, maxParkNanos()));
                    disarm();
                    armed = false;
                }
                else
                {
                    idle.idle();
                }
            }
        }
        finally
        {
            if (armed)
            {
                disarm();
            }
        }
    }

    /**
     * A caller-runs socket only learns of network data when its own thread runs its I/O agent, which this poller
     * does on every scan ({@link Socket#canReceive()}); nothing unparks the poller for such data. So with a
     * caller-runs socket registered, parks are short: bounded latency at the cost of a wake-up per millisecond.
     */
    private long maxParkNanos()
    {
        final long max = ((BlockingIdleStrategy)idle).maxParkNanos();
        for (int i = 0; i < size; i++)
        {
            if (sockets[i].isCallerRuns())
            {
                return Math.min(max, CALLER_RUNS_PARK_NS);
            }
        }
        return max;
    }

    private void disarm()
    {
        for (int i = 0; i < size; i++)
        {
            sockets[i].disarmForPoller();
        }
    }

    private int scan()
    {
        int count = 0;
        for (int i = 0; i < size; i++)
        {
            final Socket socket = sockets[i];
            int events = 0;
            if ((interest[i] & POLLIN) != 0 && socket.canReceive())
            {
                events |= POLLIN;
            }
            if ((interest[i] & POLLOUT) != 0 && socket.canSend())
            {
                events |= POLLOUT;
            }
            ready[i] = events;
            if (events != 0)
            {
                count++;
            }
        }
        return count;
    }

    /** @return the events the socket at {@code index} was ready for after the last {@link #poll(long)}. */
    public int readyEvents(final int index)
    {
        return ready[index];
    }

    public boolean isReadable(final int index)
    {
        return (ready[index] & POLLIN) != 0;
    }

    public boolean isWritable(final int index)
    {
        return (ready[index] & POLLOUT) != 0;
    }

    /** @return the number of registered sockets. */
    public int size()
    {
        return size;
    }
}
