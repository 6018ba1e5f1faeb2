package io.ringmq.engine;

import io.ringmq.rings.IdleStrategyKind;
import org.agrona.concurrent.IdleStrategy;

/**
 * How a blocked socket, a poller and the I/O threads wait for work: the choice between latency and sharing a core
 * ({@link Context.Builder#idleStrategy(WaitStrategy)}).
 */
public enum WaitStrategy
{
    /** Spins on the core: lowest latency, for cores the application owns. */
    BUSY_SPIN(IdleStrategyKind.BUSY_SPIN),
    /** Spins with {@code Thread.yield()}. */
    YIELD(IdleStrategyKind.YIELD),
    /** Spins, then yields, then parks for growing periods (1 µs to 1 ms): good on shared machines, no wake-ups. */
    BACK_OFF(IdleStrategyKind.BACK_OFF),
    /** Parks until a producer wakes it: the default, friendliest to shared machines. */
    BLOCK(IdleStrategyKind.BLOCK);

    private final IdleStrategyKind kind;

    WaitStrategy(final IdleStrategyKind kind)
    {
        this.kind = kind;
    }

    /** The rings' name for the same strategy, which the I/O threads are built with. */
    IdleStrategyKind kind()
    {
        return kind;
    }

    /** A fresh strategy for one waiting party: strategies keep state (spin counts, the parked flag). */
    IdleStrategy newStrategy()
    {
        return kind.newStrategy();
    }
}
