package io.ringmq.engine;

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
    public static final int CONNECTED = 0x0001;
    public static final int CONNECT_DELAYED = 0x0002;
    public static final int CONNECT_RETRIED = 0x0004;
    public static final int LISTENING = 0x0008;
    public static final int BIND_FAILED = 0x0010;
    public static final int ACCEPTED = 0x0020;
    public static final int ACCEPT_FAILED = 0x0040;
    public static final int CLOSED = 0x0080;
    public static final int CLOSE_FAILED = 0x0100;
    public static final int DISCONNECTED = 0x0200;
    public static final int MONITOR_STOPPED = 0x0400;
    public static final int HANDSHAKE_FAILED_NO_DETAIL = 0x0800;
    public static final int HANDSHAKE_SUCCEEDED = 0x1000;
    public static final int HANDSHAKE_FAILED_PROTOCOL = 0x2000;
    public static final int HANDSHAKE_FAILED_AUTH = 0x4000;
    public static final int ALL = 0xFFFF;

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
        switch (event)
        {
            case CONNECTED: return "CONNECTED";
            case CONNECT_DELAYED: return "CONNECT_DELAYED";
            case CONNECT_RETRIED: return "CONNECT_RETRIED";
            case LISTENING: return "LISTENING";
            case BIND_FAILED: return "BIND_FAILED";
            case ACCEPTED: return "ACCEPTED";
            case ACCEPT_FAILED: return "ACCEPT_FAILED";
            case CLOSED: return "CLOSED";
            case CLOSE_FAILED: return "CLOSE_FAILED";
            case DISCONNECTED: return "DISCONNECTED";
            case MONITOR_STOPPED: return "MONITOR_STOPPED";
            case HANDSHAKE_FAILED_NO_DETAIL: return "HANDSHAKE_FAILED_NO_DETAIL";
            case HANDSHAKE_SUCCEEDED: return "HANDSHAKE_SUCCEEDED";
            case HANDSHAKE_FAILED_PROTOCOL: return "HANDSHAKE_FAILED_PROTOCOL";
            case HANDSHAKE_FAILED_AUTH: return "HANDSHAKE_FAILED_AUTH";
            default: return "UNKNOWN(" + event + ")";
        }
    }
}
