package io.ringmq.transports;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(30)
class IoThreadsTest
{
    /** Stands in for a connection's stream engine: whatever the socket side writes comes straight back. */
    private static final class EchoWork implements IoWork
    {
        private final Pipe.End end;
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        private boolean pending;

        EchoWork(final Pipe.End end)
        {
            this.end = end;
        }

        @Override
        public int doWork()
        {
            int work = 0;
            while (true)
            {
                if (!pending && end.beginRead() == 0)
                {
                    return work;
                }
                pending = true;
                // Never block the I/O thread: at the mark, keep the message and try on the next duty cycle.
                if (end.tryClaim() != Pipe.CLAIMED)
                {
                    return work;
                }
                end.nextFrame(view);
                end.append(view, 0, view.capacity());
                end.publish();
                pending = false;
                work++;
            }
        }

        @Override
        public boolean isDone()
        {
            return end.isDrainedAndPeerClosed();
        }

        @Override
        public void onClose()
        {
            end.close();
        }
    }

    @Test
    void blockedIoThreadIsWokenByThePipeAndEchoesEverythingInOrder() throws Exception
    {
        final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        try (IoThreads io = new IoThreads(2, IdleStrategyKind.BLOCK, new int[0], "echo", errors::add))
        {
            assertEquals(0, io.started(), "no thread until there is work");
            final Pipe pipe = new Pipe(8, 8);
            final IdleStrategy idle = IdleStrategyKind.BLOCK.newStrategy();
            pipe.endA().waker(IdleStrategyKind.wakerFor(idle));
            final int index = io.register(new EchoWork(pipe.endB()));
            pipe.endB().waker(io.wakerFor(index));
            assertEquals(1, io.started());

            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
            final UnsafeBuffer view = new UnsafeBuffer(0, 0);
            int sent = 0;
            int received = 0;
            final int total = 20_000;
            while (received < total)
            {
                boolean progress = false;
                if (sent < total && pipe.endA().tryClaim() == Pipe.CLAIMED)
                {
                    buffer.putInt(0, sent++);
                    pipe.endA().append(buffer, 0, 4);
                    pipe.endA().publish();
                    progress = true;
                }
                if (pipe.endA().beginRead() > 0)
                {
                    pipe.endA().nextFrame(view);
                    assertEquals(received++, view.getInt(0));
                    progress = true;
                }
                idle.idle(progress ? 1 : 0);
            }
            pipe.endA().close();
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    @Test
    void workIsSpreadOverAFixedSetOfThreadsWhichCloseCleanly() throws Exception
    {
        final AtomicInteger closed = new AtomicInteger();
        final CountDownLatch allRan = new CountDownLatch(5);
        final IoThreads io = new IoThreads(2, IdleStrategyKind.BACK_OFF, new int[]{0}, "fixed", Throwable::printStackTrace);
        for (int i = 0; i < 5; i++)
        {
            io.register(new IoWork()
            {
                private boolean ran;

                @Override
                public int doWork()
                {
                    if (!ran)
                    {
                        ran = true;
                        allRan.countDown();
                        return 1;
                    }
                    return 0;
                }

                @Override
                public void onClose()
                {
                    closed.incrementAndGet();
                }
            });
        }
        assertTrue(allRan.await(10, TimeUnit.SECONDS));
        assertEquals(2, io.started(), "five connections, two threads");
        final int pinned = io.pinnedCpu(0);
        assertTrue(pinned == 0 || pinned == -1, "pinned to CPU 0 where native affinity is available: " + pinned);
        io.close();
        assertEquals(5, closed.get(), "every work item is closed on shutdown");
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            assertFalse(thread.getName().startsWith("fixed-io-"), "thread left running: " + thread.getName());
        }
        assertThrows(IllegalStateException.class, () -> io.register(() -> 0));
    }

    @Test
    void failingWorkIsDroppedAndReportedOthersKeepRunning() throws Exception
    {
        final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        final AtomicBoolean failedClosed = new AtomicBoolean();
        final CountDownLatch healthyRuns = new CountDownLatch(100);
        try (IoThreads io = new IoThreads(1, IdleStrategyKind.BACK_OFF, new int[0], "failing", errors::add))
        {
            io.register(new IoWork()
            {
                @Override
                public int doWork() throws Exception
                {
                    throw new java.io.IOException("connection reset");
                }

                @Override
                public void onClose()
                {
                    failedClosed.set(true);
                }
            });
            io.register(() ->
            {
                healthyRuns.countDown();
                return 0;
            });
            assertTrue(healthyRuns.await(10, TimeUnit.SECONDS));
        }
        assertTrue(failedClosed.get());
        assertEquals(1, errors.size());
        assertTrue(errors.peek().getCause() instanceof java.io.IOException);
    }
}
