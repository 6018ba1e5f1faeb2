package io.ringmq.transports.zmtp;

import org.agrona.concurrent.status.AtomicCounter;
import io.ringmq.codecs.CommandEncoder;
import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.crypto.SecurityMechanism;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.ringmq.codecs.FrameDescriptor.FLAG_MORE;

/**
 * How frames leave one ZMTP connection after its handshake: as they are, as SUBSCRIBE/CANCEL commands for a SUB
 * or XSUB socket's subscription messages to a 3.1 peer, and inside MESSAGE boxes when the mechanism encrypts. The
 * engine's own commands (PING, PONG) go the same way into its {@link ControlQueue}. Allocation-free: at most one
 * secretbox per frame.
 */
final class OutboundFramer
{
    private final SecurityMechanism mechanism;
    private final ControlQueue control;
    private final boolean sendsSubscriptions;
    /**
     * The mechanism's handshake commands are produced here; after the handshake the engine's own commands (PING,
     * PONG, an encrypted subscription) are encoded here first, then encrypted into MESSAGE when the mechanism
     * encrypts. The two uses never overlap, so one buffer serves both: an idle connection's memory is mostly these.
     */
    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(ControlQueue.CAPACITY));
    private boolean encrypting;
    /** Null when nobody counts. */
    private final AtomicCounter bytesEncrypted;
    private boolean midMessage;

    OutboundFramer(
        final SecurityMechanism mechanism, final ControlQueue control, final boolean sendsSubscriptions,
        final AtomicCounter bytesEncrypted)
    {
        this.bytesEncrypted = bytesEncrypted;
        this.mechanism = mechanism;
        this.control = control;
        this.sendsSubscriptions = sendsSubscriptions;
    }

    /**
     * @return where commands are made before they are queued: the handshake's, then {@link #queueCommand}'s.
     */
    UnsafeBuffer scratch()
    {
        return scratch;
    }

    /** The handshake ended; from now on every frame is boxed if {@code encrypting}. */
    void encrypting(final boolean encrypting)
    {
        this.encrypting = encrypting;
    }

    boolean isAtMessageBoundary()
    {
        return !midMessage;
    }

    /**
     * Encodes one frame of an outgoing message (see {@link StreamEngine#encodeFrame}).
     *
     * @param subscriptionCommands true for a ZMTP 3.1 peer, which takes subscriptions as commands.
     */
    int encodeFrame(
        final MutableDirectBuffer dst,
        final int offset,
        final int flags,
        final DirectBuffer src,
        final int srcOffset,
        final int length,
        final boolean subscriptionCommands)
    {
        final boolean firstFrame = !midMessage;
        midMessage = (flags & FLAG_MORE) != 0;
        if (firstFrame && sendsSubscriptions && (flags & FLAG_MORE) == 0 && length > 0 && subscriptionCommands)
        {
            final byte first = src.getByte(srcOffset);
            if (first == 0 || first == 1)
            {
                if (encrypting)
                {
                    final int frameLength = CommandEncoder.encodeSubscription(
                        scratch, 0, first == 1, src, srcOffset + 1, length - 1);
                    final int headerLength = headerLengthOf(scratch);
                    return encodeEncrypted(dst, offset, SecurityMechanism.MESSAGE_FLAG_COMMAND,
                        scratch, headerLength, frameLength - headerLength);
                }
                return CommandEncoder.encodeSubscription(dst, offset, first == 1, src, srcOffset + 1, length - 1);
            }
        }
        if (encrypting)
        {
            return encodeEncrypted(dst, offset, flags & FLAG_MORE, src, srcOffset, length);
        }
        return FrameDescriptor.encodeFrame(dst, offset, flags & FLAG_MORE, src, srcOffset, length);
    }

    /**
     * Queues a command frame the engine made in {@link #scratch()} after the handshake (PING, PONG): as it is, or
     * inside an encrypted MESSAGE when the mechanism encrypts.
     */
    void queueCommand(final int frameLength)
    {
        if (encrypting)
        {
            final int headerLength = headerLengthOf(scratch);
            control.advance(encodeEncrypted(control.buffer(), control.length(), SecurityMechanism.MESSAGE_FLAG_COMMAND,
                scratch, headerLength, frameLength - headerLength));
        }
        else
        {
            control.append(scratch, 0, frameLength);
        }
    }

    /**
     * Writes one frame or command body as a frame holding a MESSAGE command: header, then the mechanism's
     * encryption.
     */
    private int encodeEncrypted(
        final MutableDirectBuffer dst,
        final int offset,
        final int messageFlags,
        final DirectBuffer src,
        final int srcOffset,
        final int length)
    {
        final int bodyLength = length + mechanism.messageOverhead();
        // As libzmq frames it: a data frame without flags; MORE and COMMAND are inside the box.
        final int headerLength = FrameDescriptor.encodeHeader(dst, offset, 0, bodyLength);
        if (null != bytesEncrypted)
        {
            bytesEncrypted.getAndAdd(length);
        }
        return headerLength + mechanism.encodeMessage(messageFlags, src, srcOffset, length, dst, offset + headerLength);
    }

    private static int headerLengthOf(final DirectBuffer frame)
    {
        return (frame.getByte(0) & FrameDescriptor.FLAG_LONG) != 0 ?
            FrameDescriptor.LONG_HEADER_LENGTH : FrameDescriptor.SHORT_HEADER_LENGTH;
    }
}
