package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Steady-state send and receive of messages that fit a slot allocate nothing, counted by the JVM's per-thread
 * allocation counter (JMH's {@code -prof gc} in latency-bench measures the same across threads).
 */
@Timeout(30)
class ZeroAllocationTest
{
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 100_000;

    @Test
    void pushPullAndReqRepAllocateNothingPerMessage()
    {
        measure(Context.create(), "");
    }

    @Test
    void latencyTrackingEveryMessageAllocatesNothingEither()
    {
        measure(Context.builder().latencyTracking(1).build(), " (latency tracked)");
    }

    private static void measure(final Context created, final String what)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeSupported(threads);
        try (Context context = created;
             Socket pull = context.socket(SocketType.PULL);
             Socket push = context.socket(SocketType.PUSH);
             Socket rep = context.socket(SocketType.REP);
             Socket req = context.socket(SocketType.REQ))
        {
            pull.bind("inproc://alloc");
            push.connect("inproc://alloc");
            rep.bind("inproc://alloc-rr");
            req.connect("inproc://alloc-rr");
            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);

            run(push, pull, req, rep, message, WARM_UP);
            final long threadId = Thread.currentThread().getId();
            final long before = threads.getThreadAllocatedBytes(threadId);
            run(push, pull, req, rep, message, MEASURED);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            System.out.println("steady-state allocation for " + MEASURED +
                " PUSH/PULL messages and REQ/REP round trips" + what + ": " + allocated + " bytes");
            // A few bytes of slack for the counter's own bookkeeping; one allocation per message would be megabytes.
            assertTrue(allocated < 1_024, "allocated " + allocated + " bytes for " + MEASURED + " round trips" + what);
            if (!what.isEmpty())
            {
                assertEquals(WARM_UP + MEASURED, req.latency().requestReply().getTotalCount(),
                    "every round trip timed");
            }
        }
    }

    private static void run(
        final Socket push,
        final Socket pull,
        final Socket req,
        final Socket rep,
        final UnsafeBuffer message,
        final int count)
    {
        for (int i = 0; i < count; i++)
        {
            message.putLong(0, i);
            if (Status.OK != push.send(message, 0, 8, Socket.SNDMORE) || Status.OK != push.send(message, 8, 56, 0))
            {
                fail("send");
            }
            if (pull.recv(0) != 8 || pull.frame().getLong(0) != i || pull.recv(0) != 56)
            {
                fail("recv");
            }
            if (Status.OK != req.send(message, 0, 8, 0) || rep.recv(0) != 8 ||
                Status.OK != rep.send(message, 0, 8, 0) || req.recv(0) != 8)
            {
                fail("round trip");
            }
        }
    }

    private static void assumeSupported(final com.sun.management.ThreadMXBean threads)
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
    }
}
