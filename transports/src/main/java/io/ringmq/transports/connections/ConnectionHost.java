package io.ringmq.transports.connections;

import io.ringmq.rings.Waker;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a connection needs from the I/O agent it lives on: the agent's pooled I/O buffers, its waker for pipes,
 * a start that registers it, and supervision when serving it threw. Keeps connections (and the listeners and
 * connectors that make them) free of the agent's type.
 */
public interface ConnectionHost
{
    /** Every pooled buffer has this size: a connection's read and write buffers are the same. */
    int IO_BUFFER_CAPACITY = 256 * 1024;

    /**
     * @return a direct buffer of exactly {@code capacity} bytes, recycled when one is free; lent until
     * {@link #releaseBuffer}.
     */
    ByteBuffer acquireBuffer(int capacity);

    /**
     * Hands back a buffer taken with {@link #acquireBuffer}; the connection must not touch it again.
     */
    void releaseBuffer(ByteBuffer buffer);

    /**
     * @return what the connection's pipe end pokes when the socket publishes: wakes the agent only if parked.
     */
    Waker waker();

    /**
     * Adds a connection just made by a listener or connector and starts it (registers its channel, queues its
     * greeting). If the start throws, the connection is closed and forgotten before the exception goes on.
     */
    void start(ChannelConnection connection, long nowNs) throws IOException;

    /**
     * Serving {@code connection} threw: close it alone, with a monitor event and one log line.
     */
    void connectionFailed(ChannelConnection connection, Throwable failure);
}
