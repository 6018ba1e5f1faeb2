package io.ringmq.crypto;

import io.ringmq.codecs.CommandName;
import io.ringmq.codecs.Mechanism;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * CurveZMQ (RFC 26) as libzmq 4.3 runs it: HELLO, WELCOME, INITIATE, READY, then every frame and command inside
 * MESSAGE. What client and server share lives here: the per-direction short-nonce counters (strictly increasing
 * on receive, CVE-2014-7203), the box key precomputed once per connection ({@code crypto_box_beforenm} of the
 * peer's transient public key and our transient secret key) and the allocation-free MESSAGE codec.
 * <p>
 * Create one per connection with {@link #client} or {@link #server}. Not thread-safe.
 */
public abstract class CurveMechanism extends HandshakeBase
{
    static final int KEY = 32;
    static final int SHORT_NONCE = 8;
    static final int HELLO_LENGTH = 200;
    static final int WELCOME_LENGTH = 168;
    static final int COOKIE_LENGTH = 96;
    static final int INITIATE_MIN_LENGTH = 257;
    static final int READY_MIN_LENGTH = 30;
    static final int MESSAGE_MIN_LENGTH = 33;
    /** "\x07MESSAGE", short nonce, tag, flags byte. */
    static final int MESSAGE_OVERHEAD = 8 + SHORT_NONCE + SecretBox.MAC_LENGTH + 1;
    static final int MESSAGE_NONCE_OFFSET = 8;
    static final int MESSAGE_BOX_OFFSET = 16;

    static final byte[] HELLO_PREFIX = ascii("CurveZMQHELLO---");
    static final byte[] WELCOME_PREFIX = ascii("WELCOME-");
    static final byte[] COOKIE_PREFIX = ascii("COOKIE--");
    static final byte[] INITIATE_PREFIX = ascii("CurveZMQINITIATE");
    static final byte[] VOUCH_PREFIX = ascii("VOUCH---");
    static final byte[] READY_PREFIX = ascii("CurveZMQREADY---");
    private static final byte[] MESSAGE_NAME = ascii("\u0007MESSAGE");

    final SecretBox box = new SecretBox();
    /** crypto_box_beforenm(peer transient public, own transient secret), once the transient keys are known. */
    final byte[] precomputed = new byte[KEY];
    /** Short nonce of the next command or message this side sends. */
    long sendNonce = 1;
    /** Highest short nonce received; the next must be greater. */
    long peerNonce;
    boolean peerNonceSeen;

    private final UnsafeBuffer sendNonceBuffer = new UnsafeBuffer(new byte[SecretBox.NONCE_LENGTH]);
    private final UnsafeBuffer receiveNonceBuffer = new UnsafeBuffer(new byte[SecretBox.NONCE_LENGTH]);
    /** HSalsa20 of the box key and each direction's fixed MESSAGE nonce prefix, made once the handshake ends. */
    private final byte[] sendSubKey = new byte[KEY];
    private final byte[] receiveSubKey = new byte[KEY];
    private boolean subKeysReady;
    private UnsafeBuffer plaintext = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private int plaintextFlags;

    CurveMechanism(final MechanismConfig config, final ZapSettings zap, final boolean isServer)
    {
        super(config, zap);
        sendNonceBuffer.putBytes(0, ascii(isServer ? "CurveZMQMESSAGES" : "CurveZMQMESSAGEC"));
        receiveNonceBuffer.putBytes(0, ascii(isServer ? "CurveZMQMESSAGEC" : "CurveZMQMESSAGES"));
    }

    /**
     * A CURVE client (CURVE_SERVERKEY set on the socket).
     *
     * @param serverPublicKey the server's long-term public key (CURVE_SERVERKEY).
     * @param publicKey       this client's long-term public key (CURVE_PUBLICKEY).
     * @param secretKey       this client's long-term secret key (CURVE_SECRETKEY); copied, the copy zeroed on close.
     */
    public static CurveMechanism client(
        final MechanismConfig config, final byte[] serverPublicKey, final byte[] publicKey, final byte[] secretKey)
    {
        return new CurveClient(config, serverPublicKey, publicKey, secretKey);
    }

    /**
     * A CURVE server (CURVE_SERVER = 1).
     *
     * @param publicKey this server's long-term public key (CURVE_PUBLICKEY).
     * @param secretKey this server's long-term secret key (CURVE_SECRETKEY); copied, the copy zeroed on close.
     * @param cookieKeys the socket's minute keys for cookies, shared by its connections.
     * @param zap       how to ask ZAP about the client, or null for no ZAP (every client with a valid vouch is
     *                  accepted, as libzmq does without a handler).
     */
    public static CurveMechanism server(
        final MechanismConfig config,
        final byte[] publicKey,
        final byte[] secretKey,
        final CookieKeyring cookieKeys,
        final ZapSettings zap)
    {
        return new CurveServer(config, publicKey, secretKey, cookieKeys, zap);
    }

    /**
     * @return on a server, the client's long-term public key once its vouch was accepted (what ZAP is asked
     * about); null on a client or before.
     */
    public byte[] clientPublicKey()
    {
        return null;
    }

    public final Mechanism mechanism()
    {
        return Mechanism.CURVE;
    }

    public final boolean encryptsMessages()
    {
        return true;
    }

    public final int messageOverhead()
    {
        return MESSAGE_OVERHEAD;
    }

    public final int encodeMessage(
        final int flags,
        final DirectBuffer src,
        final int srcOffset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        if (status() != READY)
        {
            throw new IllegalStateException("CURVE messages need a completed handshake");
        }
        prepareSubKeys();
        final long nonce = sendNonce++;
        dst.putBytes(dstOffset, MESSAGE_NAME);
        dst.putLong(dstOffset + MESSAGE_NONCE_OFFSET, nonce, ByteOrder.BIG_ENDIAN);
        box.sealWithSubKey(dst, dstOffset + MESSAGE_BOX_OFFSET, (byte)flags, src, srcOffset, length, sendSubKey,
            nonce);
        return length + MESSAGE_OVERHEAD;
    }

    public final int decodeMessage(final DirectBuffer src, final int offset, final int length)
    {
        if (status() != READY)
        {
            return -1;
        }
        if (length < MESSAGE_MIN_LENGTH || command.wrap(src, offset, length) != io.ringmq.codecs.WireError.NONE ||
            command.name() != CommandName.MESSAGE)
        {
            fail(SecurityFailure.MALFORMED_COMMAND, "expected a MESSAGE of at least 33 bytes", false);
            return -1;
        }
        final long nonce = src.getLong(offset + MESSAGE_NONCE_OFFSET, ByteOrder.BIG_ENDIAN);
        if (!acceptPeerNonce(nonce))
        {
            return -1;
        }
        final int plainLength = length - MESSAGE_BOX_OFFSET - SecretBox.MAC_LENGTH - 1;
        if (plaintext.capacity() < plainLength)
        {
            plaintext = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(plainLength, plaintext.capacity() * 2)));
        }
        prepareSubKeys();
        final int flags = box.openWithSubKey(plaintext, 0, src, offset + MESSAGE_BOX_OFFSET,
            length - MESSAGE_BOX_OFFSET, receiveSubKey, nonce);
        if (flags < 0)
        {
            fail(SecurityFailure.BAD_BOX, "MESSAGE box did not open", false);
            return -1;
        }
        if ((flags & ~(MESSAGE_FLAG_MORE | MESSAGE_FLAG_COMMAND)) != 0)
        {
            fail(SecurityFailure.MALFORMED_COMMAND, "MESSAGE with reserved flags", false);
            return -1;
        }
        plaintextFlags = flags;
        return plainLength;
    }

    public final DirectBuffer plaintext()
    {
        return plaintext;
    }

    public final int plaintextFlags()
    {
        return plaintextFlags;
    }

    private void prepareSubKeys()
    {
        if (!subKeysReady)
        {
            SecretBox.hsalsa20(sendSubKey, 0, sendNonceBuffer, 0, precomputed);
            SecretBox.hsalsa20(receiveSubKey, 0, receiveNonceBuffer, 0, precomputed);
            subKeysReady = true;
        }
    }

    /**
     * Checks a received short nonce strictly increases, and records it.
     */
    final boolean acceptPeerNonce(final long nonce)
    {
        if (peerNonceSeen && Long.compareUnsigned(nonce, peerNonce) <= 0)
        {
            fail(SecurityFailure.REPLAYED_NONCE, "short nonce " + Long.toUnsignedString(nonce) +
                " does not increase past " + Long.toUnsignedString(peerNonce), false);
            return false;
        }
        peerNonce = nonce;
        peerNonceSeen = true;
        return true;
    }

    void wipe()
    {
        Arrays.fill(precomputed, (byte)0);
        Arrays.fill(sendSubKey, (byte)0);
        Arrays.fill(receiveSubKey, (byte)0);
        if (plaintext != null)
        {
            plaintext.setMemory(0, plaintext.capacity(), (byte)0);
        }
    }

    /**
     * A 24-byte nonce: 16-byte prefix and 8-byte short nonce, or 8-byte prefix and 16 given bytes.
     */
    static UnsafeBuffer nonce(final byte[] prefix, final DirectBuffer rest, final int restOffset)
    {
        final UnsafeBuffer nonce = new UnsafeBuffer(new byte[SecretBox.NONCE_LENGTH]);
        nonce.putBytes(0, prefix);
        nonce.putBytes(prefix.length, rest, restOffset, SecretBox.NONCE_LENGTH - prefix.length);
        return nonce;
    }

    static UnsafeBuffer shortNonce(final byte[] prefix, final long value)
    {
        final UnsafeBuffer nonce = new UnsafeBuffer(new byte[SecretBox.NONCE_LENGTH]);
        nonce.putBytes(0, prefix);
        nonce.putLong(16, value, ByteOrder.BIG_ENDIAN);
        return nonce;
    }

    static byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        CurveKeys.random().nextBytes(bytes);
        return bytes;
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
