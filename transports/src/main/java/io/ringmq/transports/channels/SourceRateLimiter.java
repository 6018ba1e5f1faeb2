package io.ringmq.transports.channels;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A token bucket per source address: each source may open {@code perSecond} connections a second, in a burst of as
 * many. Bounded memory whatever the number of sources: when {@value #MAX_SOURCES} are tracked, sources whose bucket
 * has refilled completely are forgotten (they hold no debt), and if all are in debt the oldest half is dropped.
 * Agent thread only.
 */
final class SourceRateLimiter
{
    static final int MAX_SOURCES = 4096;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Tokens scaled by {@link #NANOS_PER_SECOND}, so refills are whole numbers. */
    private static final class Bucket
    {
        long tokens;
        long lastNs;
    }

    private final long capacity;
    private final int perSecond;
    private final HashMap<InetAddress, Bucket> buckets = new HashMap<>();

    SourceRateLimiter(final int perSecond)
    {
        this.perSecond = perSecond;
        this.capacity = perSecond * NANOS_PER_SECOND;
    }

    /**
     * @return true if {@code source} may open a connection now (a token is taken), false if it is over its rate.
     */
    boolean tryAcquire(final InetAddress source, final long nowNs)
    {
        Bucket bucket = buckets.get(source);
        if (bucket == null)
        {
            if (buckets.size() >= MAX_SOURCES)
            {
                evict(nowNs);
            }
            bucket = new Bucket();
            bucket.tokens = capacity;
            bucket.lastNs = nowNs;
            buckets.put(source, bucket);
        }
        refill(bucket, nowNs);
        if (bucket.tokens < NANOS_PER_SECOND)
        {
            return false;
        }
        bucket.tokens -= NANOS_PER_SECOND;
        return true;
    }

    private void refill(final Bucket bucket, final long nowNs)
    {
        final long elapsed = Math.max(0, nowNs - bucket.lastNs);
        bucket.lastNs = nowNs;
        // elapsed * perSecond tokens-per-ns, capped; guard the multiplication against overflow for long idles.
        final long refill = elapsed > capacity / Math.max(1, perSecond) ? capacity : elapsed * perSecond;
        bucket.tokens = Math.min(capacity, bucket.tokens + refill);
    }

    private void evict(final long nowNs)
    {
        for (final Iterator<Map.Entry<InetAddress, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); )
        {
            final Bucket bucket = it.next().getValue();
            refill(bucket, nowNs);
            if (bucket.tokens == capacity)
            {
                it.remove();
            }
        }
        if (buckets.size() >= MAX_SOURCES)
        {
            int drop = buckets.size() / 2;
            for (final Iterator<Bucket> it = buckets.values().iterator(); it.hasNext() && drop > 0; drop--)
            {
                it.next();
                it.remove();
            }
        }
    }

    int trackedSources()
    {
        return buckets.size();
    }
}
