package io.ringmq.codecs;

import org.agrona.MutableDirectBuffer;

/**
 * Layout of the ZMTP greeting (RFC 23/37), and its encoder.
 * <pre>
 *   0                   1
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 ...        31 32 33 ...         63
 *  +-+---------------+-+-+-+--------------+--+------------------+
 *  |FF| padding (8)  |7F|Mj|Mn| mechanism |AS| filler (31)      |
 *  +-+---------------+-+-+-+--------------+--+------------------+
 * </pre>
 * A ZMTP 2.0 greeting stops after byte 11, which then holds the socket type. ZMTP 1.0 has none.
 */
public final class GreetingDescriptor
{
    public static final int SIGNATURE_OFFSET = 0;
    public static final int SIGNATURE_LENGTH = 10;
    /** The last byte of the signature; bit 0 set marks a versioned (ZMTP 2.0+) peer. */
    public static final int SIGNATURE_END_OFFSET = 9;
    public static final int MAJOR_VERSION_OFFSET = 10;
    public static final int MINOR_VERSION_OFFSET = 11;
    /** In a ZMTP 2.0 greeting the byte after the revision is the socket type. */
    public static final int V2_SOCKET_TYPE_OFFSET = 11;
    public static final int V2_GREETING_LENGTH = 12;
    public static final int MECHANISM_OFFSET = 12;
    public static final int MECHANISM_LENGTH = 20;
    public static final int AS_SERVER_OFFSET = 32;
    public static final int FILLER_OFFSET = 33;
    public static final int LENGTH = 64;

    public static final byte SIGNATURE_START = (byte)0xFF;
    public static final byte SIGNATURE_END = 0x7F;
    /** Revision bytes as libzmq names them (ZMTP_1_0, ZMTP_2_0, ZMTP_3_x). */
    public static final int REVISION_1_0 = 0;
    public static final int REVISION_2_0 = 1;
    public static final int REVISION_3 = 3;
    public static final int MINOR_3_0 = 0;
    public static final int MINOR_3_1 = 1;

    /**
     * Bytes to send before waiting for anything from the peer: libzmq sends its signature, waits for the
     * peer's, then sends the major version; sending less than signature + major deadlocks against it.
     */
    public static final int EAGER_SEND_LENGTH = MAJOR_VERSION_OFFSET + 1;

    private GreetingDescriptor()
    {
    }

    /**
     * Writes a ZMTP 3.1 greeting.
     *
     * @return {@link #LENGTH}.
     */
    public static int encode(
        final MutableDirectBuffer buffer, final int offset, final Mechanism mechanism, final boolean asServer)
    {
        buffer.setMemory(offset, LENGTH, (byte)0);
        buffer.putByte(offset + SIGNATURE_OFFSET, SIGNATURE_START);
        buffer.putByte(offset + SIGNATURE_END_OFFSET, SIGNATURE_END);
        buffer.putByte(offset + MAJOR_VERSION_OFFSET, (byte)REVISION_3);
        buffer.putByte(offset + MINOR_VERSION_OFFSET, (byte)MINOR_3_1);
        buffer.putBytes(offset + MECHANISM_OFFSET, mechanism.wireName());
        buffer.putByte(offset + AS_SERVER_OFFSET, (byte)(asServer ? 1 : 0));
        return LENGTH;
    }
}
