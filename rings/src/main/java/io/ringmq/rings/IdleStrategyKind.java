package io.ringmq.rings;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * How a thread waits for work: the choice between latency and sharing a core. Each waiting party gets its own
 * strategy instance ({@link #newStrategy()}) because strategies keep state (spin counts, the parked flag).
 */
public enum IdleStrategyKind
{
    /** Spins on the core: lowest latency, for cores the application owns. */
    BUSY_SPIN,
    /** Spins with {@code Thread.yield()}. */
    YIELD,
    /** Spins, then yields, then parks for growing periods (1 µs to 1 ms): good on shared machines, no wake-ups. */
    BACK_OFF,
    /** Parks until a producer wakes it: the default, friendliest to shared machines. */
    BLOCK;

    public IdleStrategy newStrategy()
    {
        switch (this)
        {
            case BUSY_SPIN:
                return BusySpinIdleStrategy.INSTANCE;
            case YIELD:
                return YieldingIdleStrategy.INSTANCE;
            case BACK_OFF:
                return new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
            default:
                return new BlockingIdleStrategy();
        }
    }

    /**
     * @return what producers should poke for a consumer using {@code strategy}: the strategy itself when it parks
     * waiting to be woken, else {@link Waker#NONE} so producers pay nothing.
     */
    public static Waker wakerFor(final IdleStrategy strategy)
    {
        return strategy instanceof Waker ? (Waker)strategy : Waker.NONE;
    }
}
