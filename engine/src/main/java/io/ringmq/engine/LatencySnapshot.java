package io.ringmq.engine;

import org.HdrHistogram.Histogram;

/**
 * What a socket's latency tracking has recorded ({@link Socket#latency()}): HdrHistograms in nanoseconds, each a
 * copy the caller owns. The totals cover everything since tracking began; the intervals, what came since the
 * previous snapshot (for {@code .hlog} interval logs with HdrHistogram's {@code HistogramLogWriter}).
 */
public final class LatencySnapshot
{
    private final Histogram sendResidency;
    private final Histogram receiveResidency;
    private final Histogram requestReply;
    private final Histogram sendInterval;
    private final Histogram receiveInterval;
    private final Histogram requestReplyInterval;

    LatencySnapshot(
        final Histogram sendResidency, final Histogram receiveResidency, final Histogram requestReply,
        final Histogram sendInterval, final Histogram receiveInterval, final Histogram requestReplyInterval)
    {
        this.sendResidency = sendResidency;
        this.receiveResidency = receiveResidency;
        this.requestReply = requestReply;
        this.sendInterval = sendInterval;
        this.receiveInterval = receiveInterval;
        this.requestReplyInterval = requestReplyInterval;
    }

    /** @return from the application's send until the I/O thread took the message to write it (inproc: the peer). */
    public Histogram sendResidency()
    {
        return sendResidency;
    }

    /** @return from the read that brought the message (its publish by the I/O thread) to the application's receive. */
    public Histogram receiveResidency()
    {
        return receiveResidency;
    }

    /** @return REQ only: from the request sent to its reply received. */
    public Histogram requestReply()
    {
        return requestReply;
    }

    public Histogram sendResidencyInterval()
    {
        return sendInterval;
    }

    public Histogram receiveResidencyInterval()
    {
        return receiveInterval;
    }

    public Histogram requestReplyInterval()
    {
        return requestReplyInterval;
    }
}
