package io.ringmq.crypto;

import io.ringmq.codecs.CommandDecoder;
import io.ringmq.codecs.CommandDescriptor;
import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.Metadata;
import io.ringmq.codecs.ReadyProperties;
import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.WireError;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What PLAIN and CURVE share: status and typed failure, the metadata of INITIATE/READY with RFC 37's socket-type
 * check, and the ZAP exchange that never blocks.
 */
abstract class HandshakeBase implements SecurityMechanism
{
    /** Metadata a peer may send before it is authenticated (CVE-2019-13132: bound it before copying). */
    static final int MAX_METADATA_LENGTH = 8192;

    private static final byte[] SOCKET_TYPE =
        CommandDescriptor.PROPERTY_SOCKET_TYPE.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IDENTITY = CommandDescriptor.PROPERTY_IDENTITY.getBytes(StandardCharsets.US_ASCII);
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    final MechanismConfig config;
    final ZapSettings zap;
    final CommandDecoder command = new CommandDecoder();

    private int status = HANDSHAKING;
    private SecurityFailure failure = SecurityFailure.NONE;
    private String errorReason;
    private boolean sendsError;
    private SocketType peerSocketType;
    private byte[] peerIdentity;
    private Map<String, byte[]> peerProperties = Collections.emptyMap();

    private boolean zapPending;
    private String zapRequestId;
    private String userId;
    private Map<String, byte[]> zapProperties = Collections.emptyMap();

    HandshakeBase(final MechanismConfig config, final ZapSettings zap)
    {
        this.config = config;
        this.zap = zap;
    }

    public final int status()
    {
        return status;
    }

    public final SecurityFailure failure()
    {
        return failure;
    }

    public final String errorReason()
    {
        return errorReason;
    }

    public final boolean sendsError()
    {
        return sendsError;
    }

    public final SocketType peerSocketType()
    {
        return peerSocketType;
    }

    public final byte[] peerIdentity()
    {
        return peerIdentity;
    }

    /**
     * @return every property of the peer's INITIATE or READY, names as sent.
     */
    public final Map<String, byte[]> peerProperties()
    {
        return peerProperties;
    }

    public final boolean awaitingZap()
    {
        return zapPending && status == HANDSHAKING;
    }

    public final String userId()
    {
        return userId;
    }

    public final Map<String, byte[]> zapProperties()
    {
        return zapProperties;
    }

    final void ready()
    {
        if (status == HANDSHAKING)
        {
            status = READY;
        }
    }

    final int fail(final SecurityFailure kind, final String reason, final boolean tellPeer)
    {
        if (status != FAILED)
        {
            status = FAILED;
            failure = kind;
            errorReason = reason;
            sendsError = tellPeer;
            wipe();
        }
        return FAILED;
    }

