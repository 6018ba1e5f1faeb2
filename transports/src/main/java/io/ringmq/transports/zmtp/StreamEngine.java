package io.ringmq.transports.zmtp;

import io.ringmq.codecs.CommandDecoder;
import io.ringmq.codecs.CommandEncoder;
import io.ringmq.codecs.CommandName;
import io.ringmq.codecs.FrameDecoder;
import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.codecs.FrameHandler;
import io.ringmq.codecs.GreetingDecoder;
import io.ringmq.codecs.GreetingDescriptor;
import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.SubscriptionDecoder;
import io.ringmq.codecs.WireError;
import io.ringmq.codecs.ZmtpVersion;
import io.ringmq.crypto.SecurityFailure;
import io.ringmq.crypto.SecurityMechanism;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static io.ringmq.codecs.FrameDescriptor.FLAG_COMMAND;
import static io.ringmq.codecs.FrameDescriptor.FLAG_MORE;

/**
 * The ZMTP protocol for one connection, without the I/O: greeting and version negotiation, the mechanism's
 * handshake, then frames, subscriptions and heartbeats. The transport that owns the connection feeds it the
 * bytes it reads ({@link #onBytes}), ticks it with the time ({@link #onTimer}), writes out its control bytes
 * ({@link #drainControl}) between messages, and encodes outgoing message frames through it
 * ({@link #encodeFrame}).
 * <p>
 * Negotiation is libzmq 4's: 3.1 and 3.0 peers fully (subscriptions as commands or as messages by the peer's
 * minor version); a 2.0 peer (libzmq 3.x) gets a 12-byte greeting, the identity as the first message and no
 * mechanism, and is refused whenever security is in force; ZMTP 1.0 peers are refused.
 * <p>
 * Every deadline reads the time the caller passes in, so tests drive the clock. Not thread-safe: the I/O agent
 * that owns the connection (or the socket's thread in caller-runs mode) is its only user.
 */
public final class StreamEngine implements FrameHandler
{
    private static final int STATE_GREETING = 0;
    private static final int STATE_HANDSHAKE = 1;
    private static final int STATE_V2_IDENTITY = 2;
    private static final int STATE_ACTIVE = 3;
    private static final int STATE_FAILED = 4;

    private static final int CONTROL_CAPACITY = 4096;
    private static final long NANOS_PER_DECISECOND = 100_000_000L;
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    /** While the mechanism waits for ZAP, {@link #nextDeadlineNs} asks to be ticked this often to re-poll it. */
    static final long ZAP_POLL_INTERVAL_NS = 1_000_000L;

    private final StreamEngineConfig config;
    private final SecurityMechanism mechanism;
    private final StreamEngineListener listener;
    private final GreetingDecoder greeting;
    private final FrameDecoder frames;
    private final CommandDecoder command = new CommandDecoder();
    private final SubscriptionDecoder subscriptions = new SubscriptionDecoder();
    private final UnsafeBuffer ownGreeting = new UnsafeBuffer(new byte[GreetingDescriptor.LENGTH]);
    private final UnsafeBuffer control = new UnsafeBuffer(ByteBuffer.allocateDirect(CONTROL_CAPACITY));
    /**
     * The mechanism's handshake commands are produced here; after the handshake the engine's own commands (PING,
     * PONG, an encrypted subscription) are encoded here first, then encrypted into MESSAGE when the mechanism
     * encrypts. The two uses never overlap, so one buffer serves both: an idle connection's memory is mostly these.
     */
    private final UnsafeBuffer commandScratch = new UnsafeBuffer(ByteBuffer.allocateDirect(CONTROL_CAPACITY));
    private final UnsafeBuffer commandBody = commandScratch;
    private final UnsafeBuffer pingContext = new UnsafeBuffer(new byte[0]);
    private final boolean sendsSubscriptions;
    private final boolean receivesSubscriptions;

    private int state = STATE_GREETING;
    private boolean encrypting;
    private int controlLength;
    private ZmtpVersion version;
    private boolean inboundMidMessage;
    private boolean outboundMidMessage;
    private boolean greetingRestQueued;
    private long handshakeDeadlineNs = NO_DEADLINE;
    private long nextPingNs = NO_DEADLINE;
    private long heartbeatDeadlineNs = NO_DEADLINE;
    private long ttlDeadlineNs = NO_DEADLINE;
    private long peerTtlNs;
    private long nowNs;
    private EngineFailure failure;
    private String failureReason;

