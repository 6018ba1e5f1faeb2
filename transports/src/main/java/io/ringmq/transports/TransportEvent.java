package io.ringmq.transports;

import io.ringmq.transports.zmtp.EngineFailure;



/**
 * Connection events with libzmq's {@code ZMQ_EVENT_*} numbers, so monitor tooling written for libzmq reads
 * ringmq's events unchanged.
 */
public final class TransportEvent
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
    /**
     * ringmq extension (a number libzmq 4.3 does not use): a connection or a subscription refused by one of the
     * limits against hostile load; the event's value is the limit ({@link #LIMIT_CONNECTIONS} ...).
     */
    public static final int LIMIT_REFUSED = 0x8000;
    public static final int ALL = 0xFFFF;

    /** {@link #LIMIT_REFUSED}'s value: the listener had MAX_CONNECTIONS open. */
    public static final int LIMIT_CONNECTIONS = 1;
    /** {@link #LIMIT_REFUSED}'s value: the listener had MAX_HANDSHAKES handshakes in progress. */
    public static final int LIMIT_HANDSHAKES = 2;
    /** {@link #LIMIT_REFUSED}'s value: the source address opened more than HANDSHAKE_RATE connections a second. */
    public static final int LIMIT_HANDSHAKE_RATE = 3;
    /** {@link #LIMIT_REFUSED}'s value: a PUB/XPUB had MAX_SUBSCRIPTIONS subscriptions. */
    public static final int LIMIT_SUBSCRIPTIONS = 4;
    /** {@link #LIMIT_REFUSED}'s value: a subscription's topic was longer than MAX_TOPIC_LENGTH. */
    public static final int LIMIT_TOPIC_LENGTH = 5;
    /** One more than the largest limit reason, for arrays indexed by reason. */
    public static final int LIMIT_REASONS = 6;

    private TransportEvent()
    {
    }

    /**
     * @return the event a stream engine failure is reported as.
     */
    public static int of(final EngineFailure failure)
    {
        switch (failure)
        {
            case HANDSHAKE_REFUSED:
                return HANDSHAKE_FAILED_AUTH;
            case HANDSHAKE_TIMEOUT:
                return HANDSHAKE_FAILED_NO_DETAIL;
            case HEARTBEAT_TIMEOUT:
                return DISCONNECTED;
            default:
                return HANDSHAKE_FAILED_PROTOCOL;
        }
    }

    /** libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED: the value of a protocol failure without a finer code. */
    public static final long PROTOCOL_ERROR_ZMTP_UNSPECIFIED = 0x10000000L;
    /** libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH. */
    public static final long PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH = 0x11000002L;
    /** libzmq's ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED. */
    public static final long PROTOCOL_ERROR_ZAP_UNSPECIFIED = 0x20000000L;

    /**
     * @return the value libzmq gives the event a failure is reported as: a protocol-error code for a protocol
     * failure, an errno otherwise.
     */
    public static long valueOf(final EngineFailure failure)
    {
        switch (failure)
        {
            case MECHANISM_MISMATCH:
                return PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH;
            case HANDSHAKE_REFUSED:
                return PROTOCOL_ERROR_ZAP_UNSPECIFIED;
            case HANDSHAKE_TIMEOUT:
            case HEARTBEAT_TIMEOUT:
                return Errno.ETIMEDOUT;
            default:
                return PROTOCOL_ERROR_ZMTP_UNSPECIFIED;
        }
    }

    /**
     * @return libzmq's name for an event number, e.g. "HANDSHAKE_SUCCEEDED".
     */
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
            case LIMIT_REFUSED: return "LIMIT_REFUSED";
            default: return "UNKNOWN(" + event + ")";
        }
    }
}
