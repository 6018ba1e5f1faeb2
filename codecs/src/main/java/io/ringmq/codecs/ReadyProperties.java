package io.ringmq.codecs;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

import static io.ringmq.codecs.CommandDescriptor.PROPERTY_IDENTITY;
import static io.ringmq.codecs.CommandDescriptor.PROPERTY_SOCKET_TYPE;

/**
 * Collects the two properties the engine acts on from a READY command: the peer's socket type and its
 * identity (routing id). A second Socket-Type, or one naming no known type, refuses the command. Other
 * properties are left for the metadata a message carries.
 */
public final class ReadyProperties implements PropertyHandler
{
    private static final byte[] SOCKET_TYPE = PROPERTY_SOCKET_TYPE.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IDENTITY = PROPERTY_IDENTITY.getBytes(StandardCharsets.US_ASCII);

    private SocketType socketType;
    private int identityOffset = -1;
    private int identityLength;

    /**
     * Reads the properties of a wrapped READY command.
     */
    public WireError read(final CommandDecoder ready)
    {
        socketType = null;
        identityOffset = -1;
        identityLength = 0;
        return ready.readProperties(this);
    }

    public boolean onProperty(
        final DirectBuffer buffer,
        final int nameOffset,
        final int nameLength,
        final int valueOffset,
        final int valueLength)
    {
        if (Metadata.nameEquals(buffer, nameOffset, nameLength, SOCKET_TYPE))
        {
            if (socketType != null)
            {
                return false;
            }
            socketType = SocketType.fromWireName(buffer, valueOffset, valueLength);
            return socketType != null;
        }
        if (Metadata.nameEquals(buffer, nameOffset, nameLength, IDENTITY))
        {
            identityOffset = valueOffset;
            identityLength = valueLength;
        }
        return true;
    }

    /**
     * @return the peer's socket type, or null if READY carried none.
     */
    public SocketType socketType()
    {
        return socketType;
    }

    /**
     * @return where the Identity value starts in the command's buffer, or -1 if READY carried none.
     */
    public int identityOffset()
    {
        return identityOffset;
    }

    public int identityLength()
    {
        return identityLength;
    }
}