    /**
     * @param mechanism the security handshake to run; its socket type must be {@code config}'s.
     */
    public StreamEngine(
        final StreamEngineConfig config, final SecurityMechanism mechanism, final StreamEngineListener listener)
    {
        this.config = config;
        this.mechanism = mechanism;
        this.listener = listener;
        this.greeting = new GreetingDecoder(true);
        // Until the handshake is done the peer is unauthenticated and only commands are legal: hold them to the
        // handshake limit (READY and INITIATE metadata are otherwise unbounded); MAXMSGSIZE applies after.
        this.frames = new FrameDecoder(config.handshakeFrameLimit());
        final SocketType type = config.socketType;
        this.sendsSubscriptions = type == SocketType.SUB || type == SocketType.XSUB;
        this.receivesSubscriptions = type == SocketType.PUB || type == SocketType.XPUB;
    }

    /**
     * Begins the exchange: queues the first bytes of the greeting (signature and major version: libzmq waits
     * for them before it sends more) and starts the handshake deadline.
     */
    public void start(final long nowNs)
    {
        this.nowNs = nowNs;
        GreetingDescriptor.encode(ownGreeting, 0, mechanism.mechanism(), false);
        queueControl(ownGreeting, 0, GreetingDescriptor.EAGER_SEND_LENGTH);
        if (config.handshakeIvlNs > 0)
        {
            handshakeDeadlineNs = nowNs + config.handshakeIvlNs;
        }
    }

    /**
     * Consumes bytes read from the connection.
     *
     * @return bytes consumed: all of them, fewer if the listener asked to stop (keep the rest and offer it
     * again), or -1 once the engine has failed (the listener was told why).
     */
    public int onBytes(final DirectBuffer src, final int offset, final int length, final long nowNs)
    {
        this.nowNs = nowNs;
        int consumed = 0;
        if (state == STATE_GREETING)
        {
            consumed = greeting.decode(src, offset, length);
            if (consumed < 0)
            {
                return fail(EngineFailure.PROTOCOL, greeting.error().description());
            }
            if (!advanceGreeting())
            {
                return -1;
            }
        }
        if (state == STATE_FAILED)
        {
            return -1;
        }
        if (state == STATE_HANDSHAKE && mechanism.awaitingZap() && !pumpMechanism())
        {
            return -1;
        }
        if (consumed < length && state != STATE_GREETING)
        {
            ttlDeadlineNs = NO_DEADLINE;
            heartbeatDeadlineNs = NO_DEADLINE;
            final int decoded = frames.decode(src, offset + consumed, length - consumed, this);
            if (decoded < 0)
            {
                return fail(EngineFailure.PROTOCOL, frames.error().description());
            }
            consumed += decoded;
            if (peerTtlNs > 0)
            {
                ttlDeadlineNs = nowNs + peerTtlNs;
            }
        }
        return state == STATE_FAILED ? -1 : consumed;
    }

