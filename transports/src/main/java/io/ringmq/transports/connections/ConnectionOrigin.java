package io.ringmq.transports.connections;

/**
 * Where a connection came from: the listener that accepted it or the connector that made it. Told when the
 * connection's handshake ends and when it closes, so a listener keeps its connection and handshake counts and a
 * connector schedules its reconnect.
 */
public interface ConnectionOrigin
{
    /**
     * The connection's handshake succeeded (a raw connection's as soon as it started: it has none).
     */
    void handshakeEnded();

    /**
     * @param inHandshake true if the connection closed before {@link #handshakeEnded}.
     * @param reconnect   true if a connector should try again (false when the socket itself closed it).
     */
    void connectionClosed(boolean inHandshake, boolean reconnect);
}
