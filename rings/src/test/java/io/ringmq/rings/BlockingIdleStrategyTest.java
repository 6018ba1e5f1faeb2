package io.ringmq.rings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(20)
class BlockingIdleStrategyTest
{
    @Test
    void producerWakesParkedConsumerLongBeforeParkLimit() throws Exception
    {
        // The park limit is far beyond the test timeout: only a wake-up can let the consumer finish in time.
        final BlockingIdleStrategy idle = new BlockingIdleStrategy(TimeUnit.MINUTES.toNanos(10));
        final AtomicBoolean work = new AtomicBoolean();
        final Thread consumer = new Thread(() ->
        {
            while (!work.get())
            {
                idle.idle();
            }
        });
        consumer.start();
        while (consumer.getState() != Thread.State.TIMED_WAITING)
        {
            Thread.onSpinWait();
        }
        work.set(true);
        idle.wake();
        consumer.join(TimeUnit.SECONDS.toMillis(15));
        assertFalse(consumer.isAlive());
    }

    @Test
    void firstIdleOnlyArmsSoCallerPollsOnceMoreBeforeParking()
    {
        final BlockingIdleStrategy idle = new BlockingIdleStrategy(TimeUnit.MINUTES.toNanos(10));
        // A wake-up that lands between arming and parking leaves a permit: the park returns at once.
        idle.idle();
        idle.wake();
        idle.idle();
        idle.reset();
        assertEquals("block", idle.alias());
    }

    @Test
    void wakeWithNobodyParkedIsHarmless()
    {
        final BlockingIdleStrategy idle = new BlockingIdleStrategy();
        idle.wake();
        assertSame(idle, IdleStrategyKind.wakerFor(idle));
        assertSame(Waker.NONE, IdleStrategyKind.wakerFor(IdleStrategyKind.BACK_OFF.newStrategy()));
    }
}