    private boolean advanceGreeting()
    {
        if (!greeting.isVersionKnown())
        {
            return true;
        }
        if (!greetingRestQueued)
        {
            greetingRestQueued = true;
            if (!greeting.isVersioned())
            {
                fail(EngineFailure.UNSUPPORTED_VERSION, "ZMTP 1.0 peers are not supported");
                return false;
            }
            final int revision = greeting.received().getByte(GreetingDescriptor.MAJOR_VERSION_OFFSET) & 0xFF;
            if (revision == GreetingDescriptor.REVISION_1_0 || revision == GreetingDescriptor.REVISION_2_0)
            {
                // A pre-3.0 peer reads a 12-byte greeting ending in our socket type.
                ownGreeting.putByte(GreetingDescriptor.V2_SOCKET_TYPE_OFFSET, (byte)config.socketType.number());
                queueControl(ownGreeting, GreetingDescriptor.V2_SOCKET_TYPE_OFFSET, 1);
            }
            else
            {
                queueControl(ownGreeting, GreetingDescriptor.EAGER_SEND_LENGTH,
                    GreetingDescriptor.LENGTH - GreetingDescriptor.EAGER_SEND_LENGTH);
            }
        }
        if (!greeting.isComplete())
        {
            return true;
        }
        version = greeting.version();
        switch (version)
        {
            case ZMTP_1_0:
                fail(EngineFailure.UNSUPPORTED_VERSION, "ZMTP 1.0 peers are not supported");
                return false;
            case ZMTP_2_0:
                if (config.securityInForce)
                {
                    fail(EngineFailure.UNSUPPORTED_VERSION,
                        "ZMTP 2.0 peer refused: it cannot run the " + mechanism.mechanism() + " mechanism");
                    return false;
                }
                // ZMTP 2.0 has no READY: the identity travels as the first message.
                final byte[] identity = config.routingId;
                controlLength += FrameDescriptor.encodeFrame(
                    control, controlLength, 0, new UnsafeBuffer(identity), 0, identity.length);
                state = STATE_V2_IDENTITY;
                return true;
            default:
                if (greeting.mechanism() != mechanism.mechanism())
                {
                    fail(EngineFailure.MECHANISM_MISMATCH, "peer mechanism " + greeting.mechanism() +
                        " does not match " + mechanism.mechanism());
                    return false;
                }
                state = STATE_HANDSHAKE;
                return pumpMechanism();
        }
    }

    private boolean pumpMechanism()
    {
        int bodyLength;
        while ((bodyLength = mechanism.produceCommand(commandBody, 0)) > 0)
        {
            queueCommand(commandBody, bodyLength);
        }
        final int status = mechanism.status();
        if (status == SecurityMechanism.FAILED)
        {
            if (mechanism.sendsError())
            {
                controlLength += CommandEncoder.encodeError(control, controlLength, mechanism.errorReason());
            }
            fail(EngineFailure.HANDSHAKE_REFUSED, mechanism.errorReason());
            return false;
        }
        if (status == SecurityMechanism.READY)
        {
            activate(mechanism.peerSocketType(), mechanism.peerIdentity());
        }
        return true;
    }

    private void activate(final SocketType peerType, final byte[] peerIdentity)
    {
        state = STATE_ACTIVE;
        frames.maxFrameLength(config.maxMessageSize);
        encrypting = mechanism.encryptsMessages() && version != ZmtpVersion.ZMTP_2_0;
        handshakeDeadlineNs = NO_DEADLINE;
        if (config.heartbeatIvlNs > 0 && version != ZmtpVersion.ZMTP_2_0 && version != ZmtpVersion.ZMTP_3_0)
        {
            nextPingNs = nowNs + config.heartbeatIvlNs;
        }
        listener.onHandshakeSucceeded(version, peerType, peerIdentity);
    }

    public boolean onFrame(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (state)
        {
            case STATE_HANDSHAKE:
                if ((flags & FLAG_COMMAND) == 0)
                {
                    fail(EngineFailure.PROTOCOL, "message frame before the handshake completed");
                    return false;
                }
                mechanism.consumeCommand(buffer, offset, length);
                return pumpMechanism() && state != STATE_FAILED;

            case STATE_V2_IDENTITY:
            {
                if ((flags & (FLAG_COMMAND | FLAG_MORE)) != 0)
                {
                    fail(EngineFailure.PROTOCOL, "ZMTP 2.0 identity must be a single frame");
                    return false;
                }
                final byte[] identity = new byte[length];
                buffer.getBytes(offset, identity);
                activate(SocketType.fromNumber(greeting.v2SocketType()), length == 0 ? null : identity);
                return true;
            }

            case STATE_ACTIVE:
                if (encrypting)
                {
                    return onEncryptedFrame(flags, buffer, offset, length);
                }
                if ((flags & FLAG_COMMAND) != 0)
                {
                    if (version == ZmtpVersion.ZMTP_2_0)
                    {
                        fail(EngineFailure.PROTOCOL, "command frame from a ZMTP 2.0 peer");
                        return false;
                    }
                    return onCommand(flags, buffer, offset, length);
                }
                return onMessageFrame(flags, buffer, offset, length);

            default:
                return false;
        }
    }

