package io.ringmq.bench.gate;

import java.util.Locale;

/**
 * The gate's finding for one row: the ratio median candidate / median baseline, its interval, the Mann-Whitney p
 * value before and after Holm's correction, and the verdict.
 */
public final class RowVerdict
{
    private final String scenario;
    private final GateMetric metric;
    private final double ratio;
    private final double low;
    private final double high;
    private final double pValue;
    private final double holmP;
    private final Verdict verdict;

    RowVerdict(
        final String scenario, final GateMetric metric, final double ratio, final double low, final double high,
        final double pValue, final double holmP, final Verdict verdict)
    {
        this.scenario = scenario;
        this.metric = metric;
        this.ratio = ratio;
        this.low = low;
        this.high = high;
        this.pValue = pValue;
        this.holmP = holmP;
        this.verdict = verdict;
    }

    public String scenario()
    {
        return scenario;
    }

    public GateMetric metric()
    {
        return metric;
    }

    /**
     * @return median candidate / median baseline.
     */
    public double ratio()
    {
        return ratio;
    }

    /**
     * @return the low end of the ratio's 95% interval.
     */
    public double low()
    {
        return low;
    }

    /**
     * @return the high end of the ratio's 95% interval.
     */
    public double high()
    {
        return high;
    }

    /**
     * @return the two-sided Mann-Whitney p value of this row alone.
     */
    public double pValue()
    {
        return pValue;
    }

    /**
     * @return the p value after Holm's correction over every row of the comparison.
     */
    public double holmP()
    {
        return holmP;
    }

    public Verdict verdict()
    {
        return verdict;
    }

    /**
     * @return the row as the gate prints it, e.g.
     * {@code tcp-64        p99    slower  ratio 1.112  [1.081, 1.140]  p 0.0002  Holm 0.0046}.
     */
    public String line()
    {
        return String.format(Locale.ROOT, "%-16s %-6s %-7s ratio %6.3f  [%6.3f, %6.3f]  p %.4f  Holm %.4f",
            scenario, metric.label(), verdict.word(), ratio, low, high, pValue, holmP);
    }
}
