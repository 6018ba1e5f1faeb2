package io.ringmq.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paced against closed-loop round trips on an injected clock: every round trip takes 10 µs except one, during
 * which the responder stalls for 5 ms. Sends are due every 100 µs (10 000/s), so 50 sends fall due during the stall.
 */
class RoundTripLoopTest
{
    private static final long SERVICE_NS = 10_000;
    private static final long STALL_NS = 5_000_000;
    private static final long PERIOD_NS = RoundTripLoop.periodOf(10_000);
    private static final int STALLED = 100;
    private static final int COUNT = 1_000;

    @Test
    void pacedLoadShowsTheStallInEveryMessageItDelayed() throws Exception
    {
        final FakeClock clock = new FakeClock();
        final List<Long> latencies = new ArrayList<>();
        new RoundTripLoop(clock, PERIOD_NS).run(COUNT, clock.responder(), latencies::add);

        final long stallStart = STALLED * PERIOD_NS;
        final long stallEnd = stallStart + SERVICE_NS + STALL_NS;
        final int dueDuringStall = (int)(STALL_NS / PERIOD_NS);
        assertEquals(50, dueDuringStall);
        for (int i = STALLED; i < STALLED + dueDuringStall; i++)
        {
            final long intended = i * PERIOD_NS;
            assertTrue(latencies.get(i) >= stallEnd - intended,
                "message " + i + " was due during the stall and waited it out: " + latencies.get(i) + " ns");
        }
        // The stall shows as a run of large samples, one per message due while the responder was stalled (from the
        // stalled send to the stall's end, inclusive): 51 samples of 0.5 ms or more, where closed loop has one.
        long dueInStallWindow = 0;
        for (int i = 0; i < COUNT; i++)
        {
            dueInStallWindow += i * PERIOD_NS >= stallStart && i * PERIOD_NS <= stallEnd ? 1 : 0;
        }
        assertEquals(51, dueInStallWindow);
        assertEquals(dueInStallWindow, latencies.stream().filter(l -> l >= STALL_NS / 10).count());
        assertEquals(SERVICE_NS, (long)latencies.get(STALLED - 1), "before the stall: the service time alone");
        assertEquals(SERVICE_NS, (long)latencies.get(COUNT - 1), "after the queue drained: the service time alone");
    }

    @Test
    void closedLoopHidesTheStallInOneSample() throws Exception
    {
        final FakeClock clock = new FakeClock();
        final List<Long> latencies = new ArrayList<>();
        new RoundTripLoop(clock, 0).run(COUNT, clock.responder(), latencies::add);

        assertEquals(1, latencies.stream().filter(l -> l >= STALL_NS).count(), "coordinated omission: one sample");
        assertEquals(COUNT - 1, latencies.stream().filter(l -> l == SERVICE_NS).count());
    }

    @Test
    void aLoopBehindScheduleSendsAtOnceAndCountsTheWait() throws Exception
    {
        // Due every 5 us, served in 10 us: the queue grows by 5 us per message.
        final FakeClock clock = new FakeClock();
        final List<Long> latencies = new ArrayList<>();
        new RoundTripLoop(clock, 5_000).run(4, () -> clock.now += SERVICE_NS, latencies::add);
        assertEquals(List.of(10_000L, 15_000L, 20_000L, 25_000L), latencies);
    }

    /**
     * Time moves only when the loop waits or the responder serves; round trip {@link #STALLED} also stalls.
     */
    private static final class FakeClock implements RoundTripLoop.Clock
    {
        long now;
        int served;

        public long nanoTime()
        {
            return now;
        }

        public void waitUntil(final long deadlineNs)
        {
            now = Math.max(now, deadlineNs);
        }

        RoundTripLoop.RoundTrip responder()
        {
            return () ->
            {
                now += SERVICE_NS + (served++ == STALLED ? STALL_NS : 0);
            };
        }
    }
}
