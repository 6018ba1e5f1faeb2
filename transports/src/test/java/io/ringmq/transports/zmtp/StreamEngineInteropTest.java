package io.ringmq.transports.zmtp;

import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.ZmtpVersion;
import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream engine against libzmq 4.3 (ZMTP 3.1) and JeroMQ 0.6.0 (ZMTP 3.0), in both directions of
 * connection.
 */
@Timeout(60)
class StreamEngineInteropTest
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
    void ringmqDealerConnectsToLibzmqRouter() throws IOException
    {
        peer.socket("r", "ROUTER");
        final String endpoint = peer.bind("r", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection dealer = connect(endpoint, SocketType.DEALER, bytes("d-1")))
        {
            assertTrue(dealer.handshake(), () -> "handshake failed: " + dealer.listener.failureReason);
            assertEquals(ZmtpVersion.ZMTP_3_1, dealer.listener.version);
            assertEquals(SocketType.ROUTER, dealer.listener.peerType);

            dealer.send(bytes("ping"), new byte[0], bytes("x"));
            final List<byte[]> atRouter = peer.recv("r", 10_000);
            assertNotNull(atRouter);
            assertArrayEquals(bytes("d-1"), atRouter.get(0));
            assertArrayEquals(bytes("ping"), atRouter.get(1));
            assertArrayEquals(new byte[0], atRouter.get(2));
            assertArrayEquals(bytes("x"), atRouter.get(3));

            peer.send("r", bytes("d-1"), bytes("pong"));
            assertArrayEquals(bytes("pong"), dealer.receive().get(0));
        }
    }

    @Test
    void libzmqReqConnectsToRingmqRep() throws IOException
    {
        try (ServerSocketChannel server = ServerSocketChannel.open())
        {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("q", "REQ");
            peer.connect("q", "tcp://127.0.0.1:" + server.socket().getLocalPort());
            try (BlockingEngineConnection rep = new BlockingEngineConnection(server.accept(), SocketType.REP, null))
            {
                assertTrue(rep.handshake(), () -> "handshake failed: " + rep.listener.failureReason);
                assertEquals(SocketType.REQ, rep.listener.peerType);
                peer.send("q", bytes("question"));
                final List<byte[]> request = rep.receive();
                assertEquals(2, request.size(), "REQ puts an empty delimiter before the body");
                assertEquals(0, request.get(0).length);
                assertArrayEquals(bytes("question"), request.get(1));

                rep.send(new byte[0], bytes("answer"));
                assertArrayEquals(bytes("answer"), peer.recv("q", 10_000).get(0));
            }
        }
    }

    @Test
    void libzmqSubscriptionsReachRingmqPublisherAndMessagesFlowBack() throws IOException
    {
        try (ServerSocketChannel server = ServerSocketChannel.open())
        {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("s", "SUB");
            peer.command("opt s SUBSCRIBE weather");
            peer.connect("s", "tcp://127.0.0.1:" + server.socket().getLocalPort());
            try (BlockingEngineConnection pub = new BlockingEngineConnection(server.accept(), SocketType.XPUB, null))
            {
                assertTrue(pub.handshake());
                while (pub.listener.subscriptions.isEmpty())
                {
                    assertTrue(pub.readOnce());
                }
                assertEquals("+weather", pub.listener.subscriptions.get(0));
                pub.send(bytes("weather sunny"));
                assertArrayEquals(bytes("weather sunny"), peer.recv("s", 10_000).get(0));
            }
        }
    }

    @Test
    void ringmqSubscriptionReachesLibzmqXpubAsACommand() throws IOException
    {
        peer.socket("x", "XPUB");
        final String endpoint = peer.bind("x", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection sub = connect(endpoint, SocketType.SUB, null))
        {
            assertTrue(sub.handshake());
            sub.send(bytes("\u0001quotes"));
            assertArrayEquals(bytes("\u0001quotes"), peer.recv("x", 10_000).get(0));
            peer.send("x", bytes("quotes 42"));
            assertArrayEquals(bytes("quotes 42"), sub.receive().get(0));
            sub.send(bytes("\u0000quotes"));
            assertArrayEquals(bytes("\u0000quotes"), peer.recv("x", 10_000).get(0));
        }
    }

    @Test
    void incompatibleLibzmqPeerIsRefused() throws IOException
    {
        try (ServerSocketChannel server = ServerSocketChannel.open())
        {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            peer.socket("p", "PUSH");
            peer.connect("p", "tcp://127.0.0.1:" + server.socket().getLocalPort());
            try (BlockingEngineConnection pub = new BlockingEngineConnection(server.accept(), SocketType.PUB, null))
            {
                // Both sides refuse; whichever reads the other's READY first closes, so ours sees either
                // libzmq's READY (and refuses it) or libzmq's close. Never a working connection.
                assertFalse(pub.handshake());
                assertFalse(pub.listener.succeeded);
                if (pub.listener.failure != null)
                {
                    assertEquals(EngineFailure.HANDSHAKE_REFUSED, pub.listener.failure);
                    assertTrue(pub.listener.failureReason.contains("PUSH"), pub.listener.failureReason);
                }
            }
        }
    }

    @Test
    void thirtyTwoMebibyteMessagesBothWays() throws IOException
    {
        peer.socket("p", "PAIR");
        final String endpoint = peer.bind("p", "tcp://127.0.0.1:0");
        try (BlockingEngineConnection pair = connect(endpoint, SocketType.PAIR, null))
        {
            assertTrue(pair.handshake());
            final byte[] big = new byte[32 << 20];
            new Random(32).nextBytes(big);
            pair.send(big);
            final List<byte[]> atPeer = peer.recv("p", 30_000);
            assertArrayEquals(big, atPeer.get(0));
            peer.send("p", big, bytes("end"));
            final List<byte[]> back = pair.receive();
            assertArrayEquals(big, back.get(0));
            assertArrayEquals(bytes("end"), back.get(1));
        }
    }

    @Test
    void jeromqIsAZmtp30PeerWithSubscriptionsAsMessages() throws Exception
    {
        try (ZContext context = new ZContext(1))
        {
            final ZMQ.Socket pub = context.createSocket(org.zeromq.SocketType.XPUB);
            final int port = pub.bindToRandomPort("tcp://127.0.0.1");
            try (BlockingEngineConnection sub = connect("tcp://127.0.0.1:" + port, SocketType.SUB, null))
            {
                assertTrue(sub.handshake());
                assertEquals(ZmtpVersion.ZMTP_3_0, sub.listener.version);
                sub.send(bytes("\u0001tick"));
                pub.setReceiveTimeOut(10_000);
                assertArrayEquals(bytes("\u0001tick"), pub.recv(), "a 3.0 peer gets the subscription as a message");
                pub.send("tick 1");
                assertArrayEquals(bytes("tick 1"), sub.receive().get(0));
            }
        }
    }

    private static BlockingEngineConnection connect(final String endpoint, final SocketType type, final byte[] id)
        throws IOException
    {
        final URI uri = URI.create(endpoint);
        return new BlockingEngineConnection(
            SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort())), type, id);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
