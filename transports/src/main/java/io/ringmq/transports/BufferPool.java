package io.ringmq.transports;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Off-heap buffers for messages too big for a slot. The producer of a ring acquires, the consumer releases after
 * the message is read, so a steady stream of large messages recycles the same few buffers instead of allocating.
 * Bounded: buffers beyond {@link #MAX_POOLED} are left to the garbage collector.
 */
final class BufferPool
{
    static final int MAX_POOLED = 8;
    static final int MIN_CAPACITY = 1024;

    private final ManyToManyConcurrentArrayQueue<UnsafeBuffer> free = new ManyToManyConcurrentArrayQueue<>(MAX_POOLED);

    UnsafeBuffer acquire(final int minCapacity)
    {
        // Buffers too small for this message are dropped rather than kept: sizes of one stream tend to be similar.
        UnsafeBuffer buffer;
        while (null != (buffer = free.poll()))
        {
            if (buffer.capacity() >= minCapacity)
            {
                return buffer;
            }
        }
        final int capacity = BitUtil.findNextPositivePowerOfTwo(Math.max(minCapacity, MIN_CAPACITY));
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, BitUtil.CACHE_LINE_LENGTH));
    }

    void release(final UnsafeBuffer buffer)
    {
        free.offer(buffer);
    }

    int pooled()
    {
        return free.size();
    }
}
