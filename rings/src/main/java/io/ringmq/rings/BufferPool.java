package io.ringmq.rings;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Off-heap buffers for messages too big for a slot. The producer of a ring acquires, the consumer releases after
 * the message is read, so a steady stream of large messages recycles the same buffers instead of allocating.
 * <p>
 * A whole high-water mark of messages can be in flight, so the pool keeps up to {@link #MAX_POOLED} buffers and
 * {@link #MAX_POOLED_BYTES} bytes: allocating direct memory per message costs microseconds and, near the direct
 * memory limit, a full GC. Buffers beyond the bounds are left to the garbage collector.
 */
final class BufferPool
{
    static final int MAX_POOLED = 4096;
    static final long MAX_POOLED_BYTES = 8L << 20;
    static final int MIN_CAPACITY = 1024;

    private final ManyToManyConcurrentArrayQueue<UnsafeBuffer> free = new ManyToManyConcurrentArrayQueue<>(MAX_POOLED);
    private final java.util.concurrent.atomic.AtomicLong pooledBytes = new java.util.concurrent.atomic.AtomicLong();

    UnsafeBuffer acquire(final int minCapacity)
    {
        // Buffers too small for this message are dropped rather than kept: sizes of one stream tend to be similar.
        UnsafeBuffer buffer;
        while (null != (buffer = free.poll()))
        {
            pooledBytes.addAndGet(-buffer.capacity());
            if (buffer.capacity() >= minCapacity)
            {
                return buffer;
            }
        }
        final int capacity = minCapacity > (1 << 30) ?
            minCapacity : BitUtil.findNextPositivePowerOfTwo(Math.max(minCapacity, MIN_CAPACITY));
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, BitUtil.CACHE_LINE_LENGTH));
    }

    void release(final UnsafeBuffer buffer)
    {
        if (pooledBytes.get() + buffer.capacity() <= MAX_POOLED_BYTES && free.offer(buffer))
        {
            pooledBytes.addAndGet(buffer.capacity());
        }
    }

    int pooled()
    {
        return free.size();
    }
}
