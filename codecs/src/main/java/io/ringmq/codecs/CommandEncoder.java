package io.ringmq.codecs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static io.ringmq.codecs.CommandDescriptor.*;
import static io.ringmq.codecs.FrameDescriptor.FLAG_COMMAND;

/**
 * Writes whole command frames (header and body) of ZMTP 3.1, and the ZMTP 3.0 subscription message.
 * Each method returns the bytes written; the destination must have room for them.
 */
public final class CommandEncoder
{
    private static final byte[] SOCKET_TYPE = PROPERTY_SOCKET_TYPE.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IDENTITY = PROPERTY_IDENTITY.getBytes(StandardCharsets.US_ASCII);

    private CommandEncoder()
    {
    }

    /**
     * READY with {@code Socket-Type} and, when {@code identity} is not null, {@code Identity} (libzmq sends it
     * for REQ, DEALER and ROUTER, empty when no routing id is set).
     */
    public static int encodeReady(
        final MutableDirectBuffer buffer,
        final int offset,
        final SocketType type,
        final DirectBuffer identity,
        final int identityOffset,
        final int identityLength)
    {
        final byte[] typeName = type.wireName();
        int bodyLength =
            commandLength(CommandName.READY) + Metadata.propertyLength(SOCKET_TYPE.length, typeName.length);
        if (identity != null)
        {
            bodyLength += Metadata.propertyLength(IDENTITY.length, identityLength);
        }
        int position = offset + FrameDescriptor.encodeHeader(buffer, offset, FLAG_COMMAND, bodyLength);
        position += putName(buffer, position, CommandName.READY);
        position += Metadata.encodeProperty(buffer, position, SOCKET_TYPE, typeName);
        if (identity != null)
        {
            position += Metadata.encodeProperty(buffer, position, IDENTITY, identity, identityOffset, identityLength);
        }
        return position - offset;
    }

    /**
     * ERROR with a reason of at most 255 bytes (longer reasons are cut).
     */
    public static int encodeError(final MutableDirectBuffer buffer, final int offset, final String reason)
    {
        final byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        final int reasonLength = Math.min(reasonBytes.length, MAX_ERROR_REASON_LENGTH);
        final int bodyLength = commandLength(CommandName.ERROR) + ERROR_REASON_LENGTH_SIZE + reasonLength;
        int position = offset + FrameDescriptor.encodeHeader(buffer, offset, FLAG_COMMAND, bodyLength);
        position += putName(buffer, position, CommandName.ERROR);
        buffer.putByte(position++, (byte)reasonLength);
        buffer.putBytes(position, reasonBytes, 0, reasonLength);
        return position + reasonLength - offset;
    }

    /**
     * SUBSCRIBE or CANCEL, the ZMTP 3.1 form sent to 3.1 peers.
     */
    public static int encodeSubscription(
        final MutableDirectBuffer buffer,
        final int offset,
        final boolean subscribe,
        final DirectBuffer topic,
        final int topicOffset,
        final int topicLength)
    {
        final CommandName name = subscribe ? CommandName.SUBSCRIBE : CommandName.CANCEL;
        final int bodyLength = commandLength(name) + topicLength;
        int position = offset + FrameDescriptor.encodeHeader(buffer, offset, FLAG_COMMAND, bodyLength);
        position += putName(buffer, position, name);
        if (topicLength > 0)
        {
            buffer.putBytes(position, topic, topicOffset, topicLength);
        }
        return position + topicLength - offset;
    }

    /**
     * A subscription as a ZMTP 3.0 peer expects it: a one-frame message whose first byte is 1 (subscribe) or
     * 0 (cancel), followed by the topic.
     */
    public static int encodeSubscriptionMessage(
        final MutableDirectBuffer buffer,
        final int offset,
        final boolean subscribe,
        final DirectBuffer topic,
        final int topicOffset,
        final int topicLength)
    {
        final int bodyLength = 1 + topicLength;
        int position = offset + FrameDescriptor.encodeHeader(buffer, offset, 0, bodyLength);
        buffer.putByte(position++, subscribe ? SUBSCRIPTION_MESSAGE_SUBSCRIBE : SUBSCRIPTION_MESSAGE_CANCEL);
        if (topicLength > 0)
        {
            buffer.putBytes(position, topic, topicOffset, topicLength);
        }
        return position + topicLength - offset;
    }

    /**
     * PING with a TTL in deciseconds (HEARTBEAT_TTL in milliseconds / 100, at most 65535) and a context of at
     * most 16 bytes.
     */
    public static int encodePing(
        final MutableDirectBuffer buffer,
        final int offset,
        final int ttlDeciseconds,
        final DirectBuffer context,
        final int contextOffset,
        final int contextLength)
    {
        checkContext(contextLength);
        final int bodyLength = commandLength(CommandName.PING) + PING_TTL_SIZE + contextLength;
        int position = offset + FrameDescriptor.encodeHeader(buffer, offset, FLAG_COMMAND, bodyLength);
        position += putName(buffer, position, CommandName.PING);
        buffer.putShort(position, (short)Math.min(Math.max(ttlDeciseconds, 0), MAX_PING_TTL), ByteOrder.BIG_ENDIAN);
        position += PING_TTL_SIZE;
        if (contextLength > 0)
        {
            buffer.putBytes(position, context, contextOffset, contextLength);
        }
        return position + contextLength - offset;
    }

    /**
     * PONG echoing a PING's context.
     */
    public static int encodePong(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer context,
        final int contextOffset,
        final int contextLength)
    {
        checkContext(contextLength);
        final int bodyLength = commandLength(CommandName.PONG) + contextLength;
        int position = offset + FrameDescriptor.encodeHeader(buffer, offset, FLAG_COMMAND, bodyLength);
        position += putName(buffer, position, CommandName.PONG);
        if (contextLength > 0)
        {
            buffer.putBytes(position, context, contextOffset, contextLength);
        }
        return position + contextLength - offset;
    }

    private static void checkContext(final int contextLength)
    {
        if (contextLength < 0 || contextLength > MAX_PING_CONTEXT_LENGTH)
        {
            throw new IllegalArgumentException("PING/PONG context must be 0..16 bytes: " + contextLength);
        }
    }

    private static int commandLength(final CommandName name)
    {
        return NAME_OFFSET + name.wireName().length;
    }

    private static int putName(final MutableDirectBuffer buffer, final int offset, final CommandName name)
    {
        final byte[] wireName = name.wireName();
        buffer.putByte(offset + NAME_LENGTH_OFFSET, (byte)wireName.length);
        buffer.putBytes(offset + NAME_OFFSET, wireName);
        return NAME_OFFSET + wireName.length;
    }
}
