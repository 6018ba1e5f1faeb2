package io.ringmq.engine;

import io.ringmq.transports.TransportEvent;

/**
 * Socket events with libzmq's numbers ({@code ZMQ_EVENT_*}), for {@link Socket#monitor(String, int)} and
 * {@link Socket#monitor(Listener, int)}. Masks combine with {@code |}; {@link #ALL} selects every event.
 *
 * <p>On a monitor PAIR socket each event is libzmq's two-frame message: a 6-byte frame holding the event number
 * (16 bits) then its value (32 bits), both in native byte order as libzmq writes them, and a frame holding the
 * endpoint. Inproc emits no connection events, as in libzmq; the network transports emit them.
 */
public final class MonitorEvent
{
    // The numbers are the transports' (TransportEvent), which raise most of these events; one list of them.
    public static final int CONNECTED = TransportEvent.CONNECTED;
    public static final int CONNECT_DELAYED = TransportEvent.CONNECT_DELAYED;
    public static final int CONNECT_RETRIED = TransportEvent.CONNECT_RETRIED;
    public static final int LISTENING = TransportEvent.LISTENING;
    public static final int BIND_FAILED = TransportEvent.BIND_FAILED;
    public static final int ACCEPTED = TransportEvent.ACCEPTED;
    public static final int ACCEPT_FAILED = TransportEvent.ACCEPT_FAILED;
    public static final int CLOSED = TransportEvent.CLOSED;
    public static final int CLOSE_FAILED = TransportEvent.CLOSE_FAILED;
    public static final int DISCONNECTED = TransportEvent.DISCONNECTED;
    public static final int MONITOR_STOPPED = TransportEvent.MONITOR_STOPPED;
    public static final int HANDSHAKE_FAILED_NO_DETAIL = TransportEvent.HANDSHAKE_FAILED_NO_DETAIL;
    public static final int HANDSHAKE_SUCCEEDED = TransportEvent.HANDSHAKE_SUCCEEDED;
    public static final int HANDSHAKE_FAILED_PROTOCOL = TransportEvent.HANDSHAKE_FAILED_PROTOCOL;
    /**
     * ringmq extension: a connection or subscription refused by a limit against hostile load (MAX_CONNECTIONS,
     * MAX_HANDSHAKES, HANDSHAKE_RATE, MAX_SUBSCRIPTIONS, MAX_TOPIC_LENGTH); the value says which
     * ({@link #LIMIT_CONNECTIONS} ...). A number libzmq 4.3 does not use.
     */
    public static final int LIMIT_REFUSED = TransportEvent.LIMIT_REFUSED;
    public static final int LIMIT_CONNECTIONS = TransportEvent.LIMIT_CONNECTIONS;
    public static final int LIMIT_HANDSHAKES = TransportEvent.LIMIT_HANDSHAKES;
    public static final int LIMIT_HANDSHAKE_RATE = TransportEvent.LIMIT_HANDSHAKE_RATE;
    public static final int LIMIT_SUBSCRIPTIONS = TransportEvent.LIMIT_SUBSCRIPTIONS;
    public static final int LIMIT_TOPIC_LENGTH = TransportEvent.LIMIT_TOPIC_LENGTH;
    public static final int HANDSHAKE_FAILED_AUTH = TransportEvent.HANDSHAKE_FAILED_AUTH;
    public static final int ALL = TransportEvent.ALL;

    /** Receives events on the thread that raised them (the socket's or an I/O thread): keep it quick. */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * @param event    one of the constants above.
         * @param value    the event's value: a file descriptor, an error number or a retry interval, as libzmq.
         * @param endpoint the endpoint concerned.
         */
        void onEvent(int event, long value, String endpoint);

        /**
         * The same event with a human-readable reason for failures (handshake refused, the peer's ERROR, bad
         * bytes), or null. Override to see reasons; by default the reason is dropped.
         */
        default void onEvent(final int event, final long value, final String endpoint, final String detail)
        {
            onEvent(event, value, endpoint);
        }
    }

    private MonitorEvent()
    {
    }

    /** @return libzmq's name without the {@code ZMQ_EVENT_} prefix, e.g. {@code "CONNECTED"}. */
    public static String name(final int event)
    {
        return TransportEvent.name(event);
    }
}