    /**
     * What every mechanism does first with a command: refuse it after the handshake ended, check its name length,
     * and end the handshake on the peer's ERROR (libzmq 4.3's misspelled one included).
     */
    public final int consumeCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        if (status() != HANDSHAKING)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "command after the handshake ended", false);
        }
        final WireError error = command.wrap(buffer, offset, length);
        if (error != WireError.NONE)
        {
            if (failOnLibzmqMisspelledError(buffer, offset, length))
            {
                return status();
            }
            return fail(SecurityFailure.MALFORMED_COMMAND, error.description(), false);
        }
        if (failOnPeerError(buffer))
        {
            return status();
        }
        return consumeHandshakeCommand(buffer, offset, length);
    }

    /**
     * Handles a well-formed command that is not ERROR, during the handshake.
     *
     * @return the status after it.
     */
    abstract int consumeHandshakeCommand(DirectBuffer buffer, int offset, int length);

    /**
     * Zeroes this connection's secrets.
     */
    abstract void wipe();

    public void close()
    {
        if (status != FAILED)
        {
            fail(SecurityFailure.CLOSED, "closed", false);
        }
        wipe();
        if (zap != null)
        {
            zap.client.close();
        }
    }

    /**
     * Handles ERROR from the peer, which may come at any step of a handshake.
     *
     * @return true if the command was ERROR (the mechanism has failed).
     */
    final boolean failOnPeerError(final DirectBuffer buffer)
    {
        if (command.name() != io.ringmq.codecs.CommandName.ERROR)
        {
            return false;
        }
        final String reason = command.readErrorReason() == WireError.NONE ?
            buffer.getStringWithoutLengthUtf8(command.fieldOffset(), command.fieldLength()) : "malformed ERROR";
        fail(SecurityFailure.PEER_ERROR, "peer refused the handshake: " + reason, false);
        return true;
    }

    /**
     * libzmq 4.3's ZAP refusal misspells the ERROR command: its name is written as the C string {@code "\x5ERROR"},
     * where the hex escape swallows the E, so the body is 0x5E "RROR", reason length, reason (seen on the wire
     * from libzmq 4.3.4). Read it as the ERROR it means, so the failure says the peer refused.
     *
     * @return true if the body was that command (the mechanism has failed).
     */
    final boolean failOnLibzmqMisspelledError(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 6 || buffer.getByte(offset) != 0x5E || buffer.getByte(offset + 1) != 'R' ||
            buffer.getByte(offset + 2) != 'R' || buffer.getByte(offset + 3) != 'O' || buffer.getByte(offset + 4) != 'R')
        {
            return false;
        }
        final int reasonLength = buffer.getByte(offset + 5) & 0xFF;
        final String reason = reasonLength <= length - 6 ?
            buffer.getStringWithoutLengthUtf8(offset + 6, reasonLength) : "malformed ERROR";
        fail(SecurityFailure.PEER_ERROR, "peer refused the handshake: " + reason, false);
        return true;
    }

    // ---- metadata

    /**
     * @return bytes of this side's metadata: Socket-Type, and Identity for REQ, DEALER and ROUTER.
     */
    final int writeMetadata(final MutableDirectBuffer buffer, final int offset)
    {
        int position = offset;
        position += Metadata.encodeProperty(buffer, position, SOCKET_TYPE, config.socketType().wireName());
        if (config.sendsIdentity())
        {
            position += Metadata.encodeProperty(buffer, position, IDENTITY, config.routingId());
        }
        return position - offset;
    }

    /**
     * Reads the peer's metadata and checks its socket type (RFC 37), as NullMechanism does for READY.
     *
     * @return false if the mechanism failed.
     */
    final boolean readMetadata(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_METADATA_LENGTH)
        {
            fail(SecurityFailure.BAD_METADATA, "metadata longer than " + MAX_METADATA_LENGTH + " bytes", false);
            return false;
        }
        final ReadyProperties ready = new ReadyProperties();
        final Map<String, byte[]> all = new LinkedHashMap<>();
        final WireError error = Metadata.decode(buffer, offset, length,
            (b, nameOffset, nameLength, valueOffset, valueLength) ->
            {
                final byte[] value = new byte[valueLength];
                b.getBytes(valueOffset, value);
                all.put(b.getStringWithoutLengthAscii(nameOffset, nameLength), value);
                return ready.onProperty(b, nameOffset, nameLength, valueOffset, valueLength);
            });
        if (error != WireError.NONE)
        {
            fail(SecurityFailure.BAD_METADATA, error.description(), false);
            return false;
        }
        final SocketType type = ready.socketType();
        if (type == null)
        {
            fail(SecurityFailure.INCOMPATIBLE_SOCKET_TYPE, "metadata without Socket-Type", false);
            return false;
        }
        if (!config.socketType().isCompatibleWith(type))
        {
            fail(SecurityFailure.INCOMPATIBLE_SOCKET_TYPE,
                "socket type " + type + " is not compatible with " + config.socketType(), false);
            return false;
        }
        peerSocketType = type;
        if (ready.identityOffset() >= 0)
        {
            peerIdentity = new byte[ready.identityLength()];
            buffer.getBytes(ready.identityOffset(), peerIdentity);
        }
        peerProperties = Collections.unmodifiableMap(all);
        return true;
    }

    // ---- ZAP

    /**
     * Asks the ZAP handler, if any, about the peer.
     *
     * @return true if the handshake may go on now (no handler, or no ZAP configured); false if a reply is
     * awaited or the mechanism failed.
     */
    final boolean startZap(final Mechanism mechanism, final byte[]... credentials)
    {
        if (zap == null)
        {
            return true;
        }
        zapRequestId = Long.toString(REQUEST_IDS.incrementAndGet());
        final byte[][] request = ZapCodec.encodeRequest(
            zapRequestId, zap.domain, zap.address, zap.routingId, mechanism, credentials);
        if (!zap.client.sendRequest(request))
        {
            if (zap.enforceDomain)
            {
                fail(SecurityFailure.ZAP_UNAVAILABLE, "no ZAP handler and ZAP_ENFORCE_DOMAIN is set", false);
                return false;
            }
            return true;
        }
        zapPending = true;
        return false;
    }

    /**
     * Polls for the ZAP reply.
     *
     * @return true once a 200 reply has arrived; false while waiting or after a refusal (then FAILED, with an
     * ERROR for the peer carrying the status code, as libzmq sends it).
     */
    final boolean pollZap()
    {
        if (!zapPending)
        {
            return status == HANDSHAKING;
        }
        final byte[][] frames = zap.client.pollReply();
        if (frames == null)
        {
            return false;
        }
        zapPending = false;
        final ZapCodec.Reply reply = ZapCodec.decodeReply(frames, zapRequestId);
        if (!reply.isValid())
        {
            fail(SecurityFailure.ZAP_ERROR, reply.error, false);
            return false;
        }
        switch (reply.statusCode)
        {
            case "200":
                userId = reply.userId;
                zapProperties = reply.properties;
                return true;
            case "400":
                fail(SecurityFailure.AUTHENTICATION_FAILED, "400", true);
                return false;
            default:
                fail(SecurityFailure.ZAP_ERROR, reply.statusCode, true);
                return false;
        }
    }

    static UnsafeBuffer wrap(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes);
    }
}
