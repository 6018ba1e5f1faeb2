package io.ringmq.codecs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Layout of a ZMTP 2.0/3.x frame, and its header encoder.
 * <pre>
 *  short:  | flags (1) | size (1)          | body ...
 *  long:   | flags (1) | size (8, BE, unsigned) | body ...
 * </pre>
 * A frame whose body exceeds 255 bytes must use the long form; a receiver accepts either form for any size.
 */
public final class FrameDescriptor
{
    public static final int FLAGS_OFFSET = 0;
    public static final int SIZE_OFFSET = 1;
    public static final int SHORT_SIZE_LENGTH = 1;
    public static final int LONG_SIZE_LENGTH = 8;
    public static final int SHORT_HEADER_LENGTH = SIZE_OFFSET + SHORT_SIZE_LENGTH;
    public static final int LONG_HEADER_LENGTH = SIZE_OFFSET + LONG_SIZE_LENGTH;
    public static final int MAX_SHORT_SIZE = 0xFF;

    public static final int FLAG_MORE = 0x01;
    public static final int FLAG_LONG = 0x02;
    public static final int FLAG_COMMAND = 0x04;
    public static final int RESERVED_FLAGS_MASK = 0xF8;

    /**
     * The largest body one frame may carry in this implementation: what one Java buffer can address.
     */
    public static final int MAX_FRAME_LENGTH = Integer.MAX_VALUE - 8;

    private FrameDescriptor()
    {
    }

    /**
     * @return the header length a frame of {@code size} bytes is sent with.
     */
    public static int headerLength(final int size)
    {
        return size > MAX_SHORT_SIZE ? LONG_HEADER_LENGTH : SHORT_HEADER_LENGTH;
    }

    /**
     * Writes a frame header, short or long as the size requires.
     *
     * @param flags {@link #FLAG_MORE} and/or {@link #FLAG_COMMAND}; {@link #FLAG_LONG} is set here when needed.
     * @return the header length.
     */
    public static int encodeHeader(final MutableDirectBuffer buffer, final int offset, final int flags, final int size)
    {
        if (size > MAX_SHORT_SIZE)
        {
            buffer.putByte(offset + FLAGS_OFFSET, (byte)((flags & ~FLAG_LONG) | FLAG_LONG));
            buffer.putLong(offset + SIZE_OFFSET, size, ByteOrder.BIG_ENDIAN);
            return LONG_HEADER_LENGTH;
        }
        buffer.putByte(offset + FLAGS_OFFSET, (byte)(flags & ~FLAG_LONG));
        buffer.putByte(offset + SIZE_OFFSET, (byte)size);
        return SHORT_HEADER_LENGTH;
    }

    /**
     * Writes a whole frame: header then body.
     *
     * @return bytes written.
     */
    public static int encodeFrame(
        final MutableDirectBuffer buffer,
        final int offset,
        final int flags,
        final DirectBuffer body,
        final int bodyOffset,
        final int bodyLength)
    {
        final int headerLength = encodeHeader(buffer, offset, flags, bodyLength);
        buffer.putBytes(offset + headerLength, body, bodyOffset, bodyLength);
        return headerLength + bodyLength;
    }
}
