package io.ringmq.engine;

import io.ringmq.interop.LibzmqPeer;
import io.ringmq.transports.TransportEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sockets against libzmq beyond the pair matrix (32 MiB messages, reconnection with subscriptions re-sent,
 * caller-runs mode) and against JeroMQ 0.6.0 in the same JVM as a real ZMTP 3.0 peer.
 */
@Timeout(90)
@ExtendWith(LibzmqPeerExtension.class)
class PeerInteropTest
{
    private Context context;
    private LibzmqPeers peers;
    private LibzmqPeer peer;

    @BeforeEach
    void start(final LibzmqPeers peers)
    {
        context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
        this.peers = peers;
        peer = peers.start();
    }

    @AfterEach
    void stop()
    {
        context.close(); // then the extension stops the peers
    }

    @Test
    void thirtyTwoMebibyteMessagesBothWays()
    {
        try (Socket pair = context.socket(SocketType.PAIR))
        {
            pair.setOption(SocketOption.RCVTIMEO, 30_000);
            pair.bind("tcp://127.0.0.1:*");
            peer.socket("p", "PAIR");
            peer.connect("p", pair.lastEndpoint());
            final byte[] big = new byte[32 << 20];
            new Random(32).nextBytes(big);
            assertTrue(pair.send(big));
            assertArrayEquals(big, peer.recv("p", 30_000).get(0));
            peer.send("p", big);
            assertArrayEquals(big, pair.recv());
        }
    }

    @Test
    void maxMsgSizeCostsTheConnectionOfAnOversizedMessage() throws Exception
    {
        final BlockingQueue<Integer> events = new LinkedBlockingQueue<>();
        try (Socket pull = context.socket(SocketType.PULL))
        {
            pull.setOption(SocketOption.MAXMSGSIZE, 1024L);
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.monitor((MonitorEvent.Listener)(event, value, endpoint) -> events.add(event), MonitorEvent.ALL);
            pull.bind("tcp://127.0.0.1:*");
            peer.socket("big", "PUSH");
            peer.connect("big", pull.lastEndpoint());
            peer.socket("small", "PUSH");
            peer.connect("small", pull.lastEndpoint());
            peer.send("big", new byte[1025]);
            Integer event;
            do
            {
                event = events.poll(10, TimeUnit.SECONDS);
                assertNotNull(event, "no disconnection for the oversized message");
            }
            while (event != TransportEvent.HANDSHAKE_FAILED_PROTOCOL && event != TransportEvent.DISCONNECTED);
            peer.send("small", new byte[1024]);
            assertEquals(1024, pull.recv().length, "the other peer is unaffected");
        }
    }

    @Test
    void subscriberReconnectsAndResubscribesAfterThePublisherIsKilled()
    {
        peer.socket("pub", "PUB");
        final String endpoint = peer.bind("pub", "tcp://127.0.0.1:0");
        try (Socket sub = context.socket(SocketType.SUB))
        {
            sub.setOption(SocketOption.SUBSCRIBE, bytes("t"));
            sub.setOption(SocketOption.RCVTIMEO, 50);
            sub.connect(endpoint);
            assertEquals("t 1", untilReceived(sub, "t 1"));

            peer.close();
            peer = peers.start();
            peer.socket("pub", "PUB");
            assertEquals(endpoint, peer.bind("pub", endpoint));
            assertEquals("t 2", untilReceived(sub, "t 2"), "subscription re-sent to the restarted publisher");
        }
    }

    @Test
    void callerRunsModeTalksToLibzmqWithoutIoThreads()
    {
        try (Context callerRuns = Context.builder().ioThreads(0).idleStrategy(WaitStrategy.BLOCK).build();
             Socket rep = callerRuns.socket(SocketType.REP))
        {
            final int threadsBefore = Thread.activeCount();
            rep.setOption(SocketOption.RCVTIMEO, 10_000);
            rep.bind("tcp://127.0.0.1:*");
            peer.socket("req", "REQ");
            peer.connect("req", rep.lastEndpoint());
            for (int i = 0; i < 20; i++)
            {
                peer.send("req", bytes("ping " + i));
                assertEquals("ping " + i, rep.recvString());
                assertTrue(rep.send("pong " + i));
                assertArrayEquals(bytes("pong " + i), peer.recv("req", 10_000).get(0));
            }
            assertTrue(Thread.activeCount() <= threadsBefore, "caller-runs starts no thread");
        }
    }

