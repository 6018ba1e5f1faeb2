package io.ringmq.engine;

import io.ringmq.codecs.SocketType;
import io.ringmq.transports.IdleStrategyKind;
import io.ringmq.transports.IoThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(20)
class ContextIoThreadsTest
{
    @Test
    void ioThreadsStartOnFirstRegistrationAndStopWithTheContext() throws Exception
    {
        final Context context = Context.builder().ioThreads(2).idleStrategy(IdleStrategyKind.BACK_OFF).build();
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH))
        {
            pull.bind("inproc://no-io");
            push.connect("inproc://no-io");
            push.send("inproc needs no I/O thread");
            assertEquals("inproc needs no I/O thread", pull.recvString());
        }
        final IoThreads io = context.io();
        assertEquals(0, io.started());
        final CountDownLatch ran = new CountDownLatch(1);
        io.register(() ->
        {
            ran.countDown();
            return 0;
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertEquals(1, io.started());
        context.close();
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            assertFalse(thread.getName().startsWith("ringmq-io-"), "left running: " + thread.getName());
        }
    }

    @Test
    void callerRunsModeHasNoIoThreads()
    {
        try (Context context = Context.builder().ioThreads(0).build())
        {
            assertNull(context.io());
            assertEquals(0, context.ioThreads());
        }
    }
}
