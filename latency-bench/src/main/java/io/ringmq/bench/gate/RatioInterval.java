package io.ringmq.bench.gate;

import java.util.Arrays;

/**
 * The interval on the ratio candidate / baseline: the Hodges-Lehmann shift estimate with Moses' distribution-free
 * interval, computed on logarithms so that a shift is a ratio. Chosen over a bootstrap because it is the interval
 * that belongs to the Mann-Whitney test the gate runs (it excludes 1 exactly when the test, at the same level and
 * without ties, rejects), it needs no random resampling (the same samples always print the same interval), and it
 * stays honest at n = 10, where a percentile bootstrap of a median is known to be too narrow.
 */
public final class RatioInterval
{
    /** The standard normal quantile for a two-sided 95% interval. */
    private static final double Z_95 = 1.959963984540054;

    private RatioInterval()
    {
    }

    /**
     * @param baseline  positive values of the baseline runs.
     * @param candidate positive values of the candidate runs.
     * @return {low, high}: the 95% interval of the ratio candidate / baseline.
     */
    public static double[] of(final double[] baseline, final double[] candidate)
    {
        final int n = baseline.length;
        final int m = candidate.length;
        final double[] logRatios = new double[n * m];
        int k = 0;
        for (final double c : candidate)
        {
            for (final double b : baseline)
            {
                logRatios[k++] = log(c) - log(b);
            }
        }
        Arrays.sort(logRatios);
        final double spread = Z_95 * Math.sqrt(n * (double)m * (n + m + 1) / 12.0);
        final int c = Math.max(0, (int)Math.floor(n * (double)m / 2.0 - spread));
        return new double[] {Math.exp(logRatios[c]), Math.exp(logRatios[logRatios.length - 1 - c])};
    }

    /**
     * A failed run (0 msg/s) still needs a logarithm: treat it as vanishingly small rather than as an error.
     */
    private static double log(final double value)
    {
        return Math.log(Math.max(value, 1e-9));
    }
}
