package io.ringmq.transports;

import io.ringmq.rings.Pipe;

import java.io.IOException;
import java.nio.channels.Selector;

/**
 * One connected channel on an I/O agent: a ZMTP connection ({@link StreamConnection}) or a raw one for STREAM
 * sockets ({@link RawConnection}). The agent drives both the same way.
 */
interface ChannelConnection
{
    void start(Selector selector, long nowNs) throws IOException;

    /**
     * @return work done in this duty cycle, 0 when idle.
     */
    int doWork(long nowNs);

    void onReadable(long nowNs);

    void onWritable(long nowNs);

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

    TcpConnector connector();

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
        final IoAgent agent,
        final java.nio.channels.SocketChannel channel,
        final ConnectionConfig config,
        final ConnectionOwner owner,
        final String endpoint,
        final TcpConnector connector,
        final Pipe.End sessionEnd,
        final TcpListener listener)
    {
        return config.raw ? new RawConnection(agent, channel, config, owner, endpoint, connector, listener) :
            new StreamConnection(agent, channel, config, owner, endpoint, connector, sessionEnd, listener);
    }
}
