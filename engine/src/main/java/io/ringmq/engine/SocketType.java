package io.ringmq.engine;

/**
 * ZeroMQ socket types, numbered as libzmq numbers them ({@code ZMQ_PAIR} = 0 ... {@code ZMQ_STREAM} = 11) so that
 * code ported from libzmq or pyzmq keeps its constants.
 *
 * <p>The engine's own enum rather than the codec's: the wire layer's type also carries the READY property bytes
 * and RFC 37's compatibility table, which are the engine's business, not the user's.
 */
public enum SocketType
{
    PAIR(0),
    PUB(1),
    SUB(2),
    REQ(3),
    REP(4),
    DEALER(5),
    ROUTER(6),
    PULL(7),
    PUSH(8),
    XPUB(9),
    XSUB(10),
    /** Raw TCP peers: no ZMTP, each message is a routing id and a chunk of bytes. */
    STREAM(11);

    private static final SocketType[] BY_NUMBER = values();

    private final int number;
    private final io.ringmq.codecs.SocketType wire;

    SocketType(final int number)
    {
        this.number = number;
        this.wire = io.ringmq.codecs.SocketType.fromNumber(number);
    }

    /**
     * @return libzmq's number for this type ({@code ZMQ_PAIR} ... {@code ZMQ_STREAM}).
     */
    public int number()
    {
        return number;
    }

    /**
     * @param number libzmq's number.
     * @return the type, or null if the number names no type ringmq knows.
     */
    public static SocketType fromNumber(final int number)
    {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** The same type as the ZMTP layer knows it: what the stream engine announces and checks peers against. */
    io.ringmq.codecs.SocketType wire()
    {
        return wire;
    }
}
