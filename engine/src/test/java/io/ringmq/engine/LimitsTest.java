package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits against hostile load (ringmq extensions; unset, libzmq's behaviour): each refusal costs the refused
 * connection or subscription only, raises a LIMIT_REFUSED monitor event whose value names the limit, and is
 * counted ({@link Socket#limitRefusals}); legitimate peers are served once the load is gone.
 */
@Timeout(60)
class LimitsTest
{
    private final List<long[]> events = new CopyOnWriteArrayList<>();
    private Context context;

    @BeforeEach
    void start()
    {
        context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
    }

    @AfterEach
    void stop()
    {
        context.close();
    }

    private Socket server(final SocketType type)
    {
        final Socket server = context.socket(type);
        server.setOption(SocketOption.RCVTIMEO, 10_000);
        server.monitor((event, value, endpoint) -> events.add(new long[]{event, value}), MonitorEvent.ALL);
        return server;
    }

    private void roundTrip(final Socket server, final String endpoint) throws Exception
    {
        try (Socket client = context.socket(SocketType.REQ))
        {
            client.setOption(SocketOption.RCVTIMEO, 10_000);
            client.setOption(SocketOption.LINGER, 0);
            client.connect(endpoint);
            assertTrue(client.send("ping"));
            assertEquals("ping", server.recvString());
            assertTrue(server.send("pong"));
            assertEquals("pong", client.recvString());
        }
    }

    private long refusalEvents(final int limit)
    {
        return events.stream().filter(e -> e[0] == MonitorEvent.LIMIT_REFUSED && e[1] == limit).count();
    }

    @Test
    void maxConnectionsRefusesTheOneTooManyAndServesAgainOnceOneCloses() throws Exception
    {
        final Socket server = server(SocketType.REP);
        server.setOption(SocketOption.MAX_CONNECTIONS, 3);
        server.bind("tcp://127.0.0.1:*");
        final String endpoint = server.lastEndpoint();
        final List<RawPeer> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final RawPeer peer = RawPeer.connect(endpoint);
            peer.write(RawPeer.nullGreeting());
            admitted.add(peer);
        }
        for (final RawPeer peer : admitted)
        {
            assertFalse(peer.closedByPeerWithin(200), "within the limit: kept");
        }
        for (int i = 0; i < 2; i++)
        {
            try (RawPeer refused = RawPeer.connect(endpoint))
            {
                assertTrue(refused.closedByPeerWithin(10_000), "over the limit: closed at once");
            }
        }
        assertEquals(2, server.limitRefusals(MonitorEvent.LIMIT_CONNECTIONS));
        assertEquals(2, refusalEvents(MonitorEvent.LIMIT_CONNECTIONS));
        admitted.remove(0).close();
        // The closed one's slot is free again: a legitimate peer gets it (the others still hold theirs).
        awaitSlotFreed(server, endpoint);
        for (final RawPeer peer : admitted)
        {
            peer.close();
        }
    }

    private void awaitSlotFreed(final Socket server, final String endpoint) throws Exception
    {
        // The agent sees the close on its next duty cycle; until then a new connection may still be refused.
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final long refusedBefore = server.limitRefusals(MonitorEvent.LIMIT_CONNECTIONS);
            try (RawPeer probe = RawPeer.connect(endpoint))
            {
                if (!probe.closedByPeerWithin(100) &&
                    server.limitRefusals(MonitorEvent.LIMIT_CONNECTIONS) == refusedBefore)
                {
                    break;
                }
            }
        }
        roundTrip(server, endpoint);
    }

    @Test
    void maxHandshakesRefusesPeersThatNeverFinishTheirsAndLetsTheRestThrough() throws Exception
    {
        final Socket server = server(SocketType.REP);
        server.setOption(SocketOption.MAX_HANDSHAKES, 2);
        server.bind("tcp://127.0.0.1:*");
        final String endpoint = server.lastEndpoint();
        final RawPeer silent1 = RawPeer.connect(endpoint);
        final RawPeer silent2 = RawPeer.connect(endpoint);
        assertFalse(silent1.closedByPeerWithin(200));
        try (RawPeer third = RawPeer.connect(endpoint))
        {
            assertTrue(third.closedByPeerWithin(10_000), "a third handshake in progress is refused");
        }
        assertEquals(1, server.limitRefusals(MonitorEvent.LIMIT_HANDSHAKES));
        silent1.close();
        silent2.close();
        // With the silent peers gone, handshakes go through, many of them, one after another.
        for (int i = 0; i < 20; i++)
        {
            roundTrip(server, endpoint);
        }
        assertEquals(1, refusalEvents(MonitorEvent.LIMIT_HANDSHAKES));
    }

    @Test
    void handshakeRateRefusesASourceThatConnectsTooFast() throws Exception
    {
        final Socket server = server(SocketType.REP);
        server.setOption(SocketOption.HANDSHAKE_RATE, 5);
        server.bind("tcp://127.0.0.1:*");
        final String endpoint = server.lastEndpoint();
        final long start = System.nanoTime();
        int refused = 0;
        final int attempts = 40;
        for (int i = 0; i < attempts; i++)
        {
            try (RawPeer peer = RawPeer.connect(endpoint))
            {
                refused += peer.closedByPeerWithin(50) ? 1 : 0;
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        // A burst of 5, then 5 a second: however slow this machine was, at most that many were admitted.
        final int admittedAtMost = 5 + (int)Math.ceil(seconds * 5);
        assertTrue(attempts - refused <= admittedAtMost,
            (attempts - refused) + " admitted in " + seconds + " s at 5 a second");
        assertTrue(refused > 0);
        assertEquals(refused, server.limitRefusals(MonitorEvent.LIMIT_HANDSHAKE_RATE));
    }

    @Test
    void maxSubscriptionsAndMaxTopicLengthIgnoreTheExcessAndServeTheRest() throws Exception
    {
        final Socket pub = server(SocketType.XPUB);
        pub.setOption(SocketOption.MAX_SUBSCRIPTIONS, 10);
        pub.setOption(SocketOption.MAX_TOPIC_LENGTH, 16);
        pub.bind("tcp://127.0.0.1:*");
        try (Socket sub = context.socket(SocketType.SUB))
        {
            sub.setOption(SocketOption.RCVTIMEO, 10_000);
            sub.connect(pub.lastEndpoint());
            for (int i = 0; i < 20; i++)
            {
                sub.setOption(SocketOption.SUBSCRIBE, String.format("topic-%02d", i).getBytes());
            }
            sub.setOption(SocketOption.SUBSCRIBE, new byte[100]); // longer than MAX_TOPIC_LENGTH
            // XPUB hands the application each subscription it kept: exactly the first ten.
            for (int i = 0; i < 10; i++)
            {
                final byte[] subscription = pub.recv();
                assertEquals(1, subscription[0]);
                assertEquals(String.format("topic-%02d", i), new String(subscription, 1, subscription.length - 1));
            }
            pub.setOption(SocketOption.RCVTIMEO, 300);
            assertEquals(null, pub.recv(), "no subscription beyond the limits reached the application");
            assertEquals(10, pub.limitRefusals(MonitorEvent.LIMIT_SUBSCRIPTIONS));
            assertEquals(1, pub.limitRefusals(MonitorEvent.LIMIT_TOPIC_LENGTH));
            pub.send("topic-15 dropped: never subscribed");
            pub.send("topic-05 delivered");
            assertEquals("topic-05 delivered", sub.recvString());
        }
    }
}
