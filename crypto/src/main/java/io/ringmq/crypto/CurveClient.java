package io.ringmq.crypto;

import io.ringmq.codecs.CommandName;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The client side of CurveZMQ: HELLO, then INITIATE once WELCOME arrives, ready on READY.
 */
final class CurveClient extends CurveMechanism
{
    private static final int SEND_HELLO = 0;
    private static final int EXPECT_WELCOME = 1;
    private static final int SEND_INITIATE = 2;
    private static final int EXPECT_READY = 3;
    private static final int DONE = 4;

    private final byte[] serverPublic;
    private final byte[] publicKey;
    private final byte[] secretKey;
    private final byte[] transientPublic;
    private final byte[] transientSecret = new byte[KEY];
    private final byte[] serverTransient = new byte[KEY];
    private final byte[] cookie = new byte[COOKIE_LENGTH];
    private int step = SEND_HELLO;

    CurveClient(final MechanismConfig config, final byte[] serverPublic, final byte[] publicKey,
        final byte[] secretKey)
    {
        super(config, null, false);
        CurveKeys.checkLength(serverPublic);
        CurveKeys.checkLength(publicKey);
        CurveKeys.checkLength(secretKey);
        this.serverPublic = serverPublic.clone();
        this.publicKey = publicKey.clone();
        this.secretKey = secretKey.clone();
        CurveKeys.random().nextBytes(transientSecret);
        transientPublic = CurveKeys.publicFromSecret(transientSecret);
    }

    public int produceCommand(final MutableDirectBuffer buffer, final int offset)
    {
        if (status() != HANDSHAKING)
        {
            return 0;
        }
        if (step == SEND_HELLO)
        {
            step = EXPECT_WELCOME;
            return hello(buffer, offset);
        }
        if (step == SEND_INITIATE)
        {
            step = EXPECT_READY;
            return initiate(buffer, offset);
        }
        return 0;
    }

    private int hello(final MutableDirectBuffer buffer, final int offset)
    {
        // HELLO: name, version 1.0, 72 bytes of padding, C', short nonce, Box[64 zeros](C' -> S).
        buffer.setMemory(offset, HELLO_LENGTH, (byte)0);
        buffer.putBytes(offset, ascii("\u0005HELLO"));
        buffer.putByte(offset + 6, (byte)1);
        buffer.putByte(offset + 7, (byte)0);
        buffer.putBytes(offset + 80, transientPublic);
        final long nonce = sendNonce++;
        buffer.putLong(offset + 112, nonce, ByteOrder.BIG_ENDIAN);
        final byte[] key = new byte[KEY];
        if (!CurveKeys.beforenm(key, serverPublic, transientSecret))
        {
            fail(SecurityFailure.BAD_BOX, "CURVE_SERVERKEY is a point of small order", false);
            return 0;
        }
        box.seal(buffer, offset + 120, new UnsafeBuffer(new byte[64]), 0, 64,
            shortNonce(HELLO_PREFIX, nonce), 0, key);
        Arrays.fill(key, (byte)0);
        return HELLO_LENGTH;
    }

    private int initiate(final MutableDirectBuffer buffer, final int offset)
    {
        // Vouch: Box[C', S](C -> S'), under a long nonce.
        final byte[] vouchNonce = randomBytes(16);
        final byte[] vouchKey = new byte[KEY];
        if (!CurveKeys.beforenm(vouchKey, serverTransient, secretKey))
        {
            fail(SecurityFailure.BAD_BOX, "server transient key is a point of small order", false);
            return 0;
        }
        final UnsafeBuffer vouchPlain = new UnsafeBuffer(new byte[64]);
        vouchPlain.putBytes(0, transientPublic);
        vouchPlain.putBytes(32, serverPublic);

        final UnsafeBuffer plain = new UnsafeBuffer(new byte[128 + 1024]);
        plain.putBytes(0, publicKey);
        plain.putBytes(32, vouchNonce);
        box.seal(plain, 48, vouchPlain, 0, 64, nonce(VOUCH_PREFIX, wrap(vouchNonce), 0), 0, vouchKey);
        Arrays.fill(vouchKey, (byte)0);
        final int plainLength = 128 + writeMetadata(plain, 128);

        buffer.putBytes(offset, ascii("\u0008INITIATE"));
        buffer.putBytes(offset + 9, cookie);
        final long nonce = sendNonce++;
        buffer.putLong(offset + 105, nonce, ByteOrder.BIG_ENDIAN);
        final int boxLength = box.seal(buffer, offset + 113, plain, 0, plainLength,
            shortNonce(INITIATE_PREFIX, nonce), 0, precomputed);
        plain.setMemory(0, plain.capacity(), (byte)0);
        return 113 + boxLength;
    }

    int consumeHandshakeCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        if (step == EXPECT_WELCOME && command.name() == CommandName.WELCOME)
        {
            return welcome(buffer, offset, length);
        }
        if (step == EXPECT_READY && command.name() == CommandName.READY)
        {
            return ready(buffer, offset, length);
        }
        return fail(SecurityFailure.MALFORMED_COMMAND, "unexpected command in the CURVE handshake", false);
    }

    private int welcome(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != WELCOME_LENGTH)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "WELCOME is 168 bytes, not " + length, false);
        }
        final byte[] key = new byte[KEY];
        CurveKeys.beforenm(key, serverPublic, transientSecret);
        final UnsafeBuffer plain = new UnsafeBuffer(new byte[128]);
        final boolean opened = box.open(plain, 0, buffer, offset + 24, 144,
            nonce(WELCOME_PREFIX, buffer, offset + 8), 0, key);
        Arrays.fill(key, (byte)0);
        if (!opened)
        {
            return fail(SecurityFailure.BAD_BOX, "WELCOME box did not open: wrong CURVE_SERVERKEY?", false);
        }
        plain.getBytes(0, serverTransient);
        plain.getBytes(32, cookie);
        plain.setMemory(0, 128, (byte)0);
        if (!CurveKeys.beforenm(precomputed, serverTransient, transientSecret))
        {
            return fail(SecurityFailure.BAD_BOX, "server transient key is a point of small order", false);
        }
        step = SEND_INITIATE;
        return status();
    }

    private int ready(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < READY_MIN_LENGTH)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "READY shorter than 30 bytes", false);
        }
        if (length - 14 - 16 > MAX_METADATA_LENGTH)
        {
            return fail(SecurityFailure.BAD_METADATA, "READY metadata too long", false);
        }
        final long nonce = buffer.getLong(offset + 6, ByteOrder.BIG_ENDIAN);
        if (!acceptPeerNonce(nonce))
        {
            return status();
        }
        final UnsafeBuffer plain = new UnsafeBuffer(new byte[length - 14 - 16]);
        if (!box.open(plain, 0, buffer, offset + 14, length - 14, shortNonce(READY_PREFIX, nonce), 0, precomputed))
        {
            return fail(SecurityFailure.BAD_BOX, "READY box did not open", false);
        }
        if (!readMetadata(plain, 0, plain.capacity()))
        {
            return status();
        }
        step = DONE;
        wipeHandshakeKeys();
        ready();
        return status();
    }

    private void wipeHandshakeKeys()
    {
        Arrays.fill(transientSecret, (byte)0);
        Arrays.fill(cookie, (byte)0);
    }

    void wipe()
    {
        super.wipe();
        wipeHandshakeKeys();
        Arrays.fill(secretKey, (byte)0);
    }
}
