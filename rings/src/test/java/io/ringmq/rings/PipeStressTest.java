package io.ringmq.rings;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One producer thread, one consumer thread, a small high-water mark so the producer hits back-pressure constantly:
 * every message must arrive exactly once, in order, with all its frames.
 */
@Timeout(60)
class PipeStressTest
{
    private static final int MESSAGES = 200_000;
    /** The bounded stress harness of issue 9: a million messages, random pauses on both ends, the block strategy. */
    private static final int PAUSING_MESSAGES = 1_000_000;

    @Test
    void noLossNoDuplicationNoReorderingWithBackOff() throws Exception
    {
        run(IdleStrategyKind.BACK_OFF);
    }

    @Test
    void noLossNoDuplicationNoReorderingWithBlock() throws Exception
    {
        run(IdleStrategyKind.BLOCK);
    }

    @Test
    void noLossWhileRingsGrowUnderALargeMark() throws Exception
    {
        run(IdleStrategyKind.BACK_OFF, 50_000);
    }

    @Test
    void aMillionMessagesWithRandomPausesOnBothEndsArriveExactlyOnceInOrder() throws Exception
    {
        run(IdleStrategyKind.BLOCK, 16, PAUSING_MESSAGES, true);
    }

    @Test
    void aMillionMessagesWithRandomPausesAndALargeMarkArriveExactlyOnceInOrder() throws Exception
    {
        run(IdleStrategyKind.BLOCK, 1_000, PAUSING_MESSAGES, true);
    }

    private static void run(final IdleStrategyKind kind) throws Exception
    {
        run(kind, 16);
    }

    /**
     * A pause of up to 200 us about once in 2,000 operations, at a random point: the other side finds the ring
     * full or empty and parks, and the pausing side's next publish or take must wake it (never the park's own
     * limit: the pause lengths are far below it, so a lost wake-up would show as a run many times longer, and a
     * lost or repeated message as a failed assertion).
     */
    private static void maybePause(final java.util.SplittableRandom random)
    {
        if (random.nextInt(2_000) == 0)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(200_000));
        }
    }

    private static void run(final IdleStrategyKind kind, final int hwm) throws Exception
    {
        run(kind, hwm, MESSAGES, false);
    }

    private static void run(final IdleStrategyKind kind, final int hwm, final int messages, final boolean pauses)
        throws Exception
    {
        final Pipe pipe = new Pipe(hwm, hwm);
        final IdleStrategy producerIdle = kind.newStrategy();
        final IdleStrategy consumerIdle = kind.newStrategy();
        pipe.endA().waker(IdleStrategyKind.wakerFor(producerIdle));
        pipe.endB().waker(IdleStrategyKind.wakerFor(consumerIdle));
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        // With a large mark the producer gets a head start of 1,000 messages, so the rings must have grown.
        final CountDownLatch headStart = new CountDownLatch(hwm > 1_000 ? 1 : 0);

        final Thread producer = new Thread(() ->
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[300]);
            final Pipe.End a = pipe.endA();
            final java.util.SplittableRandom random = new java.util.SplittableRandom(1);
            for (int i = 0; i < messages; i++)
            {
                if (pauses)
                {
                    maybePause(random);
                }
                while (a.tryClaim() != Pipe.CLAIMED)
                {
                    producerIdle.idle(0);
                }
                producerIdle.reset();
                frame.putLong(0, i);
                a.append(frame, 0, 8);
                // Every 7th message is large enough to overflow the slot, every 3rd has a second frame.
                if (i % 7 == 0)
                {
                    frame.putInt(0, ~i);
                    a.append(frame, 0, 300);
                }
                else if (i % 3 == 0)
                {
                    frame.putInt(0, ~i);
                    a.append(frame, 0, 4);
                }
                a.publish();
                if (i == 1_000)
                {
                    headStart.countDown();
                }
            }
            a.close();
        }, "pipe-stress-producer");
        producer.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        producer.start();

        headStart.await();
        final Pipe.End b = pipe.endB();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final java.util.SplittableRandom random = new java.util.SplittableRandom(2);
        long expected = 0;
        try
        {
            while (!b.isDrainedAndPeerClosed())
            {
                final int frames = b.beginRead();
                if (frames == 0)
                {
                    consumerIdle.idle(0);
                    continue;
                }
                consumerIdle.reset();
                if (pauses)
                {
                    maybePause(random);
                }
                b.nextFrame(view);
                assertEquals(expected, view.getLong(0));
                final int want = expected % 7 == 0 || expected % 3 == 0 ? 2 : 1;
                assertEquals(want, frames, "frames of message " + expected);
                if (frames == 2)
                {
                    b.nextFrame(view);
                    assertEquals(~(int)expected, view.getInt(0));
                    assertEquals(expected % 7 == 0 ? 300 : 4, view.capacity());
                }
                expected++;
            }
        }
        finally
        {
            b.close();
            producer.join(30_000);
        }
        assertNull(failure.get());
        assertFalse(producer.isAlive());
        assertEquals(messages, expected);
        if (hwm > 1_000)
        {
            assertTrue(pipe.endA().outboundCapacity() >= 1_024, "grew from 32 slots while the reader followed");
        }
    }
}
