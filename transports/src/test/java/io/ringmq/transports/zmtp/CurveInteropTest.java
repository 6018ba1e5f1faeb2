package io.ringmq.transports.zmtp;

import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.Z85;
import io.ringmq.crypto.CookieKeyring;
import io.ringmq.crypto.CurveKeys;
import io.ringmq.crypto.CurveMechanism;
import io.ringmq.crypto.MechanismConfig;
import io.ringmq.crypto.SecurityFailure;
import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ringmq's CURVE through the stream engine against libzmq 4.3's (libsodium), both roles, keys made by either
 * side, and the failures a wrong key or a NULL peer must cause.
 */
@Timeout(60)
class CurveInteropTest
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
    void ringmqClientWithItsOwnKeysTalksToLibzmqServerWithRingmqMadeKeys() throws IOException
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final CurveKeys.KeyPair client = CurveKeys.generateKeyPair();
        peer.socket("r", "ROUTER");
        peer.command("opt r CURVE_SERVER 1");
        peer.command("opt r CURVE_SECRETKEY 0x" + hex(server.secretKey()));
        final String endpoint = peer.bind("r", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection dealer = connect(endpoint, SocketType.DEALER,
            CurveMechanism.client(new MechanismConfig(SocketType.DEALER, bytes("d-1")), server.publicKey(),
                client.publicKey(), client.secretKey())))
        {
            assertTrue(dealer.handshake(), () -> "handshake failed: " + dealer.listener.failureReason);
            assertEquals(SocketType.ROUTER, dealer.listener.peerType);

            dealer.send(bytes("ping"), new byte[0], bytes("x"));
            final List<byte[]> atRouter = peer.recv("r", 10_000);
            assertNotNull(atRouter);
            assertArrayEquals(bytes("d-1"), atRouter.get(0));
            assertArrayEquals(bytes("ping"), atRouter.get(1));
            assertArrayEquals(new byte[0], atRouter.get(2));
            assertArrayEquals(bytes("x"), atRouter.get(3));

            final byte[] big = new byte[100_000];
            new Random(5).nextBytes(big);
            peer.send("r", bytes("d-1"), bytes("pong"), big);
            final List<byte[]> back = dealer.receive();
            assertArrayEquals(bytes("pong"), back.get(0));
            assertArrayEquals(big, back.get(1));
            for (int i = 0; i < 20; i++)
            {
                dealer.send(bytes("n" + i));
                assertArrayEquals(bytes("n" + i), peer.recv("r", 10_000).get(1));
            }
        }
    }

    @Test
    void libzmqClientWithLibzmqMadeKeysTalksToRingmqServer() throws IOException
    {
        final String[] serverPair = peer.command("keypair").split(" ");
        final String[] clientPair = peer.command("keypair").split(" ");
        // libzmq's keys, used by ringmq: the server's secret key from libzmq's Z85, public derived here.
        final byte[] serverSecret = CurveKeys.fromZ85(serverPair[2]);
        assertArrayEquals(CurveKeys.fromZ85(serverPair[1]), CurveKeys.publicFromSecret(serverSecret));
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("q", "REQ");
            peer.command("opt q CURVE_SERVERKEY " + serverPair[1]);
            peer.command("opt q CURVE_PUBLICKEY " + clientPair[1]);
            peer.command("opt q CURVE_SECRETKEY " + clientPair[2]);
            peer.connect("q", "tcp://127.0.0.1:" + listener.socket().getLocalPort());
            final CurveMechanism mechanism = CurveMechanism.server(new MechanismConfig(SocketType.REP, null),
                CurveKeys.publicFromSecret(serverSecret), serverSecret, new CookieKeyring(), null);
            try (BlockingEngineConnection rep = BlockingEngineConnection.secured(listener.accept(), SocketType.REP,
                mechanism))
            {
                assertTrue(rep.handshake(), () -> "handshake failed: " + rep.listener.failureReason);
                assertEquals(SocketType.REQ, rep.listener.peerType);
                peer.send("q", bytes("question"));
                final List<byte[]> request = rep.receive();
                assertEquals(2, request.size());
                assertEquals(0, request.get(0).length);
                assertArrayEquals(bytes("question"), request.get(1));
                rep.send(new byte[0], bytes("answer"));
                assertArrayEquals(bytes("answer"), peer.recv("q", 10_000).get(0));
                // The vouch proved the client's long-term key: the one libzmq generated.
                assertEquals(clientPair[1], Z85.encode(mechanism.clientPublicKey()));
            }
        }
    }

    @Test
    void fourMebibyteMessagesBothWaysUnderCurve() throws IOException
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final CurveKeys.KeyPair client = CurveKeys.generateKeyPair();
        peer.socket("p", "PAIR");
        peer.command("opt p CURVE_SERVER 1");
        peer.command("opt p CURVE_SECRETKEY " + server.secretKeyZ85());
        final String endpoint = peer.bind("p", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection pair = connect(endpoint, SocketType.PAIR,
            CurveMechanism.client(new MechanismConfig(SocketType.PAIR, null), server.publicKey(),
                client.publicKey(), client.secretKey())))
        {
            assertTrue(pair.handshake(), () -> "handshake failed: " + pair.listener.failureReason);
            final byte[] big = new byte[4 << 20];
            new Random(4).nextBytes(big);
            pair.send(big, bytes("tail"));
            final List<byte[]> atPeer = peer.recv("p", 30_000);
            assertArrayEquals(big, atPeer.get(0));
            assertArrayEquals(bytes("tail"), atPeer.get(1));
            peer.send("p", bytes("head"), big);
            final List<byte[]> back = pair.receive();
            assertArrayEquals(bytes("head"), back.get(0));
            assertArrayEquals(big, back.get(1));
        }
    }

    @Test
    void subscriptionsAndHeartbeatsTravelEncrypted() throws IOException
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final CurveKeys.KeyPair client = CurveKeys.generateKeyPair();
        peer.socket("x", "XPUB");
        peer.command("opt x CURVE_SERVER 1");
        peer.command("opt x CURVE_SECRETKEY " + server.secretKeyZ85());
        peer.command("opt x HEARTBEAT_IVL 100");
        final String endpoint = peer.bind("x", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection sub = connect(endpoint, SocketType.SUB,
            CurveMechanism.client(new MechanismConfig(SocketType.SUB, null), server.publicKey(), client.publicKey(),
                client.secretKey())))
        {
            assertTrue(sub.handshake(), () -> "handshake failed: " + sub.listener.failureReason);
            sub.send(bytes("\u0001quotes"));
            assertArrayEquals(bytes("\u0001quotes"), peer.recv("x", 10_000).get(0));
            peer.send("x", bytes("quotes 42"));
            assertArrayEquals(bytes("quotes 42"), sub.receive().get(0));
            // libzmq PINGs every 100 ms inside MESSAGE; our PONGs go back encrypted; the link stays up.
            final long until = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < until)
            {
                peer.send("x", bytes("quotes tick"));
                assertArrayEquals(bytes("quotes tick"), sub.receive().get(0));
            }
            assertFalse(sub.engine.isFailed(), () -> String.valueOf(sub.listener.failureReason));
            sub.send(bytes("\u0000quotes"));
            assertArrayEquals(bytes("\u0000quotes"), peer.recv("x", 10_000).get(0));
        }
    }

    @Test
    void wrongServerKeyFailsTheHandshake() throws IOException
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final CurveKeys.KeyPair client = CurveKeys.generateKeyPair();
        peer.socket("r", "ROUTER");
        peer.command("opt r CURVE_SERVER 1");
        peer.command("opt r CURVE_SECRETKEY 0x" + hex(server.secretKey()));
        final String endpoint = peer.bind("r", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection dealer = connect(endpoint, SocketType.DEALER,
            CurveMechanism.client(new MechanismConfig(SocketType.DEALER, null),
                CurveKeys.generateKeyPair().publicKey(), client.publicKey(), client.secretKey())))
        {
            assertFalse(dealer.handshake());
            assertFalse(dealer.listener.succeeded);
        }
    }

    @Test
    void libzmqClientWithTheWrongServerKeyIsRefused() throws IOException
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final String[] clientPair = peer.command("keypair").split(" ");
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("q", "DEALER");
            peer.command("opt q CURVE_SERVERKEY " + CurveKeys.generateKeyPair().publicKeyZ85());
            peer.command("opt q CURVE_PUBLICKEY " + clientPair[1]);
            peer.command("opt q CURVE_SECRETKEY " + clientPair[2]);
            peer.connect("q", "tcp://127.0.0.1:" + listener.socket().getLocalPort());
            try (BlockingEngineConnection router = BlockingEngineConnection.secured(
                listener.accept(), SocketType.ROUTER,
                CurveMechanism.server(new MechanismConfig(SocketType.ROUTER, null), server.publicKey(),
                    server.secretKey(), new CookieKeyring(), null)))
            {
                assertFalse(router.handshake());
                assertEquals(EngineFailure.HANDSHAKE_REFUSED, router.listener.failure);
                assertEquals(SecurityFailure.BAD_BOX, router.engine.securityFailure());
            }
        }
    }

    @Test
    void libzmqNullClientAgainstRingmqCurveServerIsAMechanismMismatch() throws IOException
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("q", "DEALER");
            peer.connect("q", "tcp://127.0.0.1:" + listener.socket().getLocalPort());
            try (BlockingEngineConnection router = BlockingEngineConnection.secured(
                listener.accept(), SocketType.ROUTER,
                CurveMechanism.server(new MechanismConfig(SocketType.ROUTER, null), server.publicKey(),
                    server.secretKey(), new CookieKeyring(), null)))
            {
                assertFalse(router.handshake());
                assertEquals(EngineFailure.MECHANISM_MISMATCH, router.listener.failure);
            }
        }
    }

    @Test
    void libzmqPlainClientAgainstRingmqCurveServerIsAMechanismMismatch() throws IOException
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("q", "DEALER");
            peer.command("opt q PLAIN_USERNAME admin");
            peer.command("opt q PLAIN_PASSWORD secret");
            peer.connect("q", "tcp://127.0.0.1:" + listener.socket().getLocalPort());
            try (BlockingEngineConnection router = BlockingEngineConnection.secured(
                listener.accept(), SocketType.ROUTER,
                CurveMechanism.server(new MechanismConfig(SocketType.ROUTER, null), server.publicKey(),
                    server.secretKey(), new CookieKeyring(), null)))
            {
                assertFalse(router.handshake());
                assertEquals(EngineFailure.MECHANISM_MISMATCH, router.listener.failure);
            }
        }
    }

    @Test
    void libzmqZapHandlerDecidesForItsServerWithRingmqClients() throws IOException
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final CurveKeys.KeyPair client = CurveKeys.generateKeyPair();
        peer.command("zap 400");
        peer.socket("r", "ROUTER");
        peer.command("opt r CURVE_SERVER 1");
        peer.command("opt r CURVE_SECRETKEY 0x" + hex(server.secretKey()));
        final String endpoint = peer.bind("r", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection dealer = connect(endpoint, SocketType.DEALER,
            CurveMechanism.client(new MechanismConfig(SocketType.DEALER, null), server.publicKey(),
                client.publicKey(), client.secretKey())))
        {
            assertFalse(dealer.handshake());
            assertEquals(EngineFailure.HANDSHAKE_REFUSED, dealer.listener.failure);
            assertEquals(SecurityFailure.PEER_ERROR, dealer.engine.securityFailure());
            assertTrue(dealer.listener.failureReason.contains("400"), dealer.listener.failureReason);
        }
        assertTrue(peer.command("zaplog").contains("CURVE:" + hex(client.publicKey())));
        assertNull(peer.recv("r", 100));
    }

    static BlockingEngineConnection connect(
        final String endpoint, final SocketType type, final io.ringmq.crypto.SecurityMechanism mechanism)
        throws IOException
    {
        final URI uri = URI.create(endpoint);
        return BlockingEngineConnection.secured(
            SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort())), type, mechanism);
    }

    static String hex(final byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
