package io.ringmq.crypto;

import io.ringmq.codecs.CommandDecoder;
import io.ringmq.codecs.CommandEncoder;
import io.ringmq.codecs.CommandName;
import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.ReadyProperties;
import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.WireError;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The NULL mechanism (RFC 37): each side sends READY with its metadata; an ERROR from the peer, a malformed
 * READY, or an incompatible socket type ends the handshake.
 */
public final class NullMechanism implements SecurityMechanism
{
    private final MechanismConfig config;
    private final CommandDecoder command = new CommandDecoder();
    private final ReadyProperties properties = new ReadyProperties();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[512]);
    private boolean readySent;
    private boolean readyReceived;
    private int status = HANDSHAKING;
    private String errorReason;
    private boolean sendsError;
    private SocketType peerSocketType;
    private byte[] peerIdentity;

    public NullMechanism(final MechanismConfig config)
    {
        this.config = config;
    }

    public Mechanism mechanism()
    {
        return Mechanism.NULL;
    }

    public int produceCommand(final MutableDirectBuffer buffer, final int offset)
    {
        if (readySent || status == FAILED)
        {
            return 0;
        }
        readySent = true;
        // The codec writes whole frames; the engine frames bodies itself, so strip the header here.
        final byte[] id = config.routingId();
        final int frameLength = CommandEncoder.encodeReady(
            scratch, 0, config.socketType(), config.sendsIdentity() ? new UnsafeBuffer(id) : null, 0, id.length);
        final int headerLength = (scratch.getByte(0) & FrameDescriptor.FLAG_LONG) != 0 ?
            FrameDescriptor.LONG_HEADER_LENGTH : FrameDescriptor.SHORT_HEADER_LENGTH;
        final int bodyLength = frameLength - headerLength;
        buffer.putBytes(offset, scratch, headerLength, bodyLength);
        updateStatus();
        return bodyLength;
    }

    public int consumeCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        if (status != HANDSHAKING)
        {
            return fail("command after the handshake ended", false);
        }
        final WireError error = command.wrap(buffer, offset, length);
        if (error != WireError.NONE)
        {
            return fail(error.description(), false);
        }
        if (command.name() == CommandName.ERROR)
        {
            final String reason = command.readErrorReason() == WireError.NONE ?
                buffer.getStringWithoutLengthUtf8(command.fieldOffset(), command.fieldLength()) : "malformed ERROR";
            return fail("peer refused the handshake: " + reason, false);
        }
        if (command.name() != CommandName.READY || readyReceived)
        {
            return fail("unexpected command in the NULL handshake", false);
        }
        final WireError propertiesError = properties.read(command);
        if (propertiesError != WireError.NONE)
        {
            return fail(propertiesError.description(), false);
        }
        peerSocketType = properties.socketType();
        if (peerSocketType == null)
        {
            return fail("READY without Socket-Type", false);
        }
        if (!config.socketType().isCompatibleWith(peerSocketType))
        {
            // libzmq closes without an ERROR command here; so do we.
            return fail("socket type " + peerSocketType + " is not compatible with " + config.socketType(), false);
        }
        if (properties.identityOffset() >= 0)
        {
            peerIdentity = new byte[properties.identityLength()];
            buffer.getBytes(properties.identityOffset(), peerIdentity);
        }
        readyReceived = true;
        updateStatus();
        return status;
    }

    private void updateStatus()
    {
        if (status == HANDSHAKING && readySent && readyReceived)
        {
            status = READY;
        }
    }

    private int fail(final String reason, final boolean tellPeer)
    {
        if (status != FAILED)
        {
            errorReason = reason;
            sendsError = tellPeer;
            status = FAILED;
        }
        return status;
    }

    public int status()
    {
        return status;
    }

    public String errorReason()
    {
        return errorReason;
    }

    public boolean sendsError()
    {
        return sendsError;
    }

    public SocketType peerSocketType()
    {
        return peerSocketType;
    }

    public byte[] peerIdentity()
    {
        return peerIdentity;
    }
}
