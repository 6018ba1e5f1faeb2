package io.ringmq.crypto;

import io.ringmq.codecs.CommandName;
import io.ringmq.codecs.Mechanism;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The server side of CurveZMQ: WELCOME to a valid HELLO, then on INITIATE the cookie, the vouch, ZAP (without
 * blocking) and the metadata, then READY.
 */
final class CurveServer extends CurveMechanism
{
    private static final int EXPECT_HELLO = 0;
    private static final int SEND_WELCOME = 1;
    private static final int EXPECT_INITIATE = 2;
    private static final int AWAIT_ZAP = 3;
    private static final int SEND_READY = 4;
    private static final int DONE = 5;

    private final byte[] publicKey;
    private final byte[] secretKey;
    private final CookieKeyring cookieKeys;
    private final byte[] clientTransient = new byte[KEY];
    private final byte[] clientPublic = new byte[KEY];
    private final byte[] transientPublic;
    private final byte[] transientSecret = new byte[KEY];
    private int step = EXPECT_HELLO;

    CurveServer(final MechanismConfig config, final byte[] publicKey, final byte[] secretKey,
        final CookieKeyring cookieKeys, final ZapSettings zap)
    {
        super(config, zap, true);
        CurveKeys.checkLength(publicKey);
        CurveKeys.checkLength(secretKey);
        if (cookieKeys == null)
        {
            throw new IllegalArgumentException("a CookieKeyring is required");
        }
        this.publicKey = publicKey.clone();
        this.secretKey = secretKey.clone();
        this.cookieKeys = cookieKeys;
        CurveKeys.random().nextBytes(transientSecret);
        transientPublic = CurveKeys.publicFromSecret(transientSecret);
    }

    /**
     * @return the client's long-term public key once INITIATE was accepted (what ZAP was asked about), or null.
     */
    public byte[] clientPublicKey()
    {
        return step >= AWAIT_ZAP ? clientPublic.clone() : null;
    }

    public int produceCommand(final MutableDirectBuffer buffer, final int offset)
    {
        if (status() != HANDSHAKING)
        {
            return 0;
        }
        if (step == SEND_WELCOME)
        {
            step = EXPECT_INITIATE;
            return welcome(buffer, offset);
        }
        if (step == AWAIT_ZAP)
        {
            if (!pollZap())
            {
                return 0;
            }
            step = SEND_READY;
        }
        if (step == SEND_READY)
        {
            step = DONE;
            return readyCommand(buffer, offset);
        }
        return 0;
    }

