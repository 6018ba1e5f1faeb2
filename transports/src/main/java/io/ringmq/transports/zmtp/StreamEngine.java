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
    private final ControlQueue control = new ControlQueue();
    private final Heartbeats heartbeats;
    private final OutboundFramer framer;
    /** Where the mechanism's handshake commands and the engine's PING/PONG are made (the framer's scratch). */
    private final UnsafeBuffer commandScratch;
    private final UnsafeBuffer pingContext = new UnsafeBuffer(new byte[0]);
    private final boolean receivesSubscriptions;

    private int state = STATE_GREETING;
    private boolean encrypting;
    private ZmtpVersion version;
    private boolean inboundMidMessage;
    private boolean greetingRestQueued;
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
        this.heartbeats = new Heartbeats(config);
        this.greeting = new GreetingDecoder(true);
        // Until the handshake is done the peer is unauthenticated and only commands are legal: hold them to the
        // handshake limit (READY and INITIATE metadata are otherwise unbounded); MAXMSGSIZE applies after.
        this.frames = new FrameDecoder(config.handshakeFrameLimit());
        final SocketType type = config.socketType;
        this.framer = new OutboundFramer(
            mechanism, control, type == SocketType.SUB || type == SocketType.XSUB, config.bytesEncrypted);
        this.commandScratch = framer.scratch();
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
        control.append(ownGreeting, 0, GreetingDescriptor.EAGER_SEND_LENGTH);
        heartbeats.handshakeStarted(nowNs);
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
            heartbeats.trafficArriving();
            final int decoded = frames.decode(src, offset + consumed, length - consumed, this);
            if (decoded < 0)
            {
                return fail(EngineFailure.PROTOCOL, frames.error().description());
            }
            consumed += decoded;
            heartbeats.trafficArrived(nowNs);
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
                control.append(ownGreeting, GreetingDescriptor.V2_SOCKET_TYPE_OFFSET, 1);
            }
            else
            {
                control.append(ownGreeting, GreetingDescriptor.EAGER_SEND_LENGTH,
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
                control.appendFrame(0, new UnsafeBuffer(identity), 0, identity.length);
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
        while ((bodyLength = mechanism.produceCommand(commandScratch, 0)) > 0)
        {
            control.appendFrame(FLAG_COMMAND, commandScratch, 0, bodyLength);
        }
        final int status = mechanism.status();
        if (status == SecurityMechanism.FAILED)
        {
            if (mechanism.sendsError())
            {
                control.appendError(mechanism.errorReason());
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
        framer.encrypting(encrypting);
        heartbeats.handshakeEnded(nowNs, version != ZmtpVersion.ZMTP_2_0 && version != ZmtpVersion.ZMTP_3_0);
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
        if (plainLength >= 0 && null != config.bytesDecrypted)
        {
            config.bytesDecrypted.getAndAdd(plainLength);
        }
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
                heartbeats.peerTtl(command.pingTtl());
                if (control.hasRoomFor(
                    FrameDescriptor.LONG_HEADER_LENGTH + 5 + command.fieldLength() + mechanism.messageOverhead()))
                {
                    framer.queueCommand(CommandEncoder.encodePong(
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
        switch (heartbeats.due(nowNs))
        {
            case Heartbeats.HANDSHAKE_TIMEOUT:
                fail(EngineFailure.HANDSHAKE_TIMEOUT, "no handshake within HANDSHAKE_IVL");
                return false;
            case Heartbeats.TTL_EXPIRED:
                fail(EngineFailure.HEARTBEAT_TIMEOUT, "no traffic within the TTL the peer announced");
                return false;
            case Heartbeats.HEARTBEAT_TIMEOUT:
                fail(EngineFailure.HEARTBEAT_TIMEOUT, "no traffic within HEARTBEAT_TIMEOUT of a PING");
                return false;
            case Heartbeats.PING_DUE:
                if (control.hasRoomFor(FrameDescriptor.LONG_HEADER_LENGTH + 7 + mechanism.messageOverhead()))
                {
                    framer.queueCommand(
                        CommandEncoder.encodePing(commandScratch, 0, heartbeats.pingTtl(), pingContext, 0, 0));
                }
                heartbeats.pingQueued(nowNs);
                return true;
            default:
                return true;
        }
    }

    /**
     * @return the earliest time {@link #onTimer} has work, or {@link Long#MAX_VALUE}.
     */
    public long nextDeadlineNs()
    {
        final long deadline = heartbeats.nextDeadlineNs();
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
        return control.length();
    }

    /**
     * Moves up to {@code capacity} bytes of control traffic into {@code dst}. Call it only between messages of
     * the data stream, so that control frames never land inside a multipart message.
     *
     * @return bytes moved.
     */
    public int drainControl(final MutableDirectBuffer dst, final int offset, final int capacity)
    {
        return control.drain(dst, offset, capacity);
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
        return framer.encodeFrame(dst, offset, flags, src, srcOffset, length, version == ZmtpVersion.ZMTP_3_1);
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
        return framer.isAtMessageBoundary();
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

    private int fail(final EngineFailure failure, final String reason)
    {
        if (state != STATE_FAILED)
        {
            state = STATE_FAILED;
            this.failure = failure;
            this.failureReason = reason;
            heartbeats.stop();
            mechanism.close();
            listener.onFailure(failure, reason);
        }
        return -1;
    }
}
