package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Many producers into one PULL or ROUTER, small marks so back-pressure is constant: nothing lost, duplicated or
 * reordered within a pipe. Then producers closing mid-stream: each delivers a gap-free prefix.
 */
@Timeout(120)
class StressTest
{
    private static final int PRODUCERS = 4;
    private static final int MESSAGES = 50_000;

    @Test
    void manyPushersIntoOnePullWithBackOff() throws Exception
    {
        manyIntoOne(WaitStrategy.BACK_OFF, SocketType.PUSH, SocketType.PULL);
    }

    @Test
    void manyDealersIntoOneRouterWithBlock() throws Exception
    {
        manyIntoOne(WaitStrategy.BLOCK, SocketType.DEALER, SocketType.ROUTER);
    }

    private static void manyIntoOne(final WaitStrategy idle, final SocketType producerType,
        final SocketType consumerType)
        throws Exception
    {
        try (Context context = Context.builder().idleStrategy(idle).build();
             Socket consumer = context.socket(consumerType))
        {
            consumer.setOption(SocketOption.RCVHWM, 8);
            consumer.bind("inproc://stress");
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++)
            {
                final int producerId = p;
                final Socket producer = context.socket(producerType);
                producer.setOption(SocketOption.SNDHWM, 8);
                producer.setOption(SocketOption.ROUTING_ID, new byte[]{(byte)('A' + p)});
                producer.connect("inproc://stress");
                final Thread thread = new Thread(() ->
                {
                    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
                    try (producer)
                    {
                        for (int i = 0; i < MESSAGES; i++)
                        {
                            buffer.putInt(0, producerId);
                            buffer.putInt(4, i);
                            assertEquals(Status.OK, producer.send(buffer, 0, 4, Socket.SNDMORE));
                            assertEquals(Status.OK, producer.send(buffer, 4, 4, 0));
                        }
                    }
                }, "producer-" + p);
                thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
                threads.add(thread);
                thread.start();
            }

            final int[] next = new int[PRODUCERS];
            final boolean router = consumerType == SocketType.ROUTER;
            for (int received = 0; received < PRODUCERS * MESSAGES; received++)
            {
                if (router)
                {
                    assertEquals(1, consumer.recv(0));
                    final int idByte = consumer.frame().getByte(0) - 'A';
                    assertTrue(consumer.hasMore());
                    assertEquals(4, consumer.recv(0));
                    assertEquals(idByte, consumer.frame().getInt(0), "routing id matches the sender");
                }
                else
                {
                    assertEquals(4, consumer.recv(0));
                }
                final int producerId = consumer.frame().getInt(0);
                assertTrue(consumer.hasMore(), "all frames or none");
                assertEquals(4, consumer.recv(0));
                assertFalse(consumer.hasMore());
                assertEquals(next[producerId]++, consumer.frame().getInt(0), "in order, once, from " + producerId);
            }
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
                assertFalse(thread.isAlive());
            }
            assertNull(failure.get());
            assertEquals(Status.WOULD_BLOCK, consumer.recv(Socket.DONTWAIT));
            for (final int count : next)
            {
                assertEquals(MESSAGES, count);
            }
        }
    }

    @Test
    void producersClosingWhileSendingDeliverAGapFreePrefix() throws Exception
    {
        try (Context context = Context.builder().idleStrategy(WaitStrategy.BACK_OFF).build();
             Socket pull = context.socket(SocketType.PULL))
        {
            pull.setOption(SocketOption.RCVHWM, 4);
            pull.bind("inproc://closing");
            final List<Thread> threads = new ArrayList<>();
            final int[] sent = new int[PRODUCERS];
            for (int p = 0; p < PRODUCERS; p++)
            {
                final int producerId = p;
                final Socket push = context.socket(SocketType.PUSH);
                push.setOption(SocketOption.SNDHWM, 4);
                push.connect("inproc://closing");
                final Thread thread = new Thread(() ->
                {
                    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
                    // Stop at a different point each, some in the middle of a multipart message.
                    final int stopAt = 1_000 * (producerId + 1);
                    int i = 0;
                    for (; i < stopAt; i++)
                    {
                        buffer.putInt(0, producerId);
                        buffer.putInt(4, i);
                        push.send(buffer, 0, 4, Socket.SNDMORE);
                        push.send(buffer, 4, 4, 0);
                    }
                    buffer.putInt(0, producerId);
                    push.send(buffer, 0, 4, Socket.SNDMORE); // a half-sent message: never delivered
                    sent[producerId] = i;
                    push.close();
                }, "closing-producer-" + p);
                threads.add(thread);
                thread.start();
            }
            final int[] next = new int[PRODUCERS];
            int expected = 0;
            for (int p = 0; p < PRODUCERS; p++)
            {
                expected += 1_000 * (p + 1);
            }
            for (int received = 0; received < expected; received++)
            {
                assertEquals(4, pull.recv(0));
                final int producerId = pull.frame().getInt(0);
                assertTrue(pull.hasMore());
                assertEquals(4, pull.recv(0));
                assertEquals(next[producerId]++, pull.frame().getInt(0));
            }
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
                assertFalse(thread.isAlive());
            }
            pull.setOption(SocketOption.RCVTIMEO, 0);
            assertEquals(Status.WOULD_BLOCK, pull.recv(0), "half-sent messages are dropped");
            assertArrayEquals(sent, next);
            assertTrue(pull.links().isEmpty(), "closed producers' pipes are forgotten once drained");
        }
    }

    @Test
    void closingTheContextUnderBlockedSendersEndsThemWithTerminated() throws Exception
    {
        final Context context = Context.create();
        final Socket pull = context.socket(SocketType.PULL);
        pull.setOption(SocketOption.RCVHWM, 2);
        pull.bind("inproc://closing-context");
        final List<Thread> threads = new ArrayList<>();
        final int[] results = new int[PRODUCERS];
        final int[] sent = new int[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++)
        {
            final int producerId = p;
            final Socket push = context.socket(SocketType.PUSH);
            push.setOption(SocketOption.SNDHWM, 2);
            push.connect("inproc://closing-context");
            final Thread thread = new Thread(() ->
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
                int status;
                int i = 0;
                // Nobody reads: every producer ends up blocked at the mark until the context closes.
                while (true)
                {
                    buffer.putInt(0, producerId);
                    buffer.putInt(4, i);
                    status = push.send(buffer, 0, 8, 0);
                    if (status != Status.OK)
                    {
                        break;
                    }
                    i++;
                }
                sent[producerId] = i;
                results[producerId] = status;
                push.close();
            });
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING)
            {
                Thread.onSpinWait();
            }
        }
        context.close();
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive());
        }
        for (int p = 0; p < PRODUCERS; p++)
        {
            assertEquals(Status.TERMINATED, results[p]);
            assertEquals(4, sent[p], "SNDHWM + RCVHWM each, then blocked");
        }
        pull.close();
    }
}
