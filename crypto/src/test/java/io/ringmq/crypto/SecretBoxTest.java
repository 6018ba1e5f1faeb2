package io.ringmq.crypto;

import io.ringmq.codecs.Z85;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written XSalsa20/Poly1305/HSalsa20 against BouncyCastle on random inputs and against NaCl's published
 * box and secretbox vectors (libsodium test/default/box.c, secretbox.c).
 */
class SecretBoxTest
{
    private static final byte[] ALICE_SK = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PK = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PK = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] FIRST_KEY = hex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    private static final byte[] NONCE = hex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    private static final byte[] MESSAGE = hex(
        "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296cdc3c01" +
        "233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd" +
        "4924ca1c60902e52f0a089bc76897040e082f9377638486" + "45e0705");
    private static final byte[] BOX = hex(
        "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c" +
        "98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfea" +
        "bd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5");

    private final SecretBox box = new SecretBox();

    @Test
    void naclPublicKeyOfAliceSecretKey()
    {
        assertArrayEquals(ALICE_PK, CurveKeys.publicFromSecret(ALICE_SK));
    }

    @Test
    void naclBoxBeforenmIsTheSecretboxFirstKey()
    {
        final byte[] k = new byte[32];
        assertTrue(CurveKeys.beforenm(k, BOB_PK, ALICE_SK));
        assertArrayEquals(FIRST_KEY, k);
    }

    @Test
    void naclSecretboxVectorSealsAndOpens()
    {
        assertEquals(131, MESSAGE.length);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[200]);
        final int length = box.seal(out, 3, new UnsafeBuffer(MESSAGE), 0, MESSAGE.length,
            new UnsafeBuffer(NONCE), 0, FIRST_KEY);
        assertEquals(147, length);
        final byte[] sealed = new byte[length];
        out.getBytes(3, sealed);
        assertArrayEquals(BOX, sealed);

        final UnsafeBuffer plain = new UnsafeBuffer(ByteBuffer.allocateDirect(200));
        assertTrue(box.open(plain, 1, new UnsafeBuffer(BOX), 0, BOX.length, new UnsafeBuffer(NONCE), 0, FIRST_KEY));
        final byte[] opened = new byte[MESSAGE.length];
        plain.getBytes(1, opened);
        assertArrayEquals(MESSAGE, opened);
    }

    @Test
    void smallOrderPublicKeyIsRefused()
    {
        final byte[] smallOrder = hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
        assertFalse(CurveKeys.beforenm(new byte[32], smallOrder, ALICE_SK));
    }

    @Test
    void tamperedBoxesAreRefusedAndWriteNothing()
    {
        final UnsafeBuffer nonce = new UnsafeBuffer(NONCE);
        for (int i = 0; i < BOX.length; i += 7)
        {
            final byte[] tampered = BOX.clone();
            tampered[i] ^= 0x10;
            final byte[] dst = new byte[BOX.length];
            assertFalse(box.open(new UnsafeBuffer(dst), 0, new UnsafeBuffer(tampered), 0, tampered.length, nonce, 0,
                FIRST_KEY), "byte " + i);
            assertArrayEquals(new byte[BOX.length], dst);
        }
        assertFalse(box.open(new UnsafeBuffer(new byte[16]), 0, new UnsafeBuffer(BOX), 0, 15, nonce, 0, FIRST_KEY));
    }

    @Test
    void matchesBouncyCastleOnRandomInputs()
    {
        final Random random = new Random(26);
        for (int round = 0; round < 300; round++)
        {
            final int length = round < 150 ? round : random.nextInt(5000);
            final byte[] key = new byte[32];
            final byte[] nonce = new byte[24];
            final byte[] message = new byte[length];
            random.nextBytes(key);
            random.nextBytes(nonce);
            random.nextBytes(message);

            final byte[] expected = referenceSeal(key, nonce, message);
            final int offset = random.nextInt(9);
            final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(length + 16 + offset));
            assertEquals(length + 16,
                box.seal(out, offset, new UnsafeBuffer(message), 0, length, new UnsafeBuffer(nonce), 0, key));
            final byte[] actual = new byte[length + 16];
            out.getBytes(offset, actual);
            assertArrayEquals(expected, actual, "length " + length);

            final byte[] opened = new byte[length];
            assertTrue(box.open(new UnsafeBuffer(opened), 0, out, offset, length + 16, new UnsafeBuffer(nonce), 0,
                key));
            assertArrayEquals(message, opened);
        }
    }

    @Test
    void prefixAndSubKeyVariantsMatchTheReference()
    {
        final Random random = new Random(37);
        for (int round = 0; round < 100; round++)
        {
            final int length = random.nextInt(300);
            final byte[] key = new byte[32];
            final byte[] nonce = new byte[24];
            final byte[] message = new byte[length + 1];
            random.nextBytes(key);
            random.nextBytes(nonce);
            random.nextBytes(message);
            final byte[] expected = referenceSeal(key, nonce, message);

            final UnsafeBuffer out = new UnsafeBuffer(new byte[length + 17]);
            box.sealWithPrefix(out, 0, message[0], new UnsafeBuffer(message), 1, length, new UnsafeBuffer(nonce), 0,
                key);
            assertArrayEquals(expected, out.byteArray());

            final byte[] subKey = new byte[32];
            SecretBox.hsalsa20(subKey, 0, new UnsafeBuffer(nonce), 0, key);
            final long tail = new UnsafeBuffer(nonce).getLong(16, java.nio.ByteOrder.BIG_ENDIAN);
            final UnsafeBuffer viaSubKey = new UnsafeBuffer(new byte[length + 17]);
            box.sealWithSubKey(viaSubKey, 0, message[0], new UnsafeBuffer(message), 1, length, subKey, tail);
            assertArrayEquals(expected, viaSubKey.byteArray());

            final UnsafeBuffer plain = new UnsafeBuffer(new byte[length]);
            assertEquals(message[0] & 0xFF, box.openWithSubKey(plain, 0, viaSubKey, 0, length + 17, subKey, tail));
            assertArrayEquals(Arrays.copyOfRange(message, 1, length + 1), plain.byteArray());
            assertEquals(message[0] & 0xFF, box.openWithPrefix(plain, 0, out, 0, length + 17,
                new UnsafeBuffer(nonce), 0, key));
            viaSubKey.putByte(length + 16, (byte)(viaSubKey.getByte(length + 16) ^ 1));
            assertEquals(-1, box.openWithSubKey(plain, 0, viaSubKey, 0, length + 17, subKey, tail));
        }
    }

    @Test
    void curveMessagesAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final CurveKeys.KeyPair client = CurveKeys.generateKeyPair();
        final MechanismPair pair = new MechanismPair(
            CurveMechanism.client(new MechanismConfig(io.ringmq.codecs.SocketType.PAIR, null), server.publicKey(),
                client.publicKey(), client.secretKey()),
            CurveMechanism.server(new MechanismConfig(io.ringmq.codecs.SocketType.PAIR, null), server.publicKey(),
                server.secretKey(), new CookieKeyring(), null));
        pair.pump();
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        final UnsafeBuffer wire = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
        for (int i = 0; i < 20_000; i++)
        {
            final int length = pair.client.encodeMessage(0, message, 0, i % 2 == 0 ? 64 : 1024, wire, 0);
            pair.server.decodeMessage(wire, 0, length);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++)
        {
            final int length = pair.client.encodeMessage(0, message, 0, i % 2 == 0 ? 64 : 1024, wire, 0);
            pair.server.decodeMessage(wire, 0, length);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(SecurityMechanism.READY, pair.server.status());
        // 40,000 boxes: anything per message would be hundreds of kilobytes; allow the probe's own noise.
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 40,000 messages");
    }

    @Test
    void hsalsa20MatchesTheSubkeyBouncyCastleDerives()
    {
        // XSalsa20 with nonce n and key k equals Salsa20 with key HSalsa20(k, n[0..16]) and nonce n[16..24]:
        // checked through the keystream, since BouncyCastle exposes no HSalsa20.
        final Random random = new Random(20);
        final byte[] key = new byte[32];
        final byte[] nonce = new byte[24];
        random.nextBytes(key);
        random.nextBytes(nonce);
        final byte[] subKey = new byte[32];
        SecretBox.hsalsa20(subKey, 0, new UnsafeBuffer(nonce), 0, key);
        final byte[] viaX = new byte[128];
        final XSalsa20Engine x = new XSalsa20Engine();
        x.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        x.processBytes(new byte[128], 0, 128, viaX, 0);
        final byte[] viaSub = new byte[128];
        final org.bouncycastle.crypto.engines.Salsa20Engine s = new org.bouncycastle.crypto.engines.Salsa20Engine();
        s.init(true, new ParametersWithIV(new KeyParameter(subKey), Arrays.copyOfRange(nonce, 16, 24)));
        s.processBytes(new byte[128], 0, 128, viaSub, 0);
        assertArrayEquals(viaX, viaSub);
    }

    @Test
    void keysRoundTripThroughZ85AndOptions()
    {
        final CurveKeys.KeyPair pair = CurveKeys.generateKeyPair();
        assertArrayEquals(pair.publicKey(), CurveKeys.publicFromSecret(pair.secretKey()));
        assertEquals(40, pair.publicKeyZ85().length());
        assertArrayEquals(pair.publicKey(), CurveKeys.fromZ85(pair.publicKeyZ85()));
        assertArrayEquals(pair.secretKey(), CurveKeys.fromOption(pair.secretKey()));
        final byte[] z85 = pair.secretKeyZ85().getBytes();
        assertArrayEquals(pair.secretKey(), CurveKeys.fromOption(z85));
        assertArrayEquals(pair.secretKey(), CurveKeys.fromOption(Arrays.copyOf(z85, 41)));
        // libzmq's documented example server key decodes to 32 bytes.
        assertEquals(32, Z85.decode("rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7").length);
    }

    private static byte[] referenceSeal(final byte[] key, final byte[] nonce, final byte[] message)
    {
        final XSalsa20Engine cipher = new XSalsa20Engine();
        cipher.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        final byte[] polyKey = new byte[32];
        cipher.processBytes(new byte[32], 0, 32, polyKey, 0);
        final byte[] out = new byte[message.length + 16];
        cipher.processBytes(message, 0, message.length, out, 16);
        final Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(polyKey));
        mac.update(out, 16, message.length);
        mac.doFinal(out, 0);
        return out;
    }

    private static byte[] hex(final String text)
    {
        return HexFormat.of().parseHex(text);
    }
}
