package io.ringmq.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * When {@code ringmq replay} sends each message: the recorded gaps divided by the speed, or a fixed interval.
 */
class ReplayScheduleTest
{
    @Test
    void theRecordedSpacingIsKeptAtSpeedOne()
    {
        final ReplaySchedule schedule = ReplaySchedule.scaled(1);
        assertEquals(0, schedule.offsetNs(0, 5_000_000));
        assertEquals(1_000_000, schedule.offsetNs(1, 6_000_000));
        assertEquals(45_000_000, schedule.offsetNs(2, 50_000_000));
    }

    @Test
    void speedTwoHalvesEveryGapFromTheFirstMessage()
    {
        final ReplaySchedule schedule = ReplaySchedule.scaled(2);
        assertEquals(0, schedule.offsetNs(0, 1_000));
        assertEquals(500, schedule.offsetNs(1, 2_000));
        assertEquals(4_500, schedule.offsetNs(2, 10_000));
    }

    @Test
    void aFixedRateIgnoresTheArrivalTimes()
    {
        final ReplaySchedule schedule = ReplaySchedule.fixedRate(1_000);
        assertEquals(0, schedule.offsetNs(0, 7));
        assertEquals(1_000_000, schedule.offsetNs(1, 7));
        assertEquals(250_000_000, schedule.offsetNs(250, 9));
    }

    @Test
    void aSpeedOrRateThatIsNotPositiveIsAUsageError()
    {
        assertEquals(CliException.USAGE,
            assertThrows(CliException.class, () -> ReplaySchedule.scaled(0)).exitCode());
        assertEquals(CliException.USAGE,
            assertThrows(CliException.class, () -> ReplaySchedule.fixedRate(-5)).exitCode());
    }
}
