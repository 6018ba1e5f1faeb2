package io.ringmq.transports.connections;

import io.ringmq.transports.TransportEvent;
import io.ringmq.rings.Pipe;


/**
 * The socket behind a set of connections, as the I/O agent sees it. Implemented by the engine. Both methods are
 * called on the I/O agent's thread, so implementations hand over through thread-safe queues.
 */
public interface ConnectionOwner
{
    /**
     * A connection finished its handshake: the socket takes {@code socketEnd} as a new peer.
     *
     * @return false to refuse the peer (a second PAIR peer, a duplicate routing id); the agent then closes the
     * connection.
     */
    boolean attach(Pipe.End socketEnd, PeerInfo peer);

    /**
     * A monitor event.
     *
     * @param event    a {@link TransportEvent} number.
     * @param endpoint the endpoint it concerns.
     * @param value    libzmq's event value: the reconnect interval in ms for CONNECT_RETRIED, 0 otherwise.
     * @param detail   a human-readable reason for failures, or null.
     */
    void onEvent(int event, String endpoint, long value, String detail);

    /**
     * A connect-side pipe created at connect time (libzmq's session pipe) got a new connection after a previous
     * one was lost: the socket re-sends what a fresh peer needs (subscriptions), as libzmq's pipe hiccup does.
     */
    default void reconnected(final Pipe.End socketEnd)
    {
    }
}
