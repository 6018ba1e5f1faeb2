package io.ringmq.codecs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static io.ringmq.codecs.CommandDescriptor.*;

/**
 * Metadata properties: 1-byte name length, name, 4-byte big-endian value length, value.
 */
public final class Metadata
{
    private Metadata()
    {
    }

    /**
     * @return bytes a property takes on the wire.
     */
    public static int propertyLength(final int nameLength, final int valueLength)
    {
        return PROPERTY_NAME_LENGTH_SIZE + nameLength + PROPERTY_VALUE_LENGTH_SIZE + valueLength;
    }

    /**
     * Writes one property.
     *
     * @return bytes written.
     */
    public static int encodeProperty(
        final MutableDirectBuffer buffer,
        final int offset,
        final byte[] name,
        final DirectBuffer value,
        final int valueOffset,
        final int valueLength)
    {
        if (name.length > MAX_PROPERTY_NAME_LENGTH)
        {
            throw new IllegalArgumentException("property name longer than 255 bytes: " + name.length);
        }
        int position = offset;
        buffer.putByte(position, (byte)name.length);
        position += PROPERTY_NAME_LENGTH_SIZE;
        buffer.putBytes(position, name);
        position += name.length;
        buffer.putInt(position, valueLength, ByteOrder.BIG_ENDIAN);
        position += PROPERTY_VALUE_LENGTH_SIZE;
        if (valueLength > 0)
        {
            buffer.putBytes(position, value, valueOffset, valueLength);
        }
        return position + valueLength - offset;
    }

    /**
     * Writes one property whose value is a byte array.
     *
     * @return bytes written.
     */
    public static int encodeProperty(
        final MutableDirectBuffer buffer, final int offset, final byte[] name, final byte[] value)
    {
        final int valueOffset = offset + PROPERTY_NAME_LENGTH_SIZE + name.length + PROPERTY_VALUE_LENGTH_SIZE;
        final int written = encodeProperty(buffer, offset, name, null, 0, 0);
        buffer.putInt(valueOffset - PROPERTY_VALUE_LENGTH_SIZE, value.length, ByteOrder.BIG_ENDIAN);
        buffer.putBytes(valueOffset, value);
        return written + value.length;
    }

    /**
     * Walks the properties in {@code [offset, offset + length)}, checking every length against the bytes that
     * remain before handing a property over.
     *
     * @return {@link WireError#NONE}, {@link WireError#PROPERTY_OVERFLOW} if a length runs past the end, or
     * {@link WireError#BAD_PROPERTY} if the handler refused a property.
     */
    public static WireError decode(
        final DirectBuffer buffer, final int offset, final int length, final PropertyHandler handler)
    {
        int position = offset;
        final int end = offset + length;
        while (position < end)
        {
            final int nameLength = buffer.getByte(position) & 0xFF;
            position += PROPERTY_NAME_LENGTH_SIZE;
            if (nameLength > end - position)
            {
                return WireError.PROPERTY_OVERFLOW;
            }
            final int nameOffset = position;
            position += nameLength;
            if (end - position < PROPERTY_VALUE_LENGTH_SIZE)
            {
                return WireError.PROPERTY_OVERFLOW;
            }
            // Unsigned: a value length of 2^31 or more must not pass the check below as a negative number.
            final long valueLength = buffer.getInt(position, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
            position += PROPERTY_VALUE_LENGTH_SIZE;
            if (valueLength > end - position)
            {
                return WireError.PROPERTY_OVERFLOW;
            }
            if (!handler.onProperty(buffer, nameOffset, nameLength, position, (int)valueLength))
            {
                return WireError.BAD_PROPERTY;
            }
            position += (int)valueLength;
        }
        return WireError.NONE;
    }

    /**
     * @return true if the property name at {@code offset} is {@code name}, compared as libzmq does
     * (case-insensitively).
     */
    public static boolean nameEquals(final DirectBuffer buffer, final int offset, final int length, final byte[] name)
    {
        return Ascii.equalsIgnoreCase(buffer, offset, length, name);
    }
}