    int consumeHandshakeCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        if (step == EXPECT_HELLO && command.name() == CommandName.HELLO)
        {
            return hello(buffer, offset, length);
        }
        if (step == EXPECT_INITIATE && command.name() == CommandName.INITIATE)
        {
            return initiate(buffer, offset, length);
        }
        return fail(SecurityFailure.MALFORMED_COMMAND, "unexpected command in the CURVE handshake", false);
    }

    private int hello(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != HELLO_LENGTH)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "HELLO is 200 bytes, not " + length, false);
        }
        final int major = buffer.getByte(offset + 6);
        final int minor = buffer.getByte(offset + 7);
        if (major != 1 || minor != 0)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "CURVE version " + major + "." + minor + " is not 1.0",
                false);
        }
        final long nonce = buffer.getLong(offset + 112, ByteOrder.BIG_ENDIAN);
        acceptPeerNonce(nonce);
        buffer.getBytes(offset + 80, clientTransient);
        final byte[] key = new byte[KEY];
        if (!CurveKeys.beforenm(key, clientTransient, secretKey))
        {
            return fail(SecurityFailure.BAD_BOX, "client transient key is a point of small order", false);
        }
        final UnsafeBuffer plain = new UnsafeBuffer(new byte[64]);
        final boolean opened = box.open(plain, 0, buffer, offset + 120, 80, shortNonce(HELLO_PREFIX, nonce), 0, key);
        Arrays.fill(key, (byte)0);
        if (!opened)
        {
            return fail(SecurityFailure.BAD_BOX, "HELLO box did not open: the client has another server key", false);
        }
        step = SEND_WELCOME;
        return status();
    }

    private int welcome(final MutableDirectBuffer buffer, final int offset)
    {
        // Cookie: 16-byte nonce, Box[C' + s'](K) under the current minute key.
        final byte[] cookieKey = new byte[KEY];
        cookieKeys.sealingKey(cookieKey);
        final UnsafeBuffer cookiePlain = new UnsafeBuffer(new byte[64]);
        cookiePlain.putBytes(0, clientTransient);
        cookiePlain.putBytes(32, transientSecret);
        final byte[] cookieNonce = randomBytes(16);
        final UnsafeBuffer plain = new UnsafeBuffer(new byte[128]);
        plain.putBytes(0, transientPublic);
        plain.putBytes(32, cookieNonce);
        box.seal(plain, 48, cookiePlain, 0, 64, nonce(COOKIE_PREFIX, wrap(cookieNonce), 0), 0, cookieKey);
        Arrays.fill(cookieKey, (byte)0);
        cookiePlain.setMemory(0, 64, (byte)0);

        final byte[] welcomeNonce = randomBytes(16);
        final byte[] key = new byte[KEY];
        CurveKeys.beforenm(key, clientTransient, secretKey);
        buffer.putBytes(offset, ascii("\u0007WELCOME"));
        buffer.putBytes(offset + 8, welcomeNonce);
        box.seal(buffer, offset + 24, plain, 0, 128, nonce(WELCOME_PREFIX, wrap(welcomeNonce), 0), 0, key);
        Arrays.fill(key, (byte)0);
        plain.setMemory(0, 128, (byte)0);
        return WELCOME_LENGTH;
    }

    private int initiate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < INITIATE_MIN_LENGTH)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "INITIATE shorter than 257 bytes", false);
        }
        if (length - INITIATE_MIN_LENGTH > MAX_METADATA_LENGTH)
        {
            return fail(SecurityFailure.BAD_METADATA,
                "INITIATE metadata longer than " + MAX_METADATA_LENGTH + " bytes", false);
        }
        if (!openCookie(buffer, offset + 9))
        {
            return fail(SecurityFailure.BAD_COOKIE, "INITIATE cookie is forged or expired", false);
        }
        final long nonce = buffer.getLong(offset + 105, ByteOrder.BIG_ENDIAN);
        if (!acceptPeerNonce(nonce))
        {
            return status();
        }
        if (!CurveKeys.beforenm(precomputed, clientTransient, transientSecret))
        {
            return fail(SecurityFailure.BAD_BOX, "client transient key is a point of small order", false);
        }
        final int plainLength = length - 113 - 16;
        final UnsafeBuffer plain = new UnsafeBuffer(new byte[plainLength]);
        if (!box.open(plain, 0, buffer, offset + 113, length - 113, shortNonce(INITIATE_PREFIX, nonce), 0,
            precomputed))
        {
            return fail(SecurityFailure.BAD_BOX, "INITIATE box did not open", false);
        }
        plain.getBytes(0, clientPublic);
        final byte[] vouchKey = new byte[KEY];
        if (!CurveKeys.beforenm(vouchKey, clientPublic, transientSecret))
        {
            return fail(SecurityFailure.BAD_VOUCH, "client key is a point of small order", false);
        }
        final UnsafeBuffer vouch = new UnsafeBuffer(new byte[64]);
        final boolean opened = box.open(vouch, 0, plain, 48, 80, nonce(VOUCH_PREFIX, plain, 32), 0, vouchKey);
        Arrays.fill(vouchKey, (byte)0);
        if (!opened)
        {
            return fail(SecurityFailure.BAD_VOUCH, "vouch box did not open", false);
        }
        final byte[] vouched = new byte[64];
        vouch.getBytes(0, vouched);
        if (!SecretBox.constantTimeEquals(vouched, 0, clientTransient, 0, KEY) ||
            !SecretBox.constantTimeEquals(vouched, KEY, publicKey, 0, KEY))
        {
            return fail(SecurityFailure.BAD_VOUCH, "vouch does not bind the client's transient key to this server",
                false);
        }
        if (!readMetadata(plain, 128, plainLength - 128))
        {
            return status();
        }
        Arrays.fill(transientSecret, (byte)0);
        step = AWAIT_ZAP;
        if (startZap(Mechanism.CURVE, clientPublic))
        {
            step = SEND_READY;
        }
        return status();
    }

    /**
     * Opens the cookie under the current or previous minute key and checks it holds this connection's
     * transient keys (the cookie must come back unchanged).
     */
    private boolean openCookie(final DirectBuffer buffer, final int cookieOffset)
    {
        final byte[] keys = new byte[2 * KEY];
        final int count = cookieKeys.openingKeys(keys);
        final UnsafeBuffer cookieNonce = nonce(COOKIE_PREFIX, buffer, cookieOffset);
        final UnsafeBuffer plain = new UnsafeBuffer(new byte[64]);
        boolean opened = false;
        for (int i = 0; i < count && !opened; i++)
        {
            opened = box.open(plain, 0, buffer, cookieOffset + 16, 80, cookieNonce, 0,
                Arrays.copyOfRange(keys, i * KEY, i * KEY + KEY));
        }
        Arrays.fill(keys, (byte)0);
        if (!opened)
        {
            return false;
        }
        final byte[] contents = new byte[64];
        plain.getBytes(0, contents);
        plain.setMemory(0, 64, (byte)0);
        final boolean matches = SecretBox.constantTimeEquals(contents, 0, clientTransient, 0, KEY) &
            SecretBox.constantTimeEquals(contents, KEY, transientSecret, 0, KEY);
        Arrays.fill(contents, (byte)0);
        return matches;
    }

    private int readyCommand(final MutableDirectBuffer buffer, final int offset)
    {
        final UnsafeBuffer plain = new UnsafeBuffer(new byte[1024]);
        final int plainLength = writeMetadata(plain, 0);
        buffer.putBytes(offset, ascii("\u0005READY"));
        final long nonce = sendNonce++;
        buffer.putLong(offset + 6, nonce, ByteOrder.BIG_ENDIAN);
        final int boxLength = box.seal(buffer, offset + 14, plain, 0, plainLength, shortNonce(READY_PREFIX, nonce), 0,
            precomputed);
        ready();
        return 14 + boxLength;
    }

    void wipe()
    {
        super.wipe();
        Arrays.fill(transientSecret, (byte)0);
        Arrays.fill(secretKey, (byte)0);
    }
}