    /**
     * Under a mechanism that encrypts, every frame after the handshake carries a MESSAGE command body; its
     * plaintext is a data frame or a command by its flags. libzmq sends it as a data frame without flags (the
     * MORE and COMMAND bits travel encrypted inside), so the frame's own flags are not relied on.
     */
    private boolean onEncryptedFrame(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        final int plainLength = mechanism.decodeMessage(buffer, offset, length);
        if (plainLength < 0)
        {
            fail(EngineFailure.PROTOCOL, mechanism.failure() + ": " + mechanism.errorReason());
            return false;
        }
        final DirectBuffer plain = mechanism.plaintext();
        final int plainFlags = mechanism.plaintextFlags();
        if ((plainFlags & SecurityMechanism.MESSAGE_FLAG_COMMAND) != 0)
        {
            return onCommand(FLAG_COMMAND, plain, 0, plainLength);
        }
        return onMessageFrame(plainFlags & SecurityMechanism.MESSAGE_FLAG_MORE, plain, 0, plainLength);
    }

    private boolean onMessageFrame(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean firstFrame = !inboundMidMessage;
        inboundMidMessage = (flags & FLAG_MORE) != 0;
        if (firstFrame && receivesSubscriptions)
        {
            final int kind = subscriptions.decode(flags, buffer, offset, length);
            if (kind != SubscriptionDecoder.NOT_A_SUBSCRIPTION)
            {
                return listener.onSubscription(kind == SubscriptionDecoder.SUBSCRIBE,
                    buffer, subscriptions.topicOffset(), subscriptions.topicLength());
            }
        }
        return listener.onMessageFrame(flags & FLAG_MORE, buffer, offset, length);
    }

    private boolean onCommand(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        final WireError error = command.wrap(buffer, offset, length);
        if (error != WireError.NONE)
        {
            fail(EngineFailure.PROTOCOL, error.description());
            return false;
        }
        final CommandName name = command.name();
        if (name == null)
        {
            return true; // libzmq ignores commands it does not know
        }
        switch (name)
        {
            case PING:
                if (command.readPing() != WireError.NONE)
                {
                    fail(EngineFailure.PROTOCOL, "malformed PING");
                    return false;
                }
                peerTtlNs = command.pingTtl() * NANOS_PER_DECISECOND;
                if (controlLength + FrameDescriptor.LONG_HEADER_LENGTH + 5 + command.fieldLength() +
                    mechanism.messageOverhead() <= CONTROL_CAPACITY)
                {
                    queueActiveCommand(CommandEncoder.encodePong(
                        commandScratch, 0, buffer, command.fieldOffset(), command.fieldLength()));
                }
                return true;
            case PONG:
                return true;
            case SUBSCRIBE:
            case CANCEL:
                if (!receivesSubscriptions)
                {
                    return true;
                }
                return listener.onSubscription(
                    name == CommandName.SUBSCRIBE, buffer, command.dataOffset(), command.dataLength());
            case ERROR:
            {
                final String reason = command.readErrorReason() == WireError.NONE ?
                    buffer.getStringWithoutLengthUtf8(command.fieldOffset(), command.fieldLength()) : "";
                fail(EngineFailure.HANDSHAKE_REFUSED, "peer sent ERROR: " + reason);
                return false;
            }
            default:
                fail(EngineFailure.PROTOCOL, "unexpected " + name + " command after the handshake");
                return false;
        }
    }

