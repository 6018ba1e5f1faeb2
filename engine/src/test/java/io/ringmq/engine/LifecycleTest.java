package io.ringmq.engine;

import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** Timeouts on the injected clock, context termination, interrupts. */
@Timeout(20)
class LifecycleTest
{
    @Test
    void receiveTimeoutIsMeasuredOnTheInjectedClock()
    {
        // Each reading of this clock is ten seconds later: a one-minute timeout expires after a handful of idles.
        final AtomicLong now = new AtomicLong();
        final NanoClock fast = () -> now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        try (Context context = Context.builder().clock(fast).idleStrategy(WaitStrategy.BACK_OFF).build();
             Socket pull = context.socket(SocketType.PULL))
        {
            pull.bind("inproc://timeout");
            pull.setOption(SocketOption.RCVTIMEO, 60_000);
            assertEquals(Status.WOULD_BLOCK, pull.recv(0));
            assertNull(pull.recv());
            assertTrue(now.get() >= TimeUnit.SECONDS.toNanos(60));
        }
    }

    @Test
    void closingTheContextWakesABlockedReceiveWithTerminated() throws Exception
    {
        final Context context = Context.create();
        final Socket pull = context.socket(SocketType.PULL);
        pull.bind("inproc://term");
        final AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
        final Thread receiver = new Thread(() -> result.set(pull.recv(0)));
        receiver.start();
        while (receiver.getState() != Thread.State.TIMED_WAITING && receiver.getState() != Thread.State.WAITING)
        {
            Thread.onSpinWait();
        }
        context.close();
        receiver.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(receiver.isAlive());
        assertEquals(Status.TERMINATED, result.get());
        assertEquals(Status.TERMINATED, pull.recv(Socket.DONTWAIT));
        final RingMqException terminated = assertThrows(RingMqException.class, pull::recv);
        assertEquals(Status.TERMINATED, terminated.status());
        assertThrows(RingMqException.class, () -> pull.connect("inproc://x"));
        pull.close();
        assertEquals(0, context.socketCount());
    }

    @Test
    void lingerSetAfterConnectIsTheOneTheCloseObeys() throws Exception
    {
        // A port nobody listens on: every connect attempt is refused, so the messages stay in the session pipe and
        // the connector retries for as long as LINGER lets it.
        final int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0))
        {
            port = probe.getLocalPort();
        }
        final Context context = Context.create();
        final Socket push = context.socket(SocketType.PUSH);
        push.connect("tcp://127.0.0.1:" + port);
        for (int i = 0; i < 500; i++)
        {
            assertEquals(Status.OK, push.send(("queued " + i).getBytes(), Socket.DONTWAIT));
        }
        assertEquals(500, push.pendingOutbound());
        // LINGER was -1 (until written) at connect; libzmq applies the value in force at close.
        push.setOption(SocketOption.LINGER, 0);
        push.close();
        final Thread closer = new Thread(context::close, "closer");
        closer.start();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(closer.isAlive(), "the context still lingers with the LINGER the socket had at connect");
    }

    @Test
    void blockedSendIsReleasedByTheReceiver() throws Exception
    {
        try (Context context = Context.create();
             Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH))
        {
            push.setOption(SocketOption.SNDHWM, 1);
            pull.setOption(SocketOption.RCVHWM, 1);
            pull.bind("inproc://release");
            push.connect("inproc://release");
            push.send("1");
            push.send("2");
            final AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
            final Thread sender = new Thread(() -> result.set(push.send("3".getBytes(), 0)));
            sender.start();
            while (sender.getState() != Thread.State.TIMED_WAITING && sender.getState() != Thread.State.WAITING)
            {
                Thread.onSpinWait();
            }
            assertEquals("1", pull.recvString());
            sender.join(TimeUnit.SECONDS.toMillis(10));
            assertEquals(Status.OK, result.get());
            assertEquals("2", pull.recvString());
            assertEquals("3", pull.recvString());
        }
    }

    @Test
    void interruptReturnsInterruptedAndLeavesTheSocketUsable() throws Exception
    {
        try (Context context = Context.create();
             Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH))
        {
            pull.bind("inproc://interrupt");
            push.connect("inproc://interrupt");
            final AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
            final AtomicInteger afterwards = new AtomicInteger(Integer.MIN_VALUE);
            final Thread receiver = new Thread(() ->
            {
                result.set(pull.recv(0));
                Thread.interrupted();
                afterwards.set(pull.recv(0));
            });
            receiver.start();
            while (receiver.getState() != Thread.State.TIMED_WAITING && receiver.getState() != Thread.State.WAITING)
            {
                Thread.onSpinWait();
            }
            receiver.interrupt();
            while (result.get() == Integer.MIN_VALUE)
            {
                Thread.onSpinWait();
            }
            push.send("after");
            receiver.join(TimeUnit.SECONDS.toMillis(10));
            assertEquals(Status.INTERRUPTED, result.get());
            assertEquals(5, afterwards.get());
        }
    }

    @Test
    void interruptLeavesACallerRunsSocketReadingTheNetwork()
    {
        // Agrona's AgentInvoker stops for good when it finds its thread interrupted; a caller-runs socket's thread is
        // the application's, and after an interrupt its socket must go on doing its own I/O.
        try (Context callerRuns = Context.builder().ioThreads(0).build();
             Context threaded = Context.create();
             Socket pull = callerRuns.socket(SocketType.PULL);
             Socket push = threaded.socket(SocketType.PUSH))
        {
            pull.bind("tcp://127.0.0.1:*");
            pull.setOption(SocketOption.RCVTIMEO, 5_000);
            Thread.currentThread().interrupt();
            try
            {
                assertEquals(Status.INTERRUPTED, pull.recv(0));
            }
            finally
            {
                Thread.interrupted();
            }
            push.connect(pull.lastEndpoint());
            push.send("after");
            assertEquals("after", pull.recvString());
        }
    }
}
