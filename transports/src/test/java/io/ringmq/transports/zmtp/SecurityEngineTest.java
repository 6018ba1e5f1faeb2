package io.ringmq.transports.zmtp;

import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.codecs.GreetingDescriptor;
import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.SocketType;
import io.ringmq.crypto.CookieKeyring;
import io.ringmq.crypto.CurveKeys;
import io.ringmq.crypto.CurveMechanism;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.NullMechanism;
import io.ringmq.crypto.PlainMechanism;
import io.ringmq.crypto.SecurityFailure;
import io.ringmq.crypto.SecurityMechanism;
import io.ringmq.crypto.ZapSettings;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stream engines running CURVE and PLAIN joined in memory, the clock driven by the test, and hostile bytes
 * on the wire: each failure costs that connection with a typed failure and no exception escapes.
 */
@Timeout(30)
class SecurityEngineTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final UnsafeBuffer wire = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
    private final CurveKeys.KeyPair serverKeys = CurveKeys.generateKeyPair();
    private final CurveKeys.KeyPair clientKeys = CurveKeys.generateKeyPair();
    private long now = 1_000 * MS;

    private final class Side
    {
        final RecordingListener listener = new RecordingListener();
        final StreamEngine engine;

        Side(final StreamEngineConfig config, final SecurityMechanism mechanism)
        {
            engine = new StreamEngine(config.securityInForce(true), mechanism, listener);
            engine.start(now);
        }
    }

    private Side curveClient(final SocketType type, final byte[] serverKey, final StreamEngineConfig config)
    {
        return new Side(config, CurveMechanism.client(new MechanismConfig(type, null), serverKey,
            clientKeys.publicKey(), clientKeys.secretKey()));
    }

    private Side curveServer(final SocketType type, final ZapSettings zap, final StreamEngineConfig config)
    {
        return new Side(config, CurveMechanism.server(new MechanismConfig(type, null), serverKeys.publicKey(),
            serverKeys.secretKey(), new CookieKeyring(() -> now), zap));
    }

    private Side[] curvePair(final SocketType clientType, final SocketType serverType)
    {
        final Side client = curveClient(clientType, serverKeys.publicKey(), new StreamEngineConfig(clientType));
        final Side server = curveServer(serverType, null, new StreamEngineConfig(serverType));
        pump(client, server);
        return new Side[] {client, server};
    }

    private void pump(final Side a, final Side b)
    {
        boolean moved = true;
        while (moved)
        {
            moved = transfer(a, b) | transfer(b, a);
        }
    }

    private boolean transfer(final Side from, final Side to)
    {
        final int length = from.engine.drainControl(wire, 0, wire.capacity());
        if (length > 0 && !to.engine.isFailed())
        {
            to.engine.onBytes(wire, 0, length, now);
        }
        return length > 0;
    }

    private int encode(final Side from, final String... parts)
    {
        int length = 0;
        for (int i = 0; i < parts.length; i++)
        {
            final byte[] body = parts[i].getBytes(StandardCharsets.ISO_8859_1);
            length += from.engine.encodeFrame(wire, length, i < parts.length - 1 ? FrameDescriptor.FLAG_MORE : 0,
                new UnsafeBuffer(body), 0, body.length);
        }
        return length;
    }

    @Test
    void curveEnginesHandshakeAndExchangeEncryptedMultipartMessages()
    {
        final Side[] sides = curvePair(SocketType.DEALER, SocketType.ROUTER);
        final Side client = sides[0];
        final Side server = sides[1];
        assertTrue(client.listener.succeeded && server.listener.succeeded);
        assertEquals(SocketType.ROUTER, client.listener.peerType);

        final int length = encode(client, "hello", "", "world");
        assertEquals(-1, indexOf(wire, length, "hello"), "the frame is not on the wire in the clear");
        assertEquals(length, server.engine.onBytes(wire, 0, length, now));
        assertEquals(3, server.listener.frames.size());
        assertEquals("world", new String(server.listener.frames.get(2), StandardCharsets.ISO_8859_1));
        assertEquals(FrameDescriptor.FLAG_MORE, server.listener.frameFlags.get(0));
        assertEquals(0, server.listener.frameFlags.get(2));

        final int back = encode(server, "reply");
        assertEquals(back, client.engine.onBytes(wire, 0, back, now));
        assertEquals("reply", new String(client.listener.frames.get(0), StandardCharsets.ISO_8859_1));
    }

    @Test
    void subscriptionsTravelAsEncryptedCommands()
    {
        final Side[] sides = curvePair(SocketType.SUB, SocketType.XPUB);
        final int length = encode(sides[0], "\u0001news");
        assertEquals(0, wire.getByte(0), "a flagless frame holding MESSAGE, as libzmq sends it");
        assertEquals(length, sides[1].engine.onBytes(wire, 0, length, now));
        assertEquals("+news", sides[1].listener.subscriptions.get(0));
        assertTrue(sides[1].listener.frames.isEmpty());
    }

    @Test
    void heartbeatsAreEncrypted()
    {
        final Side client = curveClient(SocketType.DEALER, serverKeys.publicKey(),
            new StreamEngineConfig(SocketType.DEALER).heartbeatIvl(100 * MS).heartbeatTtl(1_000 * MS)
                .heartbeatTimeout(300 * MS));
        final Side server = curveServer(SocketType.DEALER, null, new StreamEngineConfig(SocketType.DEALER));
        pump(client, server);
        assertTrue(client.engine.isActive() && server.engine.isActive());
        now += 100 * MS;
        assertTrue(client.engine.onTimer(now));
        final int length = client.engine.drainControl(wire, 0, wire.capacity());
        assertEquals(-1, indexOf(wire, length, "PING"));
        assertEquals(length, server.engine.onBytes(wire, 0, length, now));
        final int pong = server.engine.drainControl(wire, 0, wire.capacity());
        assertTrue(pong > 0, "PONG queued");
        assertEquals(-1, indexOf(wire, pong, "PONG"));
        assertEquals(pong, client.engine.onBytes(wire, 0, pong, now));
        now += 250 * MS;
        assertTrue(client.engine.onTimer(now), "the PONG counted as traffic");
        assertNull(client.listener.failure);
        assertNull(server.listener.failure);
    }

    @Test
    void tamperedMessageFailsTheConnectionAsProtocolWithBadBox()
    {
        final Side[] sides = curvePair(SocketType.PAIR, SocketType.PAIR);
        final int length = encode(sides[0], "payload");
        wire.putByte(length - 2, (byte)(wire.getByte(length - 2) ^ 0x40));
        assertEquals(-1, sides[1].engine.onBytes(wire, 0, length, now));
        assertEquals(EngineFailure.PROTOCOL, sides[1].listener.failure);
        assertEquals(SecurityFailure.BAD_BOX, sides[1].engine.securityFailure());
        assertTrue(sides[1].listener.frames.isEmpty());
        assertNull(sides[0].listener.failure);
    }

    @Test
    void replayedMessageFailsTheConnection()
    {
        final Side[] sides = curvePair(SocketType.PAIR, SocketType.PAIR);
        final int length = encode(sides[0], "once");
        final byte[] copy = new byte[length];
        wire.getBytes(0, copy);
        assertEquals(length, sides[1].engine.onBytes(wire, 0, length, now));
        assertEquals(-1, sides[1].engine.onBytes(new UnsafeBuffer(copy), 0, length, now));
        assertEquals(EngineFailure.PROTOCOL, sides[1].listener.failure);
        assertEquals(SecurityFailure.REPLAYED_NONCE, sides[1].engine.securityFailure());
        assertEquals(1, sides[1].listener.frames.size());
    }

    @Test
    void decreasingNonceFailsTheConnection()
    {
        final Side[] sides = curvePair(SocketType.PAIR, SocketType.PAIR);
        final int first = encode(sides[0], "one");
        final byte[] early = new byte[first];
        wire.getBytes(0, early);
        final int second = encode(sides[0], "two");
        assertEquals(second, sides[1].engine.onBytes(wire, 0, second, now));
        assertEquals(-1, sides[1].engine.onBytes(new UnsafeBuffer(early), 0, first, now));
        assertEquals(SecurityFailure.REPLAYED_NONCE, sides[1].engine.securityFailure());
    }

    @Test
    void clearFrameAfterACurveHandshakeFails()
    {
        final Side[] sides = curvePair(SocketType.PAIR, SocketType.PAIR);
        final int length = FrameDescriptor.encodeFrame(wire, 0, 0, new UnsafeBuffer("plain".getBytes()), 0, 5);
        assertEquals(-1, sides[1].engine.onBytes(wire, 0, length, now));
        assertEquals(EngineFailure.PROTOCOL, sides[1].listener.failure);
        assertEquals(SecurityFailure.MALFORMED_COMMAND, sides[1].engine.securityFailure());
    }

    @Test
    void helloOfTheWrongSizeOrVersionFailsTheServer()
    {
        for (final int variant : new int[] {0, 1, 2})
        {
            final Side server = curveServer(SocketType.ROUTER, null, new StreamEngineConfig(SocketType.ROUTER));
            server.engine.drainControl(wire, 0, wire.capacity());
            int length = greeting(wire, 0, Mechanism.CURVE);
            final byte[] hello = new byte[variant == 0 ? 199 : variant == 1 ? 201 : 200];
            hello[0] = 5;
            System.arraycopy("HELLO".getBytes(), 0, hello, 1, 5);
            hello[6] = (byte)(variant == 2 ? 2 : 1);
            length += FrameDescriptor.encodeFrame(wire, length, FrameDescriptor.FLAG_COMMAND, new UnsafeBuffer(hello),
                0, hello.length);
            assertEquals(-1, server.engine.onBytes(wire, 0, length, now));
            assertEquals(EngineFailure.HANDSHAKE_REFUSED, server.listener.failure);
            assertEquals(SecurityFailure.MALFORMED_COMMAND, server.engine.securityFailure());
        }
    }

    @Test
    void nullOrPlainClientAgainstACurveServerIsAMechanismMismatch()
    {
        for (final Mechanism other : new Mechanism[] {Mechanism.NULL, Mechanism.PLAIN})
        {
            final Side server = curveServer(SocketType.ROUTER, null, new StreamEngineConfig(SocketType.ROUTER));
            final int length = greeting(wire, 0, other);
            assertEquals(-1, server.engine.onBytes(wire, 0, length, now));
            assertEquals(EngineFailure.MECHANISM_MISMATCH, server.listener.failure);
        }
        // And engine to engine: a NULL DEALER against the CURVE ROUTER.
        final Side nullClient = new Side(new StreamEngineConfig(SocketType.DEALER),
            new NullMechanism(new MechanismConfig(SocketType.DEALER, null)));
        final Side server = curveServer(SocketType.ROUTER, null, new StreamEngineConfig(SocketType.ROUTER));
        pump(nullClient, server);
        assertEquals(EngineFailure.MECHANISM_MISMATCH, server.listener.failure);
        assertEquals(EngineFailure.MECHANISM_MISMATCH, nullClient.listener.failure);
    }

    @Test
    void zmtp20DowngradeIsRefusedUnderCurve()
    {
        final Side server = curveServer(SocketType.REP, null, new StreamEngineConfig(SocketType.REP));
        final UnsafeBuffer peer = new UnsafeBuffer(new byte[12]);
        peer.putByte(0, (byte)0xFF);
        peer.putByte(9, (byte)0x7F);
        peer.putByte(10, (byte)GreetingDescriptor.REVISION_2_0);
        peer.putByte(11, (byte)SocketType.REQ.number());
        assertEquals(-1, server.engine.onBytes(peer, 0, 12, now));
        assertEquals(EngineFailure.UNSUPPORTED_VERSION, server.listener.failure);
    }

    @Test
    void wrongServerKeyFailsTheServerAndNoMessageFlows()
    {
        final Side client = curveClient(SocketType.DEALER, CurveKeys.generateKeyPair().publicKey(),
            new StreamEngineConfig(SocketType.DEALER));
        final Side server = curveServer(SocketType.ROUTER, null, new StreamEngineConfig(SocketType.ROUTER));
        pump(client, server);
        assertEquals(EngineFailure.HANDSHAKE_REFUSED, server.listener.failure);
        assertEquals(SecurityFailure.BAD_BOX, server.engine.securityFailure());
        assertFalse(client.engine.isActive());
    }

    @Test
    void peerThatStopsMidHandshakeTimesOut()
    {
        final Side server = curveServer(SocketType.ROUTER, null,
            new StreamEngineConfig(SocketType.ROUTER).handshakeIvl(500 * MS));
        final int length = greeting(wire, 0, Mechanism.CURVE);
        server.engine.onBytes(wire, 0, length, now);
        assertTrue(server.engine.onTimer(now + 499 * MS));
        assertFalse(server.engine.onTimer(now + 500 * MS));
        assertEquals(EngineFailure.HANDSHAKE_TIMEOUT, server.listener.failure);
    }

    @Test
    void zapWaitKeepsTheEngineHandshakingWithoutBlockingThenObeysTheReply()
    {
        final SecurityTestZap zap = new SecurityTestZap("client-1", clientKeys.publicKey());
        final Side client = curveClient(SocketType.DEALER, serverKeys.publicKey(),
            new StreamEngineConfig(SocketType.DEALER));
        final Side server = curveServer(SocketType.ROUTER, new ZapSettings(zap, "d", "127.0.0.1", new byte[0], false),
            new StreamEngineConfig(SocketType.ROUTER));
        pump(client, server);
        assertTrue(server.engine.mechanism().awaitingZap());
        assertFalse(server.engine.isActive());
        assertTrue(server.engine.nextDeadlineNs() <= now + StreamEngine.ZAP_POLL_INTERVAL_NS,
            "the engine asks to be ticked to re-poll ZAP");
        int ticks = 0;
        while (!server.engine.isActive() && ticks++ < 10)
        {
            now += MS;
            assertTrue(server.engine.onTimer(now));
        }
        assertTrue(server.engine.isActive());
        assertEquals("client-1", server.engine.mechanism().userId());
        pump(client, server);
        assertTrue(client.engine.isActive());
        final int length = encode(client, "after zap");
        assertEquals(length, server.engine.onBytes(wire, 0, length, now));
        assertEquals("after zap", new String(server.listener.frames.get(0)));
    }

    @Test
    void zapRefusalSendsErrorAndFailsBothSides()
    {
        final SecurityTestZap zap = new SecurityTestZap("nobody", CurveKeys.generateKeyPair().publicKey());
        final Side client = curveClient(SocketType.DEALER, serverKeys.publicKey(),
            new StreamEngineConfig(SocketType.DEALER));
        final Side server = curveServer(SocketType.ROUTER, new ZapSettings(zap, "", "", new byte[0], false),
            new StreamEngineConfig(SocketType.ROUTER));
        pump(client, server);
        for (int i = 0; i < 10 && !server.engine.isFailed(); i++)
        {
            now += MS;
            server.engine.onTimer(now);
        }
        assertEquals(EngineFailure.HANDSHAKE_REFUSED, server.listener.failure);
        assertEquals(SecurityFailure.AUTHENTICATION_FAILED, server.engine.securityFailure());
        pump(client, server);
        assertEquals(EngineFailure.HANDSHAKE_REFUSED, client.listener.failure);
        assertEquals(SecurityFailure.PEER_ERROR, client.engine.securityFailure());
        assertTrue(client.listener.failureReason.contains("400"), client.listener.failureReason);
    }

    @Test
    void plainEnginesHandshakeWithZapAndExchangeClearMessages()
    {
        final SecurityTestZap zap = new SecurityTestZap("admin-id", "admin".getBytes(), "secret".getBytes());
        final Side client = new Side(new StreamEngineConfig(SocketType.REQ),
            PlainMechanism.client(new MechanismConfig(SocketType.REQ, null), "admin", "secret"));
        final Side server = new Side(new StreamEngineConfig(SocketType.REP),
            PlainMechanism.server(new MechanismConfig(SocketType.REP, null),
                new ZapSettings(zap, "", "", new byte[0], false)));
        pump(client, server);
        for (int i = 0; i < 10 && server.engine.mechanism().awaitingZap(); i++)
        {
            now += MS;
            server.engine.onBytes(wire, 0, 0, now); // bytes (here none) re-poll ZAP too
        }
        pump(client, server);
        assertTrue(client.engine.isActive() && server.engine.isActive());
        assertEquals("admin-id", server.engine.mechanism().userId());
        final int length = encode(client, "", "hi");
        assertTrue(indexOf(wire, length, "hi") >= 0, "PLAIN does not encrypt");
        assertEquals(length, server.engine.onBytes(wire, 0, length, now));
        assertArrayEquals("hi".getBytes(), server.listener.frames.get(1));
    }

    @Test
    void plainPasswordLongerThanTheFrameFailsTheServerCleanly()
    {
        final Side server = new Side(new StreamEngineConfig(SocketType.REP),
            PlainMechanism.server(new MechanismConfig(SocketType.REP, null), null));
        int length = greeting(wire, 0, Mechanism.PLAIN);
        final byte[] hello = "\u0005HELLO\u0005admin\u00f0short".getBytes(StandardCharsets.ISO_8859_1);
        length += FrameDescriptor.encodeFrame(wire, length, FrameDescriptor.FLAG_COMMAND, new UnsafeBuffer(hello), 0,
            hello.length);
        assertEquals(-1, server.engine.onBytes(wire, 0, length, now));
        assertEquals(EngineFailure.HANDSHAKE_REFUSED, server.listener.failure);
        assertEquals(SecurityFailure.MALFORMED_COMMAND, server.engine.securityFailure());
    }

    @Test
    void closeZeroesTheConnectionsKeys()
    {
        final Side[] sides = curvePair(SocketType.PAIR, SocketType.PAIR);
        sides[0].engine.close();
        assertEquals(SecurityFailure.CLOSED, sides[0].engine.securityFailure());
    }

    private static int greeting(final UnsafeBuffer buffer, final int offset, final Mechanism mechanism)
    {
        final UnsafeBuffer g = new UnsafeBuffer(new byte[GreetingDescriptor.LENGTH]);
        GreetingDescriptor.encode(g, 0, mechanism, false);
        buffer.putBytes(offset, g, 0, GreetingDescriptor.LENGTH);
        return GreetingDescriptor.LENGTH;
    }

    private static int indexOf(final UnsafeBuffer buffer, final int length, final String text)
    {
        final byte[] needle = text.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (buffer.getByte(i + j) != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static long bigEndian(final UnsafeBuffer buffer, final int offset)
    {
        return buffer.getLong(offset, ByteOrder.BIG_ENDIAN);
    }
}
