package io.ringmq.codecs.pgm;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * libzmq's ZMTP/1.0 framing, which its pgm sender and receiver carry inside ODATA, and the 2-byte offset header in
 * front of every TSDU.
 * <pre>
 *  TSDU:   | offset of the first message that begins here, or 0xFFFF (2, BE) | ZMTP/1.0 bytes ... |
 *  short:  | length = body + 1 (1, below 0xFF) | flags (1) | body ... |
 *  long:   | 0xFF | length = body + 1 (8, BE) | flags (1) | body ... |
 * </pre>
 * Flags: MORE 0x01; libzmq ignores the other bits and so does ringmq. The offset may equal the bytes left in the
 * TSDU: libzmq's encoder announces where the next message would begin even when none of it follows.
 */
public final class Zmtp10Descriptor
{
    public static final int TSDU_OFFSET_LENGTH = 2;
    public static final int NO_MESSAGE_START = 0xFFFF;
    public static final int LONG_MARKER = 0xFF;
    public static final int SHORT_HEADER_LENGTH = 2;
    public static final int LONG_HEADER_LENGTH = 10;
    public static final int LONG_SIZE_OFFSET = 1;
    public static final int FLAG_MORE = 0x01;

    private Zmtp10Descriptor()
    {
    }

    /**
     * @return the header length for a body of {@code bodyLength} bytes.
     */
    public static int headerLength(final int bodyLength)
    {
        return bodyLength + 1 < LONG_MARKER ? SHORT_HEADER_LENGTH : LONG_HEADER_LENGTH;
    }

    /**
     * Writes a frame header (length and flags), short or long as libzmq's v1 encoder does.
     *
     * @return the header length.
     */
    public static int encodeHeader(
        final MutableDirectBuffer buffer, final int offset, final int bodyLength, final boolean more)
    {
        final byte flags = (byte)(more ? FLAG_MORE : 0);
        if (bodyLength + 1 < LONG_MARKER)
        {
            buffer.putByte(offset, (byte)(bodyLength + 1));
            buffer.putByte(offset + 1, flags);
            return SHORT_HEADER_LENGTH;
        }
        buffer.putByte(offset, (byte)LONG_MARKER);
        buffer.putLong(offset + LONG_SIZE_OFFSET, bodyLength + 1L, ByteOrder.BIG_ENDIAN);
        buffer.putByte(offset + LONG_HEADER_LENGTH - 1, flags);
        return LONG_HEADER_LENGTH;
    }
}
