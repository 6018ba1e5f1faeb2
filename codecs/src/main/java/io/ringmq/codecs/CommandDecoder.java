package io.ringmq.codecs;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static io.ringmq.codecs.CommandDescriptor.*;

/**
 * Flyweight over the body of a received command frame. {@link #wrap} checks the name length against the frame;
 * the typed readers check their own fields. Nothing is copied: offsets point into the wrapped buffer.
 */
public final class CommandDecoder
{
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int nameLength;
    private CommandName name;
    private int fieldOffset;
    private int fieldLength;
    private int pingTtl;

    /**
     * @return {@link WireError#NONE}, or {@link WireError#COMMAND_NAME_OVERFLOW} if the frame is empty or shorter
     * than its name length says.
     */
    public WireError wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.name = null;
        if (length < NAME_OFFSET)
        {
            return WireError.COMMAND_NAME_OVERFLOW;
        }
        nameLength = buffer.getByte(offset + NAME_LENGTH_OFFSET) & 0xFF;
        if (nameLength > length - NAME_OFFSET)
        {
            return WireError.COMMAND_NAME_OVERFLOW;
        }
        name = CommandName.fromWireName(buffer, offset + NAME_OFFSET, nameLength);
        return WireError.NONE;
    }

    /**
     * @return the command, or null if its name is not one this build knows (its bytes are at
     * {@link #nameOffset()}).
     */
    public CommandName name()
    {
        return name;
    }

    public int nameOffset()
    {
        return offset + NAME_OFFSET;
    }

    public int nameLength()
    {
        return nameLength;
    }

    /**
     * @return where the command's data (everything after the name) starts.
     */
    public int dataOffset()
    {
        return offset + NAME_OFFSET + nameLength;
    }

    public int dataLength()
    {
        return length - NAME_OFFSET - nameLength;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Walks the metadata properties that make up the data of READY (and of a decrypted INITIATE).
     */
    public WireError readProperties(final PropertyHandler handler)
    {
        return Metadata.decode(buffer, dataOffset(), dataLength(), handler);
    }

    /**
     * Reads ERROR's reason; on success it is at {@link #fieldOffset()} for {@link #fieldLength()} bytes.
     */
    public WireError readErrorReason()
    {
        if (dataLength() < ERROR_REASON_LENGTH_SIZE)
        {
            return WireError.TRUNCATED_COMMAND;
        }
        final int reasonLength = buffer.getByte(dataOffset()) & 0xFF;
        if (reasonLength > dataLength() - ERROR_REASON_LENGTH_SIZE)
        {
            return WireError.TRUNCATED_COMMAND;
        }
        fieldOffset = dataOffset() + ERROR_REASON_LENGTH_SIZE;
        fieldLength = reasonLength;
        return WireError.NONE;
    }

    /**
     * Reads PING's TTL and context. A context longer than 16 bytes is cut to 16, as libzmq does when it echoes
     * it in PONG. On success the TTL is {@link #pingTtl()} and the context is at {@link #fieldOffset()}.
     */
    public WireError readPing()
    {
        if (dataLength() < PING_TTL_SIZE)
        {
            return WireError.TRUNCATED_COMMAND;
        }
        pingTtl = buffer.getShort(dataOffset(), ByteOrder.BIG_ENDIAN) & 0xFFFF;
        fieldOffset = dataOffset() + PING_TTL_SIZE;
        fieldLength = Math.min(dataLength() - PING_TTL_SIZE, MAX_PING_CONTEXT_LENGTH);
        return WireError.NONE;
    }

    /**
     * Reads PONG's context, cut to 16 bytes.
     */
    public WireError readPong()
    {
        fieldOffset = dataOffset();
        fieldLength = Math.min(dataLength(), MAX_PING_CONTEXT_LENGTH);
        return WireError.NONE;
    }

    /**
     * @return the TTL of the last PING read, in deciseconds (0 = none).
     */
    public int pingTtl()
    {
        return pingTtl;
    }

    /**
     * @return where the field read last (ERROR reason, PING/PONG context) starts.
     */
    public int fieldOffset()
    {
        return fieldOffset;
    }

    public int fieldLength()
    {
        return fieldLength;
    }
}
