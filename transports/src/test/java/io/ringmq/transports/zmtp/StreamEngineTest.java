package io.ringmq.transports.zmtp;

import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.codecs.GreetingDescriptor;
import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.ZmtpVersion;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.NullMechanism;
import io.ringmq.crypto.SecurityMechanism;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two stream engines joined in memory, the clock driven by the test.
 */
class StreamEngineTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final UnsafeBuffer wire = new UnsafeBuffer(new byte[1 << 16]);
    private long now = 1_000 * MS;

    private final class Side
    {
        final RecordingListener listener = new RecordingListener();
        final StreamEngine engine;

        Side(final StreamEngineConfig config, final SecurityMechanism mechanism)
        {
            engine = new StreamEngine(config, mechanism, listener);
        }

        Side(final SocketType type, final byte[] routingId)
        {
            this(new StreamEngineConfig(type).routingId(routingId),
                new NullMechanism(new MechanismConfig(type, routingId)));
        }
    }

    /**
     * Moves control bytes both ways until neither side has anything to say.
     */
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

    private void sendMessage(final Side from, final Side to, final String... parts)
    {
        int length = 0;
        for (int i = 0; i < parts.length; i++)
        {
            final byte[] body = parts[i].getBytes(StandardCharsets.ISO_8859_1);
            length += from.engine.encodeFrame(wire, length, i < parts.length - 1 ? FrameDescriptor.FLAG_MORE : 0,
                new UnsafeBuffer(body), 0, body.length);
        }
        assertEquals(length, to.engine.onBytes(wire, 0, length, now));
    }

    private Side[] connected(final SocketType typeA, final SocketType typeB)
    {
        final Side a = new Side(typeA, "A".getBytes(StandardCharsets.US_ASCII));
        final Side b = new Side(typeB, "B".getBytes(StandardCharsets.US_ASCII));
        a.engine.start(now);
        b.engine.start(now);
        pump(a, b);
        return new Side[]{a, b};
    }

    @Test
    void dealerAndRouterHandshakeAndExchangeMultipartMessages()
    {
        final Side[] sides = connected(SocketType.DEALER, SocketType.ROUTER);
        final Side dealer = sides[0];
        final Side router = sides[1];
        assertTrue(dealer.listener.succeeded && router.listener.succeeded);
        assertEquals(ZmtpVersion.ZMTP_3_1, dealer.engine.version());
        assertEquals(SocketType.ROUTER, dealer.listener.peerType);
        assertEquals(SocketType.DEALER, router.listener.peerType);
        assertArrayEquals("A".getBytes(StandardCharsets.US_ASCII), router.listener.peerIdentity);

        sendMessage(dealer, router, "hello", "", "world");
        assertEquals(3, router.listener.frames.size());
        assertEquals("world", new String(router.listener.frames.get(2), StandardCharsets.ISO_8859_1));
        assertEquals(FrameDescriptor.FLAG_MORE, router.listener.frameFlags.get(1));
        assertEquals(0, router.listener.frameFlags.get(2));
    }

    @Test
    void incompatibleSocketTypesAreRefusedOnBothSides()
    {
        final Side[] sides = connected(SocketType.PUB, SocketType.PUSH);
        assertEquals(EngineFailure.HANDSHAKE_REFUSED, sides[0].listener.failure);
        assertEquals(EngineFailure.HANDSHAKE_REFUSED, sides[1].listener.failure);
        assertTrue(sides[0].listener.failureReason.contains("PUSH"), sides[0].listener.failureReason);
        assertFalse(sides[0].listener.succeeded);
    }

    @Test
    void mechanismMismatchIsRefused()
    {
        final Side side = new Side(SocketType.PAIR, null);
        side.engine.start(now);
        final UnsafeBuffer plainGreeting = new UnsafeBuffer(new byte[64]);
        GreetingDescriptor.encode(plainGreeting, 0, Mechanism.PLAIN, false);
        assertEquals(-1, side.engine.onBytes(plainGreeting, 0, 64, now));
        assertEquals(EngineFailure.MECHANISM_MISMATCH, side.listener.failure);
    }

    @Test
    void subscriptionsTravelAsCommandsBetween31PeersAndReachThePublisher()
    {
        final Side[] sides = connected(SocketType.SUB, SocketType.XPUB);
        final Side sub = sides[0];
        final Side xpub = sides[1];
        final UnsafeBuffer message = new UnsafeBuffer("\u0001news".getBytes(StandardCharsets.ISO_8859_1));
        final int length = sub.engine.encodeFrame(wire, 0, 0, message, 0, message.capacity());
        assertEquals(FrameDescriptor.FLAG_COMMAND, wire.getByte(0), "3.1 peers get a SUBSCRIBE command");
        xpub.engine.onBytes(wire, 0, length, now);
        assertEquals(1, xpub.listener.subscriptions.size());
        assertEquals("+news", xpub.listener.subscriptions.get(0));

        // A data-frame subscription (ZMTP 3.0 form, or XSUB's raw message) is accepted too.
        final int raw = FrameDescriptor.encodeFrame(wire, 0, 0,
            new UnsafeBuffer("\u0000news".getBytes(StandardCharsets.ISO_8859_1)), 0, 5);
        xpub.engine.onBytes(wire, 0, raw, now);
        assertEquals("-news", xpub.listener.subscriptions.get(1));
        assertTrue(xpub.listener.frames.isEmpty());
    }

    @Test
    void listenerBackPressureStopsDecodingAndTheRestIsConsumedLater()
    {
        final Side[] sides = connected(SocketType.PUSH, SocketType.PULL);
        int length = 0;
        for (int i = 0; i < 3; i++)
        {
            length += sides[0].engine.encodeFrame(wire, length, 0, new UnsafeBuffer(new byte[]{(byte)i}), 0, 1);
        }
        sides[1].listener.acceptMore = false;
        final int consumed = sides[1].engine.onBytes(wire, 0, length, now);
        assertEquals(3, consumed, "one frame taken, then stopped");
        sides[1].listener.acceptMore = true;
        assertEquals(length - consumed, sides[1].engine.onBytes(wire, consumed, length - consumed, now));
        assertEquals(3, sides[1].listener.frames.size());
    }

    @Test
    void handshakeDeadlineFailsAPeerThatNeverFinishes()
    {
        final Side side = new Side(new StreamEngineConfig(SocketType.REP).handshakeIvl(500 * MS),
            new NullMechanism(new MechanismConfig(SocketType.REP, null)));
        side.engine.start(now);
        final UnsafeBuffer halfGreeting = new UnsafeBuffer(new byte[64]);
        GreetingDescriptor.encode(halfGreeting, 0, Mechanism.NULL, false);
        side.engine.onBytes(halfGreeting, 0, 30, now);
        assertTrue(side.engine.onTimer(now + 499 * MS));
        assertFalse(side.engine.onTimer(now + 500 * MS));
        assertEquals(EngineFailure.HANDSHAKE_TIMEOUT, side.listener.failure);
    }

    @Test
    void heartbeatsPingAnsweredByPongAndSilenceTimesOut()
    {
        final Side a = new Side(new StreamEngineConfig(SocketType.DEALER).heartbeatIvl(100 * MS)
            .heartbeatTtl(1_000 * MS).heartbeatTimeout(300 * MS),
            new NullMechanism(new MechanismConfig(SocketType.DEALER, null)));
        final Side b = new Side(SocketType.DEALER, null);
        a.engine.start(now);
        b.engine.start(now);
        pump(a, b);
        assertTrue(a.engine.isActive());
        assertEquals(now + 100 * MS, a.engine.nextDeadlineNs());

        now += 100 * MS;
        assertTrue(a.engine.onTimer(now));
        assertTrue(a.engine.controlLength() > 0, "PING queued");
        pump(a, b); // b answers PONG, which clears a's heartbeat timeout
        now += 250 * MS;
        assertTrue(a.engine.onTimer(now), "traffic arrived within the timeout");

        // b heard a TTL of 1 s in the PING: silence from a beyond it fails b.
        assertTrue(b.engine.onTimer(now + 500 * MS));
        assertFalse(b.engine.onTimer(now + 1_001 * MS));
        assertEquals(EngineFailure.HEARTBEAT_TIMEOUT, b.listener.failure);

        // a sends another PING and hears nothing back: it fails after HEARTBEAT_TIMEOUT.
        now += 100 * MS;
        a.engine.onTimer(now);
        a.engine.drainControl(wire, 0, wire.capacity());
        assertFalse(a.engine.onTimer(now + 300 * MS));
        assertEquals(EngineFailure.HEARTBEAT_TIMEOUT, a.listener.failure);
    }

    @Test
    void zmtp20PeerGetsATwelveByteGreetingAndTheIdentityAsFirstMessage()
    {
        final Side engine = new Side(SocketType.DEALER, "me".getBytes(StandardCharsets.US_ASCII));
        engine.engine.start(now);
        // The scripted ZMTP 2.0 peer (libzmq 3.x): signature, revision 1, socket type ROUTER, identity "old".
        final UnsafeBuffer peer = new UnsafeBuffer(new byte[64]);
        peer.putByte(0, (byte)0xFF);
        peer.putByte(9, (byte)0x7F);
        peer.putByte(10, (byte)GreetingDescriptor.REVISION_2_0);
        peer.putByte(11, (byte)SocketType.ROUTER.number());
        int length = 12;
        length += FrameDescriptor.encodeFrame(peer, length, 0, new UnsafeBuffer("old".getBytes()), 0, 3);
        length += FrameDescriptor.encodeFrame(peer, length, 0, new UnsafeBuffer("msg".getBytes()), 0, 3);
        assertEquals(length, engine.engine.onBytes(peer, 0, length, now));

        final int sent = engine.engine.drainControl(wire, 0, wire.capacity());
        assertEquals(12 + 2 + 2, sent, "12-byte greeting, then the identity frame");
        assertEquals(3, wire.getByte(GreetingDescriptor.MAJOR_VERSION_OFFSET));
        assertEquals(SocketType.DEALER.number(), wire.getByte(GreetingDescriptor.V2_SOCKET_TYPE_OFFSET));
        assertEquals("me", wire.getStringWithoutLengthAscii(14, 2));
        assertEquals(ZmtpVersion.ZMTP_2_0, engine.listener.version);
        assertEquals(SocketType.ROUTER, engine.listener.peerType);
        assertArrayEquals("old".getBytes(), engine.listener.peerIdentity);
        assertEquals("msg", new String(engine.listener.frames.get(0)));
    }

    @Test
    void zmtp20PeerIsRefusedWhenSecurityIsInForce()
    {
        final Side engine = new Side(new StreamEngineConfig(SocketType.REP).securityInForce(true),
            new NullMechanism(new MechanismConfig(SocketType.REP, null)));
        engine.engine.start(now);
        final UnsafeBuffer peer = new UnsafeBuffer(new byte[12]);
        peer.putByte(0, (byte)0xFF);
        peer.putByte(9, (byte)0x7F);
        peer.putByte(10, (byte)GreetingDescriptor.REVISION_2_0);
        peer.putByte(11, (byte)SocketType.REQ.number());
        assertEquals(-1, engine.engine.onBytes(peer, 0, 12, now));
        assertEquals(EngineFailure.UNSUPPORTED_VERSION, engine.listener.failure);
    }

    @Test
    void garbageAfterTheHandshakeCostsTheConnectionWithATypedFailure()
    {
        final Side[] sides = connected(SocketType.PAIR, SocketType.PAIR);
        wire.putByte(0, (byte)0x80);
        wire.putByte(1, (byte)0);
        assertEquals(-1, sides[1].engine.onBytes(wire, 0, 2, now));
        assertEquals(EngineFailure.PROTOCOL, sides[1].listener.failure);
        assertNull(sides[0].listener.failure);
    }

    @Test
    void zmtp10PeerIsRefused()
    {
        final Side engine = new Side(SocketType.PAIR, null);
        engine.engine.start(now);
        wire.putBytes(0, new byte[]{4, 0, 'a', 'b', 'c'});
        assertEquals(-1, engine.engine.onBytes(wire, 0, 5, now));
        assertEquals(EngineFailure.UNSUPPORTED_VERSION, engine.listener.failure);
    }

}
