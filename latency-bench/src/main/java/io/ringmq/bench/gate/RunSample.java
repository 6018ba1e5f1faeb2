package io.ringmq.bench.gate;

import org.HdrHistogram.Histogram;

/**
 * One run of one scenario: every round trip in a histogram (nanoseconds) and the PUSH→PULL throughput.
 */
public final class RunSample
{
    private final Histogram roundTrips;
    private final double msgPerSecond;

    public RunSample(final Histogram roundTrips, final double msgPerSecond)
    {
        this.roundTrips = roundTrips;
        this.msgPerSecond = msgPerSecond;
    }

    public Histogram roundTrips()
    {
        return roundTrips;
    }

    public double msgPerSecond()
    {
        return msgPerSecond;
    }

    /**
     * @param metric which number.
     * @return that metric's value in this run: nanoseconds for a percentile, msg/s for throughput.
     */
    public double value(final GateMetric metric)
    {
        return metric == GateMetric.MSG_PER_S ? msgPerSecond : roundTrips.getValueAtPercentile(metric.percentile());
    }
}
