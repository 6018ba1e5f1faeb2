package io.ringmq.transports;

/**
 * One unit of I/O an I/O thread polls in its duty cycle: a connection's stream engine (read the channel into its
 * pipe, drain its pipe into the channel), a listener accepting connections, a reconnect timer. Runs only on the
 * I/O thread it was registered with.
 */
public interface IoWork
{
    /**
     * Does whatever can be done now without blocking.
     *
     * @return how much was done (0 = nothing, so the thread may idle).
     */
    int doWork() throws Exception;

    /** @return true once this work is finished; the thread then calls {@link #onClose()} and forgets it. */
    default boolean isDone()
    {
        return false;
    }

    /** Called on the I/O thread when the work is done or the threads shut down. */
    default void onClose()
    {
    }
}
