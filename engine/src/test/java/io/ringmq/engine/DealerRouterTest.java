package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_spec_dealer, test_spec_router and test_router_mandatory. */
@Timeout(10)
class DealerRouterTest
{
    private final Context context = Context.create();

    @AfterEach
    void close()
    {
        context.close();
    }

    @Test
    void routerPrefixesTheSendersRoutingIdAndRoutesRepliesBack()
    {
        try (Socket router = context.socket(SocketType.ROUTER);
             Socket a = context.socket(SocketType.DEALER);
             Socket b = context.socket(SocketType.DEALER))
        {
            router.bind("inproc://router");
            a.setOption(SocketOption.ROUTING_ID, "A".getBytes());
            b.setOption(SocketOption.ROUTING_ID, "B".getBytes());
            a.connect("inproc://router");
            b.connect("inproc://router");
            a.send("from a");
            b.send("from b");
            final Set<String> got = new HashSet<>();
            for (int i = 0; i < 2; i++)
            {
                final String id = router.recvString();
                assertTrue(router.hasMore());
                got.add(id + ":" + router.recvString());
            }
            assertEquals(Set.of("A:from a", "B:from b"), got);

            router.sendMore("B");
            router.send("to b");
            router.sendMore("A");
            router.send("to a");
            assertEquals("to a", a.recvString());
            assertEquals("to b", b.recvString());
        }
    }

    @Test
    void generatedRoutingIdsAreFiveBytesWithALeadingZero()
    {
        try (Socket router = context.socket(SocketType.ROUTER);
             Socket a = context.socket(SocketType.DEALER);
             Socket b = context.socket(SocketType.DEALER))
        {
            router.bind("inproc://generated");
            a.connect("inproc://generated");
            b.connect("inproc://generated");
            a.send("1");
            b.send("2");
            final byte[] first = router.recv();
            router.recv();
            final byte[] second = router.recv();
            router.recv();
            assertEquals(5, first.length);
            assertEquals(0, first[0]);
            assertEquals(5, second.length);
            assertEquals(0, second[0]);
            assertFalse(java.util.Arrays.equals(first, second));
            router.sendMore(second);
            router.send("reply");
            assertEquals(Status.WOULD_BLOCK, a.recv(Socket.DONTWAIT));
            assertEquals("reply", b.recvString());
        }
    }

    @Test
    void unknownRoutingIdIsDroppedOrUnroutableWithMandatory()
    {
        try (Socket router = context.socket(SocketType.ROUTER); Socket dealer = context.socket(SocketType.DEALER))
        {
            router.bind("inproc://mandatory");
            dealer.setOption(SocketOption.ROUTING_ID, "X".getBytes());
            dealer.connect("inproc://mandatory");

            router.sendMore("UNKNOWN");
            assertTrue(router.send("dropped silently"));

            router.setOption(SocketOption.ROUTER_MANDATORY, true);
            assertEquals(Status.UNROUTABLE, router.send("UNKNOWN".getBytes(), Socket.SNDMORE));
            final RingMqException unroutable = assertThrows(RingMqException.class, () -> router.sendMore("UNKNOWN"));
            assertEquals(Status.UNROUTABLE, unroutable.status());

            router.sendMore("X");
            router.send("delivered");
            assertEquals("delivered", dealer.recvString());
            assertEquals(Status.WOULD_BLOCK, dealer.recv(Socket.DONTWAIT));
        }
    }

    @Test
    void mandatoryRouterWouldBlockAtThePeersMarkPlainRouterDrops()
    {
        try (Socket router = context.socket(SocketType.ROUTER); Socket dealer = context.socket(SocketType.DEALER))
        {
            router.setOption(SocketOption.SNDHWM, 1);
            router.bind("inproc://hwm");
            dealer.setOption(SocketOption.RCVHWM, 1);
            dealer.setOption(SocketOption.ROUTING_ID, "D".getBytes());
            dealer.connect("inproc://hwm");
            router.canSend();

            router.setOption(SocketOption.ROUTER_MANDATORY, true);
            int sent = 0;
            while (router.send("D".getBytes(), Socket.SNDMORE | Socket.DONTWAIT) == Status.OK)
            {
                router.send("m".getBytes(), 0);
                sent++;
            }
            assertEquals(2, sent, "inproc holds SNDHWM + the peer's RCVHWM");

            router.setOption(SocketOption.ROUTER_MANDATORY, false);
            router.sendMore("D");
            assertTrue(router.send("over the mark: dropped"));
            for (int i = 0; i < 2; i++)
            {
                assertEquals("m", dealer.recvString());
            }
            assertEquals(Status.WOULD_BLOCK, dealer.recv(Socket.DONTWAIT));
        }
    }