    /**
     * JeroMQ 0.6.0 now and then (a few connections in a hundred) never sends its greeting on a fresh connection.
     * A short HANDSHAKE_IVL makes ringmq drop such a connection and the connecting side try again, which is what
     * the option is for; with libzmq's default of 30 s the receive below would time out first.
     */
    @Test
    void jeromqAsZmtp30PeerForPubSubReqRepAndPushPull()
    {
        try (ZContext jeromq = new ZContext(1))
        {
            // PUB/SUB: subscriptions travel to a 3.0 peer as messages.
            final ZMQ.Socket pub = jeromq.createSocket(org.zeromq.SocketType.PUB);
            final int pubPort = pub.bindToRandomPort("tcp://127.0.0.1");
            try (Socket sub = context.socket(SocketType.SUB))
            {
                sub.setOption(SocketOption.HANDSHAKE_IVL, 1_000); // see the method note
                sub.setOption(SocketOption.SUBSCRIBE, bytes("j"));
                sub.setOption(SocketOption.RCVTIMEO, 50);
                sub.connect("tcp://127.0.0.1:" + pubPort);
                String got = null;
                for (int i = 0; i < 200 && got == null; i++)
                {
                    pub.send("x no");
                    pub.send("j yes");
                    got = sub.recvString();
                }
                assertEquals("j yes", got);
            }

            // REQ (ringmq) to REP (JeroMQ).
            final ZMQ.Socket rep = jeromq.createSocket(org.zeromq.SocketType.REP);
            rep.setReceiveTimeOut(10_000);
            final int repPort = rep.bindToRandomPort("tcp://127.0.0.1");
            try (Socket req = context.socket(SocketType.REQ))
            {
                req.setOption(SocketOption.HANDSHAKE_IVL, 1_000); // see the method note
                req.setOption(SocketOption.RCVTIMEO, 10_000);
                req.connect("tcp://127.0.0.1:" + repPort);
                assertTrue(req.send("hello"));
                assertEquals("hello", rep.recvStr());
                rep.send("world");
                assertEquals("world", req.recvString());
            }

            // PUSH (JeroMQ) to PULL (ringmq), multipart.
            try (Socket pull = context.socket(SocketType.PULL))
            {
                pull.setOption(SocketOption.HANDSHAKE_IVL, 1_000); // see the method note
                pull.setOption(SocketOption.RCVTIMEO, 3_000);
                pull.bind("tcp://127.0.0.1:*");
                // A JeroMQ connector whose greeting never comes does not reconnect after ringmq drops it: try
                // again with a fresh JeroMQ socket, a few times at most.
                String first = null;
                for (int attempt = 0; attempt < 5 && first == null; attempt++)
                {
                    final ZMQ.Socket push = jeromq.createSocket(org.zeromq.SocketType.PUSH);
                    push.connect(pull.lastEndpoint());
                    push.sendMore("a");
                    push.sendMore("");
                    push.send(new byte[]{0, 1, 2});
                    first = pull.recvString();
                    if (first == null)
                    {
                        jeromq.destroySocket(push);
                    }
                }
                assertEquals("a", first);
                assertTrue(pull.hasMore());
                assertEquals(0, pull.recv().length);
                assertArrayEquals(new byte[]{0, 1, 2}, pull.recv());
            }
        }
    }

    private String untilReceived(final Socket sub, final String message)
    {
        for (int i = 0; i < 400; i++)
        {
            try
            {
                peer.send("pub", bytes(message));
            }
            catch (final AssertionError ignore)
            {
                // the peer may be restarting
            }
            final String got = sub.recvString();
            if (got != null)
            {
                return got;
            }
        }
        return null;
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

}
