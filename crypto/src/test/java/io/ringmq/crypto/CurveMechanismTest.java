package io.ringmq.crypto;

import io.ringmq.codecs.SocketType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CURVE client against CURVE server in memory, and hostile variations of every handshake command.
 */
@Timeout(30)
class CurveMechanismTest
{
    private final CurveKeys.KeyPair serverKeys = CurveKeys.generateKeyPair();
    private final CurveKeys.KeyPair clientKeys = CurveKeys.generateKeyPair();
    private final AtomicLong clock = new AtomicLong(TimeUnit.HOURS.toNanos(5));
    private final CookieKeyring cookies = new CookieKeyring(clock::get);

    private CurveMechanism client(final byte[] serverKey)
    {
        return CurveMechanism.client(new MechanismConfig(SocketType.DEALER, "c-1".getBytes(StandardCharsets.US_ASCII)),
            serverKey, clientKeys.publicKey(), clientKeys.secretKey());
    }

    private CurveMechanism server(final ZapSettings zap)
    {
        return CurveMechanism.server(new MechanismConfig(SocketType.ROUTER, null), serverKeys.publicKey(),
            serverKeys.secretKey(), cookies, zap);
    }

    private MechanismPair pair()
    {
        return new MechanismPair(client(serverKeys.publicKey()), server(null));
    }

    @Test
    void handshakeThenMessagesBothWaysWithIncreasingNonces()
    {
        final MechanismPair pair = pair();
        pair.pump();
        assertEquals(SecurityMechanism.READY, pair.client.status());
        assertEquals(SecurityMechanism.READY, pair.server.status());
        assertEquals(SocketType.ROUTER, pair.client.peerSocketType());
        assertEquals(SocketType.DEALER, pair.server.peerSocketType());
        assertArrayEquals("c-1".getBytes(StandardCharsets.US_ASCII), pair.server.peerIdentity());
        assertArrayEquals(clientKeys.publicKey(), ((CurveServer)pair.server).clientPublicKey());

        for (int i = 0; i < 5; i++)
        {
            assertEquals("hello " + i, roundTrip(pair.client, pair.server, "hello " + i, i % 2));
            assertEquals(i % 2, pair.server.plaintextFlags());
            assertEquals("back " + i, roundTrip(pair.server, pair.client, "back " + i, 0));
        }
        final byte[] big = new byte[5000];
        Arrays.fill(big, (byte)7);
        final UnsafeBuffer wire = new UnsafeBuffer(ByteBuffer.allocateDirect(6000));
        final int length = pair.client.encodeMessage(SecurityMechanism.MESSAGE_FLAG_COMMAND, new UnsafeBuffer(big), 0,
            big.length, wire, 0);
        assertEquals(big.length, pair.server.decodeMessage(wire, 0, length));
        assertEquals(SecurityMechanism.MESSAGE_FLAG_COMMAND, pair.server.plaintextFlags());
    }

    @Test
    void wireSizesAndNoncesAreLibzmqs()
    {
        final CurveMechanism client = client(serverKeys.publicKey());
        final CurveMechanism server = server(null);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final int hello = client.produceCommand(buffer, 0);
        assertEquals(200, hello);
        assertEquals(1L, buffer.getLong(112, java.nio.ByteOrder.BIG_ENDIAN));
        server.consumeCommand(buffer, 0, hello);
        final int welcome = server.produceCommand(buffer, 0);
        assertEquals(168, welcome);
        client.consumeCommand(buffer, 0, welcome);
        final int initiate = client.produceCommand(buffer, 0);
        assertTrue(initiate >= 257);
        assertEquals(2L, buffer.getLong(105, java.nio.ByteOrder.BIG_ENDIAN));
        server.consumeCommand(buffer, 0, initiate);
        final int ready = server.produceCommand(buffer, 0);
        assertTrue(ready >= 30);
        assertEquals(1L, buffer.getLong(6, java.nio.ByteOrder.BIG_ENDIAN));
        client.consumeCommand(buffer, 0, ready);
        assertEquals(SecurityMechanism.READY, client.status());
        final int message = client.encodeMessage(0, new UnsafeBuffer(new byte[0]), 0, 0, buffer, 0);
        assertEquals(33, message);
        assertEquals(3L, buffer.getLong(8, java.nio.ByteOrder.BIG_ENDIAN));
        assertEquals(0, server.decodeMessage(buffer, 0, message));
        assertEquals(2L, server.encodeMessage(0, new UnsafeBuffer(new byte[1]), 0, 1, buffer, 0) > 0 ?
            buffer.getLong(8, java.nio.ByteOrder.BIG_ENDIAN) : -1);
    }

