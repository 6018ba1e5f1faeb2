package io.ringmq.transports.agent;

import io.ringmq.transports.connections.ConnectionHost;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The direct I/O buffers of one agent's connections. Connections borrow them only for as long as they hold bytes,
 * so a handful serve thousands of connections, and a buffer of a closed connection goes to the next one. Touched
 * on the agent's thread only.
 */
final class BufferPool
{
    private static final int MAX_FREE_BUFFERS = 32;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    /**
     * @return a direct buffer of exactly {@code capacity} bytes, recycled when one is free.
     */
    ByteBuffer acquire(final int capacity)
    {
        final ByteBuffer recycled = capacity == ConnectionHost.IO_BUFFER_CAPACITY ? free.pollLast() : null;
        if (recycled != null)
        {
            recycled.clear();
            return recycled;
        }
        return ByteBuffer.allocateDirect(capacity);
    }

    void release(final ByteBuffer buffer)
    {
        if (free.size() < MAX_FREE_BUFFERS && buffer.capacity() == ConnectionHost.IO_BUFFER_CAPACITY)
        {
            free.addLast(buffer);
        }
    }
}
