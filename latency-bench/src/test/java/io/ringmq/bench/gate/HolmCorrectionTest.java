package io.ringmq.bench.gate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class HolmCorrectionTest
{
    @Test
    void multipliesTheSmallestByTheRowCountAndNeverDecreasesDownTheRanks()
    {
        // sorted: 0.01 (x3 = 0.03), 0.02 (x2 = 0.04), 0.04 (x1 = 0.04); given out of order.
        assertArrayEquals(new double[] {0.04, 0.03, 0.04},
            HolmCorrection.adjust(new double[] {0.02, 0.01, 0.04}), 1e-12);
    }

    @Test
    void capsAtOne()
    {
        assertArrayEquals(new double[] {1.0, 1.0}, HolmCorrection.adjust(new double[] {0.6, 0.9}), 1e-12);
    }
}