    @Test
    void duplicateRoutingIdIsRefused()
    {
        try (Socket router = context.socket(SocketType.ROUTER);
             Socket first = context.socket(SocketType.DEALER);
             Socket second = context.socket(SocketType.DEALER))
        {
            router.bind("inproc://dup");
            first.setOption(SocketOption.ROUTING_ID, "same".getBytes());
            second.setOption(SocketOption.ROUTING_ID, "same".getBytes());
            first.connect("inproc://dup");
            second.connect("inproc://dup");
            router.canReceive();
            assertEquals(1, ((RouterPattern)router.pattern()).peers());
            router.sendMore("same");
            router.send("to the first");
            assertEquals("to the first", first.recvString());
            assertEquals(Status.WOULD_BLOCK, second.send("x".getBytes(), Socket.DONTWAIT), "refused: no peer");
        }
    }

    @Test
    void dealerRoundRobinsOutAndFairQueuesIn()
    {
        try (Socket dealer = context.socket(SocketType.DEALER))
        {
            dealer.bind("inproc://dealer");
            final Socket[] peers = new Socket[3];
            for (int i = 0; i < peers.length; i++)
            {
                peers[i] = context.socket(SocketType.DEALER);
                peers[i].connect("inproc://dealer");
            }
            dealer.canSend();
            for (int i = 0; i < 3; i++)
            {
                dealer.send("out");
            }
            for (final Socket peer : peers)
            {
                assertEquals("out", peer.recvString(), "one each");
                assertEquals(Status.WOULD_BLOCK, peer.recv(Socket.DONTWAIT));
                peer.send("in 1");
                peer.send("in 2");
            }
            for (int i = 0; i < 6; i++)
            {
                final String message = dealer.recvString();
                assertEquals(i < 3 ? "in 1" : "in 2", message, "fair queue: one from each peer per round");
            }
            for (final Socket peer : peers)
            {
                peer.close();
            }
        }
    }

    @Test
    void peerGoingAwayMidMessageDropsTheRestInsteadOfSendingAHeadlessRemainder()
    {
        try (Socket dealer = context.socket(SocketType.DEALER); Socket survivor = context.socket(SocketType.DEALER))
        {
            dealer.bind("inproc://midway");
            final Socket leaver = context.socket(SocketType.DEALER);
            leaver.connect("inproc://midway");
            survivor.connect("inproc://midway");
            dealer.canSend();

            // The first message goes to the leaver (first attached); its first frame is on the way when it leaves.
            dealer.sendMore("head");
            leaver.close();
            assertEquals(Status.WOULD_BLOCK, dealer.recv(Socket.DONTWAIT)); // notices the leaver is gone
            dealer.sendMore("middle");
            dealer.send("tail");
            dealer.send("whole");
            assertEquals("whole", survivor.recvString());
            assertFalse(survivor.hasMore());
            assertEquals(Status.WOULD_BLOCK, survivor.recv(Socket.DONTWAIT));
        }
    }

    @Test
    void disconnectBetweenTheRoutingIdAndTheBodyEndsTheMessage()
    {
        try (Socket router = context.socket(SocketType.ROUTER); Socket dealer = context.socket(SocketType.DEALER))
        {
            dealer.bind("inproc://half");
            router.connect("inproc://half");
            dealer.send("body");
            router.recv();
            assertTrue(router.hasMore());
            router.disconnect("inproc://half");
            assertEquals(0, router.recv(0), "an empty last frame, not an exception");
            assertFalse(router.hasMore());
            assertEquals(Status.WOULD_BLOCK, router.recv(Socket.DONTWAIT));
        }
    }

    @Test
    void routerConnectingBeforeTheBindLearnsTheBindersRoutingId()
    {
        try (Socket router = context.socket(SocketType.ROUTER); Socket dealer = context.socket(SocketType.DEALER))
        {
            router.setOption(SocketOption.ROUTER_MANDATORY, true);
            router.connect("inproc://later");
            assertEquals(Status.UNROUTABLE, router.send("B".getBytes(), Socket.SNDMORE | Socket.DONTWAIT),
                "no connection before the bind");
            dealer.setOption(SocketOption.ROUTING_ID, "B".getBytes());
            dealer.bind("inproc://later");
            router.sendMore("B");
            router.send("found you");
            assertEquals("found you", dealer.recvString());
            dealer.send("and back");
            assertEquals("B", router.recvString());
            assertEquals("and back", router.recvString());
        }
    }
}
