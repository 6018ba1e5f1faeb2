package io.ringmq.bench.gate;

/**
 * The four numbers the gate compares for every scenario: three round-trip percentiles, where lower is better, and
 * PUSH→PULL throughput, where higher is better.
 */
public enum GateMetric
{
    P50("p50", 50.0, true),
    P99("p99", 99.0, true),
    P99_9("p99.9", 99.9, true),
    MSG_PER_S("msg/s", 0, false);

    private final String label;
    private final double percentile;
    private final boolean lowerIsBetter;

    GateMetric(final String label, final double percentile, final boolean lowerIsBetter)
    {
        this.label = label;
        this.percentile = percentile;
        this.lowerIsBetter = lowerIsBetter;
    }

    /**
     * @return the name printed in a row.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the percentile of the round-trip histogram this metric reads (unused for msg/s).
     */
    public double percentile()
    {
        return percentile;
    }

    /**
     * @return true for latencies, false for throughput.
     */
    public boolean lowerIsBetter()
    {
        return lowerIsBetter;
    }

    /**
     * The factor by which the candidate is worse than the baseline: above 1 is slower whichever way the metric
     * points, so one threshold serves latencies and throughput alike.
     *
     * @param ratio median candidate / median baseline.
     * @return the slowdown factor.
     */
    public double slowdown(final double ratio)
    {
        return lowerIsBetter ? ratio : 1.0 / ratio;
    }
}
