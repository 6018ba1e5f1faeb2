package io.ringmq.cli;

/**
 * When {@code ringmq replay} sends each message, in nanoseconds after the first: the journal's own spacing divided by
 * {@code --speed}, or a fixed {@code --rate}. Intended times come from the journal and the clock the replay started
 * on, never from when the previous send finished, so a slow send delays the messages behind it without stretching
 * the whole replay.
 */
final class ReplaySchedule
{
    private final double speed;
    private final double intervalNs;
    private long firstArrivalNs = -1;

    private ReplaySchedule(final double speed, final double intervalNs)
    {
        this.speed = speed;
        this.intervalNs = intervalNs;
    }

    /** The journal's spacing, {@code speed} times faster (2 = half the gaps). */
    static ReplaySchedule scaled(final double speed)
    {
        if (!(speed > 0))
        {
            throw CliException.usage("--speed must be positive: '" + speed + "'");
        }
        return new ReplaySchedule(speed, -1);
    }

    /** {@code messagesPerSecond}, whatever the journal's spacing. */
    static ReplaySchedule fixedRate(final double messagesPerSecond)
    {
        if (!(messagesPerSecond > 0))
        {
            throw CliException.usage("--rate must be positive: '" + messagesPerSecond + "'");
        }
        return new ReplaySchedule(1, 1e9 / messagesPerSecond);
    }

    /**
     * @param index      the message's position in the journal, from 0.
     * @param arrivalNs  its arrival time in the journal.
     * @return when to send it, nanoseconds after the first message was sent.
     */
    long offsetNs(final long index, final long arrivalNs)
    {
        if (firstArrivalNs < 0)
        {
            firstArrivalNs = arrivalNs;
        }
        if (intervalNs > 0)
        {
            return (long)(index * intervalNs);
        }
        return (long)((arrivalNs - firstArrivalNs) / speed);
    }
}
