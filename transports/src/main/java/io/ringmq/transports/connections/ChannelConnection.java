package io.ringmq.transports.connections;

import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.SelectionHandler;
import io.ringmq.rings.Pipe;

import java.io.IOException;
import java.nio.channels.Selector;

/**
 * One connected channel on an I/O agent: a ZMTP connection ({@link StreamConnection}) or a raw one for STREAM
 * sockets ({@link RawConnection}). The agent drives both the same way: readiness through
 * {@link SelectionHandler}, the rest of its work once per duty cycle through {@link #doWork}.
 */
public interface ChannelConnection extends SelectionHandler
{
    void start(Selector selector, long nowNs) throws IOException;

    /**
     * @return work done in this duty cycle, 0 when idle.
     */
    int doWork(long nowNs);

    boolean isClosed();

    /**
     * @return true once the connection has a pipe to its socket.
     */
    boolean isAttached();

    /**
     * @return true while the socket has closed its end and this connection still writes what was queued.
     */
    boolean isLingering();

    /**
     * @return true if bytes or messages wait to go out (the agent must not park on them).
     */
    boolean hasQueuedOutbound();

    /**
     * @return true if reading is paused for a full inbound ring that has room again: the agent must not park.
     */
    default boolean isInboundResumable()
    {
        return false;
    }

    long nextDeadlineNs();

    ConnectionOwner owner();

    /**
     * @param event the monitor event to report, or 0 when the socket itself closed the connection.
     */
    void close(int event, String reason, boolean reconnect);

    /**
     * @param value the event's value, as libzmq's: an errno or a protocol-error code.
     */
    void close(int event, long value, String reason, boolean reconnect);

    /**
     * Makes the right connection for the socket behind {@code config}: raw bytes for STREAM, ZMTP otherwise.
     */
    static ChannelConnection create(
        final ConnectionHost host,
        final java.nio.channels.SocketChannel channel,
        final ConnectionConfig config,
        final ConnectionOwner owner,
        final String endpoint,
        final ConnectionOrigin origin,
        final Pipe.End sessionEnd)
    {
        return config.isRaw() ? new RawConnection(host, channel, config, owner, endpoint, origin) :
            new StreamConnection(host, channel, config, owner, endpoint, origin, sessionEnd);
    }
}
