package io.ringmq.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(20)
class PollerTest
{
    @Test
    void reportsWhichSocketsAreReady()
    {
        try (Context context = Context.create();
             Socket a = context.socket(SocketType.PULL);
             Socket b = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH))
        {
            a.bind("inproc://a");
            b.bind("inproc://b");
            push.connect("inproc://b");
            final Poller poller = new Poller(context);
            final int ia = poller.register(a, Poller.POLLIN);
            final int ib = poller.register(b, Poller.POLLIN);
            final int ip = poller.register(push, Poller.POLLOUT);

            assertEquals(1, poller.poll(0), "only the PUSH, which has a peer with room, is ready");
            assertTrue(poller.isWritable(ip));
            push.send("x");
            assertEquals(2, poller.poll(0));
            assertFalse(poller.isReadable(ia));
            assertTrue(poller.isReadable(ib));
            assertEquals("x", b.recvString());
        }
    }

    @Test
    void timesOutWithNothingReady()
    {
        try (Context context = Context.create(); Socket a = context.socket(SocketType.PULL))
        {
            a.bind("inproc://nothing");
            final Poller poller = new Poller(context);
            poller.register(a, Poller.POLLIN);
            assertEquals(0, poller.poll(0));
            assertEquals(0, poller.poll(5));
        }
    }

    @Test
    void parkedPollerIsWokenByAMessageForAnyOfItsSockets() throws Exception
    {
        for (final WaitStrategy kind : new WaitStrategy[]{WaitStrategy.BLOCK, WaitStrategy.BACK_OFF})
        {
            try (Context context = Context.builder().idleStrategy(kind).build();
                 Socket a = context.socket(SocketType.PULL);
                 Socket b = context.socket(SocketType.PULL);
                 Socket push = context.socket(SocketType.PUSH))
            {
                a.bind("inproc://wake-a");
                b.bind("inproc://wake-b");
                push.connect("inproc://wake-b");
                final Poller poller = new Poller(context);
                poller.register(a, Poller.POLLIN);
                final int ib = poller.register(b, Poller.POLLIN);
                final AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
                final Thread waiter = new Thread(() ->
                {
                    result.set(poller.poll(-1));
                });
                waiter.start();
                while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.isAlive())
                {
                    Thread.onSpinWait();
                }
                push.send("wake up");
                waiter.join(TimeUnit.SECONDS.toMillis(10));
                assertFalse(waiter.isAlive());
                assertEquals(1, result.get());
                assertTrue(poller.isReadable(ib));
            }
        }
    }

    @Test
    void closingTheContextEndsAPollWithTerminated() throws Exception
    {
        final Context context = Context.create();
        final Socket a = context.socket(SocketType.PULL);
        a.bind("inproc://term");
        final Poller poller = new Poller(context);
        poller.register(a, Poller.POLLIN);
        final AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
        final Thread waiter = new Thread(() -> result.set(poller.poll(-1)));
        waiter.start();
        while (waiter.getState() != Thread.State.TIMED_WAITING)
        {
            Thread.onSpinWait();
        }
        context.close();
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(Status.TERMINATED, result.get());
        a.close();
    }

    @Test
    void pollsCallerRunsSocketsWhoseNetworkDataOnlyTheirOwnThreadReads() throws Exception
    {
        // Caller-runs: no I/O thread reads the tcp connection, the poller's scans do; short parks keep it moving.
        try (Context callerRuns = Context.builder().ioThreads(0).idleStrategy(WaitStrategy.BLOCK).build();
             Context withIo = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
             Socket pull = callerRuns.socket(SocketType.PULL);
             Socket idleInproc = callerRuns.socket(SocketType.PULL);
             Socket push = withIo.socket(SocketType.PUSH))
        {
            pull.bind("tcp://127.0.0.1:*");
            idleInproc.bind("inproc://nothing-here");
            final Poller poller = new Poller(callerRuns);
            final int inproc = poller.register(idleInproc, Poller.POLLIN);
            final int tcp = poller.register(pull, Poller.POLLIN);
            assertEquals(0, poller.poll(0));

            // The poll below is what accepts the connection and completes the handshake, on this thread.
            final String endpoint = pull.lastEndpoint();
            final Thread sender = new Thread(() ->
            {
                push.connect(endpoint);
                push.send("over tcp");
            });
            sender.start();
            assertEquals(1, poller.poll(10_000));
            assertTrue(poller.isReadable(tcp));
            assertFalse(poller.isReadable(inproc));
            assertEquals("over tcp", pull.recvString());
            sender.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(sender.isAlive());
        }
    }
}
