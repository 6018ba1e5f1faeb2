package io.ringmq.cli;

import java.util.function.LongConsumer;

/**
 * The timed loop of bench's latency rows, in its two modes.
 * <ul>
 * <li>Closed loop (period 0, the default): each round trip starts when the previous one ended, and its latency is
 * timed from its actual send. It measures the cost of one round trip on an idle path; a stall delays the sends
 * behind it instead of showing in them (coordinated omission).</li>
 * <li>Paced ({@code --rate N}): round trip i is due at start + i × period, is sent then (or at once when the loop is
 * behind), and its latency is timed from when it was due, wrk2's rule. It measures what a sender on a fixed schedule
 * sees: a stall shows in every message it delayed, as the queue of late sends drains.</li>
 * </ul>
 * Time comes from a {@link Clock} so a test can inject one and stall the responder without waiting.
 */
final class RoundTripLoop
{
    /**
     * A monotonic nanosecond clock that can also wait.
     */
    interface Clock
    {
        long nanoTime();

        /**
         * Returns at or after the deadline (in {@link #nanoTime()} terms).
         */
        void waitUntil(long deadlineNs);
    }

    /**
     * One request sent and its reply received.
     */
    interface RoundTrip
    {
        void run() throws Exception;
    }

    /** The JVM's clock; waits park for the bulk of the gap and spin the last 50 µs, which parking overshoots. */
    static final Clock SYSTEM = new Clock()
    {
        public long nanoTime()
        {
            return System.nanoTime();
        }

        public void waitUntil(final long deadlineNs)
        {
            for (long left = deadlineNs - System.nanoTime(); left > 0; left = deadlineNs - System.nanoTime())
            {
                if (left > 100_000)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(left - 50_000);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }
    };

    private final Clock clock;
    private final long periodNs;

    /**
     * @param clock    where time comes from.
     * @param periodNs the interval between intended sends, or 0 for the closed loop.
     */
    RoundTripLoop(final Clock clock, final long periodNs)
    {
        this.clock = clock;
        this.periodNs = periodNs;
    }

    /**
     * @param rate messages per second, or 0 for the closed loop.
     * @return the period that rate means.
     */
    static long periodOf(final long rate)
    {
        return rate <= 0 ? 0 : Math.max(1, 1_000_000_000L / rate);
    }

    /**
     * Runs {@code count} round trips and hands each one's latency in nanoseconds to {@code latencies}.
     */
    void run(final int count, final RoundTrip roundTrip, final LongConsumer latencies) throws Exception
    {
        final long start = clock.nanoTime();
        for (int i = 0; i < count; i++)
        {
            final long from;
            if (periodNs == 0)
            {
                from = clock.nanoTime();
            }
            else
            {
                from = start + i * periodNs;
                clock.waitUntil(from);
            }
            roundTrip.run();
            latencies.accept(clock.nanoTime() - from);
        }
    }
}
