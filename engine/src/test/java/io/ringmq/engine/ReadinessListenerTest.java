package io.ringmq.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** An application's own event loop waits on its own primitive; the socket's listener wakes it. */
@Timeout(20)
class ReadinessListenerTest
{
    @Test
    void listenerWakesAnEventLoopThatOwnsTheSocket() throws Exception
    {
        for (final WaitStrategy kind : new WaitStrategy[]{WaitStrategy.BLOCK, WaitStrategy.BACK_OFF})
        {
            try (Context context = Context.builder().idleStrategy(kind).build();
                 Socket push = context.socket(SocketType.PUSH))
            {
                final Socket pull = context.socket(SocketType.PULL);
                pull.bind("inproc://loop");
                final Semaphore wakeUps = new Semaphore(0);
                pull.readinessListener(wakeUps::release);
                final AtomicInteger received = new AtomicInteger();
                final int messages = 1_000;

                final Thread eventLoop = new Thread(() ->
                {
                    try (pull)
                    {
                        while (received.get() < messages)
                        {
                            // The loop's own wait, e.g. a selector; the listener ends it.
                            if (!wakeUps.tryAcquire(5, TimeUnit.SECONDS))
                            {
                                return; // a lost wake-up: the count below fails the test
                            }
                            wakeUps.drainPermits();
                            while (pull.recv(Socket.DONTWAIT) >= 0)
                            {
                                received.incrementAndGet();
                            }
                        }
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                });
                eventLoop.start();
                push.connect("inproc://loop");
                for (int i = 0; i < messages; i++)
                {
                    assertTrue(push.send("m"));
                }
                eventLoop.join(TimeUnit.SECONDS.toMillis(15));
                assertFalse(eventLoop.isAlive());
                assertEquals(messages, received.get());
            }
        }
    }

    @Test
    void removingTheListenerStopsTheCalls()
    {
        try (Context context = Context.create();
             Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH))
        {
            pull.bind("inproc://quiet");
            push.connect("inproc://quiet");
            final AtomicInteger calls = new AtomicInteger();
            pull.readinessListener(calls::incrementAndGet);
            push.send("one");
            assertTrue(calls.get() > 0);
            pull.readinessListener(null);
            final int before = calls.get();
            push.send("two");
            assertEquals(before, calls.get());
            assertEquals("one", pull.recvString());
            assertEquals("two", pull.recvString());
        }
    }
}
