package io.ringmq.transports.zmtp;

import io.ringmq.codecs.SocketType;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.PlainMechanism;
import io.ringmq.crypto.SecurityFailure;
import io.ringmq.crypto.ZapSettings;
import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

import static io.ringmq.transports.zmtp.CurveInteropTest.bytes;
import static io.ringmq.transports.zmtp.CurveInteropTest.connect;
import static io.ringmq.transports.zmtp.CurveInteropTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PLAIN through the stream engine against libzmq 4.3 in both roles, with ringmq's ZAP deciding for libzmq clients
 * and libzmq's ZAP deciding for ringmq clients.
 */
@Timeout(60)
class PlainInteropTest
{
    private LibzmqPeer peer;

    @BeforeEach
    void startPeer()
    {
        peer = LibzmqPeer.start();
    }

    @AfterEach
    void stopPeer()
    {
        peer.close();
    }

    @Test
    void ringmqPlainClientTalksToLibzmqPlainServer() throws IOException
    {
        peer.command("zap 200 admin-id");
        peer.socket("r", "ROUTER");
        peer.command("opt r PLAIN_SERVER 1");
        final String endpoint = peer.bind("r", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection dealer = connect(endpoint, SocketType.DEALER,
            PlainMechanism.client(new MechanismConfig(SocketType.DEALER, bytes("d")), "admin", "secret")))
        {
            assertTrue(dealer.handshake(), () -> "handshake failed: " + dealer.listener.failureReason);
            assertEquals(SocketType.ROUTER, dealer.listener.peerType);
            dealer.send(bytes("a"), bytes("b"));
            final List<byte[]> atRouter = peer.recv("r", 10_000);
            assertArrayEquals(bytes("d"), atRouter.get(0));
            assertArrayEquals(bytes("a"), atRouter.get(1));
            assertArrayEquals(bytes("b"), atRouter.get(2));
            peer.send("r", bytes("d"), bytes("back"));
            assertArrayEquals(bytes("back"), dealer.receive().get(0));
        }
        assertTrue(peer.command("zaplog").contains("PLAIN:" + hex(bytes("admin")) + hex(bytes("secret"))));
    }

    @Test
    void libzmqZapRefusesRingmqPlainClient() throws IOException
    {
        peer.command("zap 400");
        peer.socket("r", "ROUTER");
        peer.command("opt r PLAIN_SERVER 1");
        final String endpoint = peer.bind("r", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection dealer = connect(endpoint, SocketType.DEALER,
            PlainMechanism.client(new MechanismConfig(SocketType.DEALER, null), "admin", "wrong")))
        {
            assertFalse(dealer.handshake());
            assertEquals(EngineFailure.HANDSHAKE_REFUSED, dealer.listener.failure);
            assertEquals(SecurityFailure.PEER_ERROR, dealer.engine.securityFailure(),
                () -> dealer.listener.failureReason);
        }
    }

    @Test
    void libzmqPlainClientIsAcceptedByRingmqZap() throws IOException
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("q", "REQ");
            peer.command("opt q PLAIN_USERNAME admin");
            peer.command("opt q PLAIN_PASSWORD secret");
            peer.connect("q", "tcp://127.0.0.1:" + listener.socket().getLocalPort());
            final SecurityTestZap zap = new SecurityTestZap("admin-id", bytes("admin"), bytes("secret"));
            final PlainMechanism mechanism = PlainMechanism.server(new MechanismConfig(SocketType.REP, null),
                new ZapSettings(zap, "test", "127.0.0.1", new byte[0], false));
            try (BlockingEngineConnection rep = BlockingEngineConnection.secured(listener.accept(), SocketType.REP,
                mechanism))
            {
                assertTrue(rep.handshake(), () -> "handshake failed: " + rep.listener.failureReason);
                assertEquals("admin-id", rep.engine.mechanism().userId());
                assertEquals("PLAIN", new String(zap.requests.get(0)[5]));
                assertEquals("test", new String(zap.requests.get(0)[2]));
                peer.send("q", bytes("question"));
                final List<byte[]> request = rep.receive();
                assertArrayEquals(bytes("question"), request.get(1));
                rep.send(new byte[0], bytes("answer"));
                assertArrayEquals(bytes("answer"), peer.recv("q", 10_000).get(0));
            }
        }
    }

    @Test
    void libzmqPlainClientWithAWrongPasswordIsRefusedByRingmqZap() throws IOException
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("q", "DEALER");
            peer.command("opt q PLAIN_USERNAME admin");
            peer.command("opt q PLAIN_PASSWORD guess");
            peer.connect("q", "tcp://127.0.0.1:" + listener.socket().getLocalPort());
            final SecurityTestZap zap = new SecurityTestZap("admin-id", bytes("admin"), bytes("secret"));
            try (BlockingEngineConnection router = BlockingEngineConnection.secured(
                listener.accept(), SocketType.ROUTER,
                PlainMechanism.server(new MechanismConfig(SocketType.ROUTER, null),
                    new ZapSettings(zap, "", "127.0.0.1", new byte[0], false))))
            {
                assertFalse(router.handshake());
                assertEquals(EngineFailure.HANDSHAKE_REFUSED, router.listener.failure);
                assertEquals(SecurityFailure.AUTHENTICATION_FAILED, router.engine.securityFailure());
                assertNull(router.engine.mechanism().userId());
            }
        }
    }
}