    /**
     * Checks the deadlines: handshake, heartbeat PING due, heartbeat timeout, peer TTL.
     *
     * @return false if the engine failed (the listener was told why).
     */
    public boolean onTimer(final long nowNs)
    {
        this.nowNs = nowNs;
        if (state == STATE_FAILED)
        {
            return false;
        }
        if (state == STATE_HANDSHAKE && mechanism.awaitingZap() && !pumpMechanism())
        {
            return false;
        }
        if (nowNs - handshakeDeadlineNs >= 0 && handshakeDeadlineNs != NO_DEADLINE)
        {
            fail(EngineFailure.HANDSHAKE_TIMEOUT, "no handshake within HANDSHAKE_IVL");
            return false;
        }
        if (ttlDeadlineNs != NO_DEADLINE && nowNs - ttlDeadlineNs >= 0)
        {
            fail(EngineFailure.HEARTBEAT_TIMEOUT, "no traffic within the TTL the peer announced");
            return false;
        }
        if (heartbeatDeadlineNs != NO_DEADLINE && nowNs - heartbeatDeadlineNs >= 0)
        {
            fail(EngineFailure.HEARTBEAT_TIMEOUT, "no traffic within HEARTBEAT_TIMEOUT of a PING");
            return false;
        }
        if (nextPingNs != NO_DEADLINE && nowNs - nextPingNs >= 0)
        {
            final int ttl = (int)Math.min(config.heartbeatTtlNs / NANOS_PER_DECISECOND, 0xFFFF);
            if (controlLength + FrameDescriptor.LONG_HEADER_LENGTH + 7 + mechanism.messageOverhead() <=
                CONTROL_CAPACITY)
            {
                queueActiveCommand(CommandEncoder.encodePing(commandScratch, 0, ttl, pingContext, 0, 0));
            }
            nextPingNs = nowNs + config.heartbeatIvlNs;
            if (heartbeatDeadlineNs == NO_DEADLINE && config.effectiveHeartbeatTimeoutNs() > 0)
            {
                heartbeatDeadlineNs = nowNs + config.effectiveHeartbeatTimeoutNs();
            }
        }
        return true;
    }

    /**
     * @return the earliest time {@link #onTimer} has work, or {@link Long#MAX_VALUE}.
     */
    public long nextDeadlineNs()
    {
        final long deadline =
            Math.min(Math.min(handshakeDeadlineNs, nextPingNs), Math.min(heartbeatDeadlineNs, ttlDeadlineNs));
        if (state == STATE_HANDSHAKE && mechanism.awaitingZap())
        {
            // Re-poll the mechanism for its ZAP reply soon; the engine module may also tick it when the reply lands.
            return Math.min(deadline, nowNs + ZAP_POLL_INTERVAL_NS);
        }
        return deadline;
    }

    /**
     * @return bytes of control traffic (greeting, handshake, PING/PONG, ERROR) waiting to be written.
     */
    public int controlLength()
    {
        return controlLength;
    }

    /**
     * Moves up to {@code capacity} bytes of control traffic into {@code dst}. Call it only between messages of
     * the data stream, so that control frames never land inside a multipart message.
     *
     * @return bytes moved.
     */
    public int drainControl(final MutableDirectBuffer dst, final int offset, final int capacity)
    {
        final int length = Math.min(controlLength, capacity);
        if (length > 0)
        {
            dst.putBytes(offset, control, 0, length);
            control.putBytes(0, control, length, controlLength - length);
            controlLength -= length;
        }
        return length;
    }

    /**
     * @return the most bytes {@link #encodeFrame} adds to a frame's body.
     */
    public static int maxFrameOverhead()
    {
        return FrameDescriptor.LONG_HEADER_LENGTH + 1 + CommandName.SUBSCRIBE.wireName().length +
            SecurityMechanism.MAX_MESSAGE_OVERHEAD;
    }

