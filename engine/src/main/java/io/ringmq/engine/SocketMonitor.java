package io.ringmq.engine;

/**
 * Receives a socket's connection events, as {@code zmq_socket_monitor} reports them: libzmq's event numbers
 * ({@link io.ringmq.transports.TransportEvent}), its value (the reconnect interval in ms for CONNECT_RETRIED,
 * else 0) and the endpoint. Called on an I/O thread (or the socket's own thread in caller-runs mode): keep it
 * short and thread-safe.
 */
@FunctionalInterface
public interface SocketMonitor
{
    void onEvent(int event, long value, String endpoint);

    /**
     * The same event with a human-readable reason for failures (handshake refused, peer's ERROR, bad bytes), or
     * null. Override to see reasons; by default the reason is dropped.
     */
    default void onEvent(final int event, final long value, final String endpoint, final String detail)
    {
        onEvent(event, value, endpoint);
    }
}
