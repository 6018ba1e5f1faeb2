package io.ringmq.transports.agent;

import io.ringmq.rings.IdleStrategyKind;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AFFINITY picks the I/O agent a socket's connections live on.
 */
class IoThreadsTest
{
    @Test
    void affinityChoosesAmongTheAllowedAgents()
    {
        try (IoThreads threads = new IoThreads(3, IdleStrategyKind.BLOCK, new int[0], SystemNanoClock.INSTANCE,
            Throwable::printStackTrace))
        {
            final IoAgent third = threads.choose(0b100);
            assertSame(third, threads.choose(0b100), "only the third may serve");
            final IoAgent first = threads.choose(0b001);
            assertNotSame(first, third);
            final IoAgent a = threads.choose(0b011);
            final IoAgent b = threads.choose(0b011);
            assertNotSame(a, b, "turns among the allowed ones");
            assertTrue(a == first || b == first);
            assertFalse(a == third || b == third);
            final IoAgent any = threads.choose(1L << 40);
            assertTrue(any != null, "a mask naming no agent allows any, as AFFINITY 0 does");
        }
    }
}
