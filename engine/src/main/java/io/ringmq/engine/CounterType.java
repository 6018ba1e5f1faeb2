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

    private static final String[] NAMES =
        {"other", "messages-sent", "messages-received", "bytes-sent", "bytes-received", "dropped-at-hwm"};

    private CounterType()
    {
    }

    static String name(final int typeId)
    {
        return typeId > 0 && typeId < NAMES.length ? NAMES[typeId] : NAMES[0];
    }
}