    @Test
    void tamperedMessageFailsWithBadBox()
    {
        final MechanismPair pair = pair();
        pair.pump();
        final UnsafeBuffer wire = new UnsafeBuffer(new byte[256]);
        final int length = pair.client.encodeMessage(0, new UnsafeBuffer("secret".getBytes()), 0, 6, wire, 0);
        wire.putByte(length - 1, (byte)(wire.getByte(length - 1) ^ 1));
        assertEquals(-1, pair.server.decodeMessage(wire, 0, length));
        assertEquals(SecurityMechanism.FAILED, pair.server.status());
        assertEquals(SecurityFailure.BAD_BOX, pair.server.failure());
    }

    @Test
    void replayedAndDecreasingNoncesFail()
    {
        final MechanismPair pair = pair();
        pair.pump();
        final UnsafeBuffer first = new UnsafeBuffer(new byte[256]);
        final int firstLength = pair.client.encodeMessage(0, new UnsafeBuffer("a".getBytes()), 0, 1, first, 0);
        final UnsafeBuffer second = new UnsafeBuffer(new byte[256]);
        final int secondLength = pair.client.encodeMessage(0, new UnsafeBuffer("b".getBytes()), 0, 1, second, 0);
        assertEquals(1, pair.server.decodeMessage(second, 0, secondLength));
        assertEquals(-1, pair.server.decodeMessage(first, 0, firstLength), "a decreasing nonce");
        assertEquals(SecurityFailure.REPLAYED_NONCE, pair.server.failure());

        final MechanismPair again = pair();
        again.pump();
        final int length = again.client.encodeMessage(0, new UnsafeBuffer("a".getBytes()), 0, 1, first, 0);
        assertEquals(1, again.server.decodeMessage(first, 0, length));
        assertEquals(-1, again.server.decodeMessage(first, 0, length), "the same nonce again");
        assertEquals(SecurityFailure.REPLAYED_NONCE, again.server.failure());
    }

    @Test
    void wrongServerKeyFailsAtTheServersHello()
    {
        final MechanismPair pair = new MechanismPair(client(CurveKeys.generateKeyPair().publicKey()), server(null));
        pair.pump();
        assertEquals(SecurityMechanism.FAILED, pair.server.status());
        assertEquals(SecurityFailure.BAD_BOX, pair.server.failure());
        assertEquals(SecurityMechanism.HANDSHAKING, pair.client.status());
    }

    @Test
    void helloOfWrongSizeOrVersionFails()
    {
        final MechanismPair shortHello = pair();
        shortHello.toServer = body -> Arrays.copyOf(body, 199);
        shortHello.pump();
        assertEquals(SecurityFailure.MALFORMED_COMMAND, shortHello.server.failure());

        final MechanismPair longHello = pair();
        longHello.toServer = body -> body.length == 200 ? Arrays.copyOf(body, 202) : body;
        longHello.pump();
        assertEquals(SecurityFailure.MALFORMED_COMMAND, longHello.server.failure());

        final MechanismPair version = pair();
        version.toServer = body ->
        {
            body[6] = 2;
            return body;
        };
        version.pump();
        assertEquals(SecurityFailure.MALFORMED_COMMAND, version.server.failure());
        assertTrue(version.server.errorReason().contains("version"));
    }

    @Test
    void forgedCookieFails()
    {
        final MechanismPair pair = pair();
        pair.toServer = body ->
        {
            if (body[0] == 8)
            {
                body[9 + 40] ^= 1; // inside the cookie box
            }
            return body;
        };
        pair.pump();
        assertEquals(SecurityFailure.BAD_COOKIE, pair.server.failure());
    }

