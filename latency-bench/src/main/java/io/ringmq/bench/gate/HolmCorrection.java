package io.ringmq.bench.gate;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction: the gate tests every scenario × metric at once, and without a correction one of
 * twenty-eight true "same" rows would come out significant at 5% more often than not. Holm keeps the chance of any
 * false "different" at or below alpha, like Bonferroni, and is uniformly more powerful than it.
 */
public final class HolmCorrection
{
    private HolmCorrection()
    {
    }

    /**
     * @param pValues the raw p values, in any order.
     * @return the adjusted p values, in the same order: compare each against alpha.
     */
    public static double[] adjust(final double[] pValues)
    {
        final int m = pValues.length;
        final Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        final double[] adjusted = new double[m];
        double runningMax = 0;
        for (int rank = 0; rank < m; rank++)
        {
            final int i = order[rank];
            runningMax = Math.max(runningMax, Math.min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = runningMax;
        }
        return adjusted;
    }
}