    /**
     * Encodes one frame of an outgoing message. A SUB or XSUB socket's subscription messages (first byte 1 or 0)
     * become SUBSCRIBE/CANCEL commands for a ZMTP 3.1 peer and stay messages for older peers.
     *
     * <p>
     * When the mechanism encrypts (CURVE), each frame becomes a MESSAGE whose short nonce is taken now, and the
     * engine's own PING/PONG take theirs when they are queued: write the control bytes already queued
     * ({@link #drainControl}) before the frames encoded after them, as StreamConnection does, or the peer sees a
     * nonce go backwards and drops the connection.
     *
     * @param flags {@link FrameDescriptor#FLAG_MORE} if more frames of the message follow.
     * @return bytes written; {@code dst} must have room for {@code length + maxFrameOverhead()}.
     */
    public int encodeFrame(
        final MutableDirectBuffer dst,
        final int offset,
        final int flags,
        final DirectBuffer src,
        final int srcOffset,
        final int length)
    {
        final boolean firstFrame = !outboundMidMessage;
        outboundMidMessage = (flags & FLAG_MORE) != 0;
        if (firstFrame && sendsSubscriptions && (flags & FLAG_MORE) == 0 && length > 0 &&
            version == ZmtpVersion.ZMTP_3_1)
        {
            final byte first = src.getByte(srcOffset);
            if (first == 0 || first == 1)
            {
                if (encrypting)
                {
                    final int frameLength = CommandEncoder.encodeSubscription(
                        commandScratch, 0, first == 1, src, srcOffset + 1, length - 1);
                    final int headerLength = headerLengthOf(commandScratch);
                    return encodeEncrypted(dst, offset, SecurityMechanism.MESSAGE_FLAG_COMMAND,
                        commandScratch, headerLength, frameLength - headerLength);
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
     * Writes one frame or command body as a frame holding a MESSAGE command: header, then the mechanism's
     * encryption.
     * Allocation-free: one secretbox.
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
        return headerLength + mechanism.encodeMessage(messageFlags, src, srcOffset, length, dst, offset + headerLength);
    }

    private static int headerLengthOf(final DirectBuffer frame)
    {
        return (frame.getByte(0) & FrameDescriptor.FLAG_LONG) != 0 ?
            FrameDescriptor.LONG_HEADER_LENGTH : FrameDescriptor.SHORT_HEADER_LENGTH;
    }

    /**
     * Queues a command frame the engine made in {@link #commandScratch} after the handshake (PING, PONG): as it is,
     * or inside an encrypted MESSAGE when the mechanism encrypts.
     */
    private void queueActiveCommand(final int frameLength)
    {
        if (encrypting)
        {
            final int headerLength = headerLengthOf(commandScratch);
            controlLength += encodeEncrypted(control, controlLength, SecurityMechanism.MESSAGE_FLAG_COMMAND,
                commandScratch, headerLength, frameLength - headerLength);
        }
        else
        {
            control.putBytes(controlLength, commandScratch, 0, frameLength);
            controlLength += frameLength;
        }
    }

    /**
     * @return why the mechanism failed, with more detail than {@link #failure()} (e.g. a tampered box or a
     * replayed nonce); {@link SecurityFailure#NONE} if it did not.
     */
    public SecurityFailure securityFailure()
    {
        return mechanism.failure();
    }

    /**
     * @return the mechanism this engine runs (for its User-Id, ZAP properties and peer metadata).
     */
    public SecurityMechanism mechanism()
    {
        return mechanism;
    }

    /**
     * Releases the connection's secrets (the mechanism's keys are zeroed). Call it when the connection closes.
     */
    public void close()
    {
        mechanism.close();
    }

    /**
     * @return true once the handshake succeeded and until a failure.
     */
    public boolean isActive()
    {
        return state == STATE_ACTIVE;
    }

    public boolean isFailed()
    {
        return state == STATE_FAILED;
    }

    /**
     * @return true if no outgoing message is partly encoded, so control bytes may be written now.
     */
    public boolean isAtMessageBoundary()
    {
        return !outboundMidMessage;
    }

    /**
     * @return the negotiated revision, null during the greeting.
     */
    public ZmtpVersion version()
    {
        return version;
    }

    public EngineFailure failure()
    {
        return failure;
    }

    public String failureReason()
    {
        return failureReason;
    }

    private void queueCommand(final DirectBuffer body, final int bodyLength)
    {
        controlLength += FrameDescriptor.encodeFrame(control, controlLength, FLAG_COMMAND, body, 0, bodyLength);
    }

    private void queueControl(final DirectBuffer src, final int offset, final int length)
    {
        control.putBytes(controlLength, src, offset, length);
        controlLength += length;
    }

    private int fail(final EngineFailure failure, final String reason)
    {
        if (state != STATE_FAILED)
        {
            state = STATE_FAILED;
            this.failure = failure;
            this.failureReason = reason;
            nextPingNs = NO_DEADLINE;
            handshakeDeadlineNs = NO_DEADLINE;
            mechanism.close();
            listener.onFailure(failure, reason);
        }
        return -1;
    }
}
