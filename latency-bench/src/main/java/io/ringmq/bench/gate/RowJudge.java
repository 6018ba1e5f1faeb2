package io.ringmq.bench.gate;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gate's verdict logic, with no I/O: a two-sided Mann-Whitney U test per row (rank-based, so the long tails of
 * latency percentiles do not need a normal model), Holm's correction over all rows, then a minimum effect size so
 * that a significant but tiny difference still reads "same". A row is slower when its corrected p value is below
 * alpha and the candidate is worse by more than the effect size; faster symmetrically; otherwise same.
 */
public final class RowJudge
{
    /** The family-wise error rate the gate accepts for a false "faster" or "slower". */
    public static final double ALPHA = 0.05;

    private final double minEffect;

    /**
     * @param minEffect the smallest change that counts, as a fraction (0.05 for 5%).
     */
    public RowJudge(final double minEffect)
    {
        if (!(minEffect >= 0))
        {
            throw new IllegalArgumentException("minimum effect must be >= 0: " + minEffect);
        }
        this.minEffect = minEffect;
    }

    /**
     * @param rows every row of one comparison: Holm's correction runs over all of them.
     * @return one verdict per row, in the same order.
     */
    public List<RowVerdict> judge(final List<RowSamples> rows)
    {
        final MannWhitneyUTest test = new MannWhitneyUTest();
        final double[] pValues = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++)
        {
            final RowSamples row = rows.get(i);
            final double p = test.mannWhitneyUTest(row.baseline(), row.candidate());
            // All values tied on both sides: the test's variance is zero and its p is NaN; nothing differs.
            pValues[i] = Double.isNaN(p) ? 1.0 : p;
        }
        final double[] holm = HolmCorrection.adjust(pValues);
        final List<RowVerdict> verdicts = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++)
        {
            final RowSamples row = rows.get(i);
            final double ratio = median(row.candidate()) / median(row.baseline());
            final double[] interval = RatioInterval.of(row.baseline(), row.candidate());
            final double slowdown = row.metric().slowdown(ratio);
            final boolean significant = holm[i] < ALPHA;
            final Verdict verdict;
            if (significant && slowdown > 1.0 + minEffect)
            {
                verdict = Verdict.SLOWER;
            }
            else if (significant && slowdown < 1.0 / (1.0 + minEffect))
            {
                verdict = Verdict.FASTER;
            }
            else
            {
                verdict = Verdict.SAME;
            }
            verdicts.add(new RowVerdict(
                row.scenario(), row.metric(), ratio, interval[0], interval[1], pValues[i], holm[i], verdict));
        }
        return verdicts;
    }

    /**
     * @param values any values.
     * @return their median (the mean of the middle two for an even count).
     */
    public static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int half = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2.0;
    }
}