    @Test
    void cookieFromAnotherConnectionFails()
    {
        // A valid cookie (same minute key) carried into another connection's INITIATE holds other transient keys.
        final CurveMechanism server1 = server(null);
        final CurveMechanism server2 = server(null);
        final CurveMechanism client1 = client(serverKeys.publicKey());
        final CurveMechanism client2 = client(serverKeys.publicKey());
        final UnsafeBuffer b = new UnsafeBuffer(new byte[1024]);
        server1.consumeCommand(b, 0, client1.produceCommand(b, 0));
        client1.consumeCommand(b, 0, server1.produceCommand(b, 0));
        final byte[] cookie1 = new byte[96];
        final int initiate1 = client1.produceCommand(b, 0);
        b.getBytes(9, cookie1);
        server2.consumeCommand(b, 0, client2.produceCommand(b, 0));
        client2.consumeCommand(b, 0, server2.produceCommand(b, 0));
        final int initiate2 = client2.produceCommand(b, 0);
        b.putBytes(9, cookie1);
        server2.consumeCommand(b, 0, initiate2);
        assertEquals(SecurityFailure.BAD_COOKIE, server2.failure());
        assertTrue(initiate1 > 0);
    }

    @Test
    void cookieSurvivesOneRotationButNotAnExpiredMinuteKey()
    {
        final MechanismPair slow = pair();
        slow.toServer = body ->
        {
            if (body[0] == 8)
            {
                clock.addAndGet(TimeUnit.SECONDS.toNanos(70));
            }
            return body;
        };
        slow.pump();
        assertEquals(SecurityMechanism.READY, slow.server.status(), "a cookie from the previous minute key opens");

        final MechanismPair expired = pair();
        expired.toServer = body ->
        {
            if (body[0] == 8)
            {
                clock.addAndGet(TimeUnit.SECONDS.toNanos(130));
            }
            return body;
        };
        expired.pump();
        assertEquals(SecurityFailure.BAD_COOKIE, expired.server.failure());

        final MechanismPair twoRotations = pair();
        twoRotations.toServer = body ->
        {
            if (body[0] == 8)
            {
                clock.addAndGet(TimeUnit.SECONDS.toNanos(61));
                cookies.sealingKey(new byte[32]); // another client's WELCOME rotates the keys
                clock.addAndGet(TimeUnit.SECONDS.toNanos(61));
            }
            return body;
        };
        twoRotations.pump();
        assertEquals(SecurityFailure.BAD_COOKIE, twoRotations.server.failure());
    }

    @Test
    void oversizedInitiateMetadataFailsBeforeItIsOpened()
    {
        final MechanismPair pair = pair();
        pair.toServer = body -> body[0] == 8 ? Arrays.copyOf(body, 257 + HandshakeBase.MAX_METADATA_LENGTH + 1) : body;
        pair.pump();
        assertEquals(SecurityFailure.BAD_METADATA, pair.server.failure());
    }

    @Test
    void tamperedInitiateAndVouchFail()
    {
        final MechanismPair pair = pair();
        pair.toServer = body ->
        {
            if (body[0] == 8)
            {
                body[body.length - 1] ^= 1;
            }
            return body;
        };
        pair.pump();
        assertEquals(SecurityFailure.BAD_BOX, pair.server.failure());
    }

    @Test
    void incompatibleSocketTypesFail()
    {
        final CurveMechanism client = CurveMechanism.client(new MechanismConfig(SocketType.PUSH, null),
            serverKeys.publicKey(), clientKeys.publicKey(), clientKeys.secretKey());
        final MechanismPair pair = new MechanismPair(client, CurveMechanism.server(
            new MechanismConfig(SocketType.PUB, null), serverKeys.publicKey(), serverKeys.secretKey(), cookies, null));
        pair.pump();
        assertEquals(SecurityFailure.INCOMPATIBLE_SOCKET_TYPE, pair.server.failure());
    }

