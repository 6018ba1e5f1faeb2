package io.ringmq.engine;

import org.agrona.concurrent.NanoClock;

/**
 * A socket's latency tracking: the recorders while it is on (null while off), switched on and off by the socket's
 * thread; read by that thread, by snapshots from any thread and by links handed over from other threads.
 */
final class SocketLatency
{
    private final NanoClock clock;
    private volatile LatencyTracker tracker;

    /** @param sampleEvery 0 for off, else every how many messages to time. */
    SocketLatency(final NanoClock clock, final int sampleEvery)
    {
        this.clock = clock;
        track(sampleEvery);
    }

    /**
     * Starts afresh with every {@code sampleEvery}th message, or stops (0).
     *
     * @return the new recorders, null if off; links already attached need their probes from them.
     */
    LatencyTracker track(final int sampleEvery)
    {
        final LatencyTracker newTracker = 0 == sampleEvery ? null : new LatencyTracker(clock, sampleEvery);
        tracker = newTracker;
        return newTracker;
    }

    /** @return the recorders, null while tracking is off. */
    LatencyTracker tracker()
    {
        return tracker;
    }

    /** REQ: a whole request went out. */
    void requestSent()
    {
        final LatencyTracker tracker = this.tracker;
        if (null != tracker)
        {
            tracker.requestSent();
        }
    }

    /** REQ: the whole reply came in. */
    void replyReceived()
    {
        final LatencyTracker tracker = this.tracker;
        if (null != tracker)
        {
            tracker.replyReceived();
        }
    }
}
