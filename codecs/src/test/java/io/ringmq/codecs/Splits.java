package io.ringmq.codecs;

import java.util.SplittableRandom;

/**
 * Where a fuzz target cuts its input into the chunks a socket read would hand over: from a seed the fuzzer
 * chooses, so a finding replays with the same cuts. Mostly short chunks (a byte, a header, part of a body), at
 * times the whole rest, since both ends of that range are where decoders slip.
 */
public final class Splits
{
    private final SplittableRandom random;

    public Splits(final long seed)
    {
        random = new SplittableRandom(seed);
    }

    /**
     * @param remaining bytes not yet handed over, at least 1.
     * @return the length of the next chunk, 1 to {@code remaining}.
     */
    public int next(final int remaining)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return remaining;
            case 1:
                return 1;
            default:
                return 1 + random.nextInt(Math.min(remaining, 1 + random.nextInt(128)));
        }
    }

    /**
     * @return a number in [0, bound), for targets that also pick when the clock moves.
     */
    public int nextInt(final int bound)
    {
        return random.nextInt(bound);
    }
}
