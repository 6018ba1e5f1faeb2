package io.ringmq.codecs;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * ZeroMQ socket types with libzmq's numbering ({@code ZMQ_PAIR} = 0 ... {@code ZMQ_STREAM} = 11), the name each
 * sends as the {@code Socket-Type} property of READY, and RFC 37's table of which types may talk to which.
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
    /** Raw TCP peers: never negotiates ZMTP, so it is compatible with no ZMTP socket type. */
    STREAM(11);

    private static final SocketType[] BY_NUMBER = values();

    private final int number;
    private final byte[] wireName;
    private long compatibleMask;

    static
    {
        PAIR.peers(PAIR);
        PUB.peers(SUB, XSUB);
        SUB.peers(PUB, XPUB);
        REQ.peers(REP, ROUTER);
        REP.peers(REQ, DEALER);
        DEALER.peers(REP, DEALER, ROUTER);
        ROUTER.peers(REQ, DEALER, ROUTER);
        PULL.peers(PUSH);
        PUSH.peers(PULL);
        XPUB.peers(SUB, XSUB);
        XSUB.peers(PUB, XPUB);
    }

    SocketType(final int number)
    {
        this.number = number;
        this.wireName = name().getBytes(StandardCharsets.US_ASCII);
    }

    private void peers(final SocketType... types)
    {
        for (final SocketType type : types)
        {
            compatibleMask |= 1L << type.ordinal();
        }
    }

    /**
     * @return libzmq's number for this type ({@code ZMQ_PAIR} ... {@code ZMQ_STREAM}).
     */
    public int number()
    {
        return number;
    }

    /**
     * @return the ASCII bytes sent as the value of the {@code Socket-Type} property; callers must not modify them.
     */
    public byte[] wireName()
    {
        return wireName;
    }

    /**
     * RFC 37's compatibility table as libzmq enforces it after READY.
     *
     * @param peer the type the peer announced.
     * @return true if a socket of this type may talk to {@code peer}.
     */
    public boolean isCompatibleWith(final SocketType peer)
    {
        return (compatibleMask & (1L << peer.ordinal())) != 0;
    }

    /**
     * @param number libzmq's number.
     * @return the type, or null if the number names no type this build knows.
     */
    public static SocketType fromNumber(final int number)
    {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /**
     * Looks up a {@code Socket-Type} property value as received, without allocating.
     *
     * @return the type, or null if the bytes name no known type (the engine then refuses the peer).
     */
    public static SocketType fromWireName(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final SocketType type : BY_NUMBER)
        {
            final byte[] name = type.wireName;
            if (name.length == length && Ascii.equals(buffer, offset, name))
            {
                return type;
            }
        }
        return null;
    }
}