    @Test
    void zapIsAskedWithTheClientKeyAndItsAnswerObeyed()
    {
        final FakeZap zap = new FakeZap();
        final MechanismPair pair = new MechanismPair(client(serverKeys.publicKey()),
            server(new ZapSettings(zap, "global", "127.0.0.1", new byte[0], false)));
        pair.pump();
        assertEquals(SecurityMechanism.HANDSHAKING, pair.server.status());
        assertTrue(pair.server.awaitingZap());
        assertEquals(1, zap.requests.size());
        final byte[][] request = zap.requests.peek();
        assertEquals("1.0", new String(request[0]));
        assertEquals("global", new String(request[2]));
        assertEquals("127.0.0.1", new String(request[3]));
        assertEquals("CURVE", new String(request[5]));
        assertArrayEquals(clientKeys.publicKey(), request[6]);
        pair.pump();
        assertEquals(SecurityMechanism.HANDSHAKING, pair.server.status(), "still waiting, nothing blocked");

        zap.reply("200", "alice");
        pair.pump();
        assertEquals(SecurityMechanism.READY, pair.server.status());
        assertEquals(SecurityMechanism.READY, pair.client.status());
        assertEquals("alice", pair.server.userId());
        assertEquals("v", new String(pair.server.zapProperties().get("X-Team")));
    }

    @Test
    void zapRefusalSendsErrorAndFails()
    {
        for (final String status : new String[] {"400", "300", "500"})
        {
            final FakeZap zap = new FakeZap();
            final MechanismPair pair = new MechanismPair(client(serverKeys.publicKey()),
                server(new ZapSettings(zap, "", "127.0.0.1", new byte[0], false)));
            pair.pump();
            zap.reply(status, "");
            pair.pump();
            assertEquals(SecurityMechanism.FAILED, pair.server.status());
            assertTrue(pair.server.sendsError());
            assertEquals(status, pair.server.errorReason());
            assertEquals(status.equals("400") ? SecurityFailure.AUTHENTICATION_FAILED : SecurityFailure.ZAP_ERROR,
                pair.server.failure());
            assertNull(pair.server.userId());
        }
    }

    @Test
    void missingZapHandlerAcceptsUnlessEnforced()
    {
        final FakeZap absent = new FakeZap();
        absent.bound = false;
        final MechanismPair lenient = new MechanismPair(client(serverKeys.publicKey()),
            server(new ZapSettings(absent, "", "", new byte[0], false)));
        lenient.pump();
        assertEquals(SecurityMechanism.READY, lenient.server.status());

        final MechanismPair strict = new MechanismPair(client(serverKeys.publicKey()),
            server(new ZapSettings(absent, "", "", new byte[0], true)));
        strict.pump();
        assertEquals(SecurityFailure.ZAP_UNAVAILABLE, strict.server.failure());
    }

    @Test
    void closeZeroesAndFails()
    {
        final MechanismPair pair = pair();
        pair.pump();
        pair.client.close();
        assertEquals(SecurityMechanism.FAILED, pair.client.status());
        assertEquals(SecurityFailure.CLOSED, pair.client.failure());
        assertArrayEquals(new byte[32], ((CurveMechanism)pair.client).precomputed);
    }

    private static String roundTrip(final SecurityMechanism from, final SecurityMechanism to, final String text,
        final int flags)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer wire = new UnsafeBuffer(new byte[bytes.length + 64]);
        final int length = from.encodeMessage(flags, new UnsafeBuffer(bytes), 0, bytes.length, wire, 0);
        final int plain = to.decodeMessage(wire, 0, length);
        assertEquals(bytes.length, plain, () -> to.errorReason());
        return to.plaintext().getStringWithoutLengthAscii(0, plain);
    }

    /**
     * A ZAP handler the test answers by hand.
     */
    static final class FakeZap implements ZapClient
    {
        final Deque<byte[][]> requests = new ArrayDeque<>();
        byte[][] reply;
        boolean bound = true;

        public boolean sendRequest(final byte[][] frames)
        {
            if (!bound)
            {
                return false;
            }
            requests.add(frames);
            return true;
        }

        public byte[][] pollReply()
        {
            final byte[][] r = reply;
            reply = null;
            return r;
        }

        void reply(final String status, final String userId)
        {
            final UnsafeBuffer metadata = new UnsafeBuffer(new byte[64]);
            final int length = io.ringmq.codecs.Metadata.encodeProperty(metadata, 0,
                "X-Team".getBytes(StandardCharsets.US_ASCII), "v".getBytes(StandardCharsets.US_ASCII));
            final byte[] bytes = new byte[length];
            metadata.getBytes(0, bytes);
            reply = ZapCodec.encodeReply(new String(requests.peekLast()[1], StandardCharsets.US_ASCII), status,
                "text", userId, bytes);
        }
    }
}
