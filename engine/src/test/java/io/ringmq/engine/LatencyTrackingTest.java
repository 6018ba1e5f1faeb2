package io.ringmq.engine;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Latency tracking: every message a tracked socket sends or receives is in its histograms, and no recorded value
 * can exceed what the test measured around the calls (the residency of a message lies inside the span from
 * before its send to after its receive).
 */
class LatencyTrackingTest
{
    private static final int MESSAGES = 5_000;

    @Test
    void pushPullOverTcpRecordsEveryMessageWithinTheSpanAroundTheCalls() throws Exception
    {
        try (Context context = Context.builder().latencyTracking(1).counters(false).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.bind("tcp://127.0.0.1:*");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect(pull.lastEndpoint());
            long longestSpan = 0;
            final byte[] payload = new byte[64];
            for (int i = 0; i < MESSAGES; i++)
            {
                final long before = System.nanoTime();
                assertEquals(Status.OK, push.send(payload, 0));
                assertEquals(64, pull.recv(0));
                longestSpan = Math.max(longestSpan, System.nanoTime() - before);
            }
            final LatencySnapshot sent = push.latency();
            final LatencySnapshot received = pull.latency();
            assertEquals(MESSAGES, sent.sendResidency().getTotalCount(), "every message sent is timed");
            assertEquals(MESSAGES, received.receiveResidency().getTotalCount(), "every message received is timed");
            assertWithin(sent.sendResidency(), longestSpan);
            assertWithin(received.receiveResidency(), longestSpan);
            assertEquals(0, sent.receiveResidency().getTotalCount(), "a PUSH receives nothing");
            assertEquals(0, push.latency().sendResidencyInterval().getTotalCount(),
                "nothing new since the last snapshot");
            assertEquals(MESSAGES, push.latency().sendResidency().getTotalCount(),
                "totals keep what intervals handed over");
        }
    }

    @Test
    void reqRecordsEachRequestToItsReplyAndSamplingTakesEveryNth() throws Exception
    {
        try (Context context = Context.builder().counters(false).build())
        {
            final Socket rep = context.socket(SocketType.REP);
            rep.setOption(SocketOption.RCVTIMEO, 10_000);
            rep.bind("tcp://127.0.0.1:*");
            final Socket req = context.socket(SocketType.REQ);
            req.setOption(SocketOption.RCVTIMEO, 10_000);
            req.connect(rep.lastEndpoint());
            req.trackLatency(10);
            final Thread echo = new Thread(() ->
            {
                for (int i = 0; i < 2000; i++)
                {
                    final int length = rep.recv(0);
                    rep.send(rep.frame(), 0, length, 0);
                }
            });
            echo.start();
            long longestSpan = 0;
            for (int i = 0; i < 2000; i++)
            {
                final long before = System.nanoTime();
                req.send(new byte[16], 0);
                assertEquals(16, req.recv(0));
                longestSpan = Math.max(longestSpan, System.nanoTime() - before);
            }
            echo.join(10_000);
            final LatencySnapshot snapshot = req.latency();
            assertEquals(200, snapshot.requestReply().getTotalCount(), "one round trip in 10");
            assertEquals(200, snapshot.sendResidency().getTotalCount());
            assertEquals(200, snapshot.receiveResidency().getTotalCount());
            assertWithin(snapshot.requestReply(), longestSpan);
            assertThrows(IllegalStateException.class, rep::latency, "tracking is per socket, off by default");
        }
    }

    @Test
    void inprocTimesBothEndsOfTheOnePipe() throws Exception
    {
        try (Context context = Context.builder().latencyTracking(1).counters(false).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.bind("inproc://timed");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect("inproc://timed");
            // Bursts of 500 (below the pipe's marks), each drained before the next: messages wait in the pipe.
            for (int burst = 0; burst < 6; burst++)
            {
                for (int i = 0; i < 500; i++)
                {
                    push.send(new byte[8], 0);
                }
                for (int i = 0; i < 500; i++)
                {
                    assertEquals(8, pull.recv(0));
                }
            }
            assertEquals(3000, push.latency().sendResidency().getTotalCount());
            assertEquals(3000, pull.latency().receiveResidency().getTotalCount());
        }
    }

    @Test
    void intervalLogHoldsEveryMessageOnceAndJmxShowsTheTotalsWithoutTakingTheIntervals(@TempDir final Path dir)
        throws Exception
    {
        final Path file = dir.resolve("pull.hlog");
        try (Context context = Context.builder().counters(true).countersDirectory(dir).jmx(true).build();
            LatencyLog log = LatencyLog.create(file))
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.trackLatency(1);
            pull.bind("tcp://127.0.0.1:*");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect(pull.lastEndpoint());
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            final ObjectName name = new ObjectName(
                "io.ringmq:type=Socket,context=" + context.id() + ",socket=PULL-" + pull.id());
            for (int interval = 0; interval < 4; interval++)
            {
                for (int i = 0; i < 1_000; i++)
                {
                    push.send(new byte[32], 0);
                    assertEquals(32, pull.recv(0));
                }
                final CompositeData viaJmx = (CompositeData)server.getAttribute(name, "ReceiveResidency");
                assertEquals(1_000L * (interval + 1), viaJmx.get("count"), "JMX reads the totals so far");
                log.write(pull.latency());
            }
            assertEquals(1, server.getAttribute(name, "LatencyTracking"));
            assertEquals(0L, ((CompositeData)server.getAttribute(name, "RequestReply")).get("count"),
                "a PULL makes no requests: empty, not off");
            final Socket untracked = context.socket(SocketType.PUSH);
            assertEquals(null, server.getAttribute(new ObjectName(
                "io.ringmq:type=Socket,context=" + context.id() + ",socket=PUSH-" + untracked.id()), "SendResidency"),
                "tracking off: no summary");
        }
        long received = 0;
        int intervals = 0;
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile()))
        {
            EncodableHistogram interval;
            while (null != (interval = reader.nextIntervalHistogram()))
            {
                assertEquals(LatencyLog.RECEIVE_TAG, interval.getTag(), "a PULL's log holds its receive side only");
                received += ((Histogram)interval).getTotalCount();
                intervals++;
            }
        }
        assertEquals(4, intervals, "one interval per write: JMX reads did not move them on");
        assertEquals(4_000, received, "every message in exactly one interval");
    }

    private static void assertWithin(final Histogram histogram, final long longestSpanNs)
    {
        // HdrHistogram keeps 3 significant digits: a value reads back at most 0.1% above what was recorded.
        assertTrue(histogram.getMaxValue() <= longestSpanNs + longestSpanNs / 1000 + 1,
            "max " + histogram.getMaxValue() + " ns exceeds the longest span measured around the calls, " +
                longestSpanNs + " ns");
        assertTrue(histogram.getMinValue() >= 0);
    }
}
