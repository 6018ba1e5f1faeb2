package io.ringmq.engine;

import io.ringmq.rings.LatencyProbe;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.NanoClock;

/**
 * A socket's latency tracking: queue residency in each direction, timed through the pipes' slots
 * ({@link LatencyProbe}), and REQ's request-to-reply time, each into an HdrHistogram {@link Recorder} (wait-free
 * for the recording threads, a lossless hand-off of interval histograms to the reader). All on the context's
 * clock. Allocation-free while recording.
 *
 * <ul>
 *   <li>send residency: from the application's send (publish into the pipe) to the moment the I/O thread takes the
 *       message to encode it for the write that follows in the same duty cycle (inproc: to the peer's receive);</li>
 *   <li>receive residency: from the I/O thread's publish of a decoded message (right after the read that brought
 *       it) to the application's receive;</li>
 *   <li>request-reply (REQ): from the request's last frame sent to the reply's last frame received.</li>
 * </ul>
 * With {@code sampleEvery} N &gt; 1 only every Nth message is stamped (and so read the clock twice).
 */
final class LatencyTracker
{
    /** Values above an hour are recorded as an hour: a histogram of fixed size never allocates when recording. */
    static final long HIGHEST_NS = 3_600_000_000_000L;

    private final NanoClock clock;
    /** Recorded by whoever takes the socket's messages: I/O threads (several, with several connections) or inproc
     * peers. */
    private final Direction send = new AnyThreadDirection();
    /** Recorded by the socket's own thread only: a single-writer recorder, without the atomic count updates. */
    private final Direction receive = new OneThreadDirection();
    private final Direction requestReply = new OneThreadDirection();
    private final Probe sendProbe;
    private final Probe receiveProbe;
    private final int sampleEvery;
    private long requestStamp = LatencyProbe.NO_STAMP;
    private long requests;

    LatencyTracker(final NanoClock clock, final int sampleEvery)
    {
        this.clock = clock;
        this.sampleEvery = sampleEvery;
        sendProbe = new Probe(clock, send, sampleEvery);
        receiveProbe = new Probe(clock, receive, sampleEvery);
    }

    LatencyProbe sendProbe()
    {
        return sendProbe;
    }

    LatencyProbe receiveProbe()
    {
        return receiveProbe;
    }

    /** REQ: the request's last frame went into the pipe. Socket thread. */
    void requestSent()
    {
        requestStamp = requests++ % sampleEvery == 0 ? clock.nanoTime() : LatencyProbe.NO_STAMP;
    }

    /** REQ: the reply's last frame was received. Socket thread. */
    void replyReceived()
    {
        if (LatencyProbe.NO_STAMP != requestStamp)
        {
            requestReply.record(clock.nanoTime() - requestStamp);
            requestStamp = LatencyProbe.NO_STAMP;
        }
    }

    /** @return one message in how many is timed (1 = every message). */
    int sampleEvery()
    {
        return sampleEvery;
    }

    /**
     * @return everything recorded since tracking began, and what came since the previous snapshot; any thread, one
     * at a time. Totals read through {@link #totals()} (JMX) move nobody's interval on.
     */
    synchronized LatencySnapshot snapshot()
    {
        send.collect();
        receive.collect();
        requestReply.collect();
        return new LatencySnapshot(send.total.copy(), receive.total.copy(), requestReply.total.copy(),
            send.takeSinceSnapshot(), receive.takeSinceSnapshot(), requestReply.takeSinceSnapshot());
    }

    /** @return copies of the totals (send, receive, request-reply), leaving the snapshots' intervals alone. */
    synchronized Histogram[] totals()
    {
        send.collect();
        receive.collect();
        requestReply.collect();
        return new Histogram[] {send.total.copy(), receive.total.copy(), requestReply.total.copy()};
    }

    /**
     * One measured path: the recorder its threads write, and what readers have collected from it so far, in total
     * and since the last snapshot.
     */
    private abstract static class Direction
    {
        final Histogram total = new Histogram(HIGHEST_NS, 3);
        final Histogram sinceSnapshot = new Histogram(HIGHEST_NS, 3);
        Histogram interval;

        /** Records {@code nanos}, clamped into the histogram's range (so recording never resizes or throws). */
        abstract void record(long nanos);

        abstract Histogram intervalHistogram(Histogram recycle);

        static long clamp(final long nanos)
        {
            return Math.max(0, Math.min(nanos, HIGHEST_NS));
        }

        void collect()
        {
            interval = intervalHistogram(interval);
            total.add(interval);
            sinceSnapshot.add(interval);
            sinceSnapshot.setStartTimeStamp(Math.min(sinceSnapshot.getStartTimeStamp(), interval.getStartTimeStamp()));
            sinceSnapshot.setEndTimeStamp(Math.max(sinceSnapshot.getEndTimeStamp(), interval.getEndTimeStamp()));
        }

        Histogram takeSinceSnapshot()
        {
            final Histogram taken = sinceSnapshot.copy();
            taken.setStartTimeStamp(sinceSnapshot.getStartTimeStamp());
            taken.setEndTimeStamp(sinceSnapshot.getEndTimeStamp());
            sinceSnapshot.reset();
            sinceSnapshot.setStartTimeStamp(Long.MAX_VALUE);
            sinceSnapshot.setEndTimeStamp(0);
            return taken;
        }
    }

    /** Written by any number of threads: HdrHistogram's {@link Recorder} (atomic counts). */
    private static final class AnyThreadDirection extends Direction
    {
        private final Recorder recorder = new Recorder(HIGHEST_NS, 3);

        void record(final long nanos)
        {
            recorder.recordValue(clamp(nanos));
        }

        Histogram intervalHistogram(final Histogram recycle)
        {
            return recorder.getIntervalHistogram(recycle);
        }
    }

    /** Written by one thread at a time: {@link SingleWriterRecorder}, plain counts inside its phaser. */
    private static final class OneThreadDirection extends Direction
    {
        private final SingleWriterRecorder recorder = new SingleWriterRecorder(HIGHEST_NS, 3);

        void record(final long nanos)
        {
            recorder.recordValue(clamp(nanos));
        }

        Histogram intervalHistogram(final Histogram recycle)
        {
            return recorder.getIntervalHistogram(recycle);
        }
    }

    /** One direction's probe: the writer stamps, the reader records. */
    static final class Probe implements LatencyProbe
    {
        private final NanoClock clock;
        private final Direction direction;
        private final int sampleEvery;
        private int published;

        Probe(final NanoClock clock, final Direction direction, final int sampleEvery)
        {
            this.clock = clock;
            this.direction = direction;
            this.sampleEvery = sampleEvery;
        }

        public long stamp()
        {
            // Writers of one direction (the socket's thread, or I/O threads for the receive side) may race on the
            // sample count: that only moves which message is sampled, never what a sample measures.
            if (sampleEvery > 1 && ++published % sampleEvery != 0)
            {
                return NO_STAMP;
            }
            final long now = clock.nanoTime();
            return NO_STAMP == now ? 1 : now;
        }

        public void taken(final long stamp)
        {
            direction.record(clock.nanoTime() - stamp);
        }
    }
}
