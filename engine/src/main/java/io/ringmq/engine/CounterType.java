package io.ringmq.engine;

/**
 * The type ids of the counters in a context's file (Agrona's per-counter type id), and their names for readers.
 * Owner id = the socket's id within its context; reference id = the connection's id within its socket, 0 for the
 * socket's own counters.
 */
final class CounterType
{
    static final int MESSAGES_SENT = 1;
    static final int MESSAGES_RECEIVED = 2;
    static final int BYTES_SENT = 3;
    static final int BYTES_RECEIVED = 4;
    static final int DROPPED_AT_HWM = 5;
    /** Per connection (reference id = the connection's id): messages waiting to go to the peer. */
    static final int QUEUE_DEPTH_OUT = 6;
    /** Per connection: messages from the peer waiting for the application. */
    static final int QUEUE_DEPTH_IN = 7;
    /** Per socket: connect attempts retried after a refusal or a lost connection (libzmq's CONNECT_RETRIED). */
    static final int RECONNECTS = 8;
    static final int HANDSHAKES_SUCCEEDED = 9;
    static final int HANDSHAKES_FAILED_AUTH = 10;
    static final int HANDSHAKES_FAILED_PROTOCOL = 11;
    /** Handshakes that ended without a reason the peer or ZAP gave (libzmq's HANDSHAKE_FAILED_NO_DETAIL). */
    static final int HANDSHAKES_FAILED_OTHER = 12;
    /** Connections refused by a limit (per-source rate, connection count, handshake timeout; ringmq's event). */
    static final int LIMIT_REFUSED = 13;
    /** Message bytes sealed for CURVE peers (the plaintext each box carried). */
    static final int BYTES_ENCRYPTED = 14;
    /** Message bytes opened from CURVE peers. */
    static final int BYTES_DECRYPTED = 15;
    /** Per I/O agent (owner id = the agent's index + 1): duty cycles run. */
    static final int DUTY_CYCLES = 16;
    /** Per I/O agent: the longest duty cycle so far, in nanoseconds. */
    static final int LONGEST_DUTY_CYCLE_NS = 17;

    private static final String[] NAMES =
    {
        "other", "messages-sent", "messages-received", "bytes-sent", "bytes-received", "dropped-at-hwm",
        "queue-depth-out", "queue-depth-in", "reconnects", "handshakes-succeeded", "handshakes-failed-auth",
        "handshakes-failed-protocol", "handshakes-failed-other", "limit-refused", "bytes-encrypted",
        "bytes-decrypted", "duty-cycles", "longest-duty-cycle-ns",
    };

    private CounterType()
    {
    }

    static String name(final int typeId)
    {
        return typeId > 0 && typeId < NAMES.length ? NAMES[typeId] : NAMES[0];
    }
}
