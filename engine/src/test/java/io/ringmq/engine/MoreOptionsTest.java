package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/**
 * After libzmq's test_xpub_nodrop, test_xpub_welcome_msg, test_pub_invert_matching, test_router_handover,
 * test_probe_router, test_connect_rid and test_immediate.
 */
@Timeout(10)
class MoreOptionsTest
{
    private final Context context = Context.create();

    @AfterEach
    void close()
    {
        context.close();
    }

    @Test
    void xpubNoDropWouldBlockAtTheSubscribersMark()
    {
        try (Socket xpub = context.socket(SocketType.XPUB); Socket sub = context.socket(SocketType.SUB))
        {
            xpub.setOption(SocketOption.XPUB_NODROP, true);
            xpub.setOption(SocketOption.SNDHWM, 1);
            xpub.bind("inproc://nodrop");
            sub.setOption(SocketOption.RCVHWM, 1);
            sub.connect("inproc://nodrop");
            sub.setOption(SocketOption.SUBSCRIBE, new byte[0]);
            assertArrayEquals(new byte[]{1}, xpub.recv());

            int sent = 0;
            while (xpub.send(("m" + sent).getBytes(), Socket.DONTWAIT) == Status.OK)
            {
                sent++;
            }
            assertEquals(2, sent, "SNDHWM + RCVHWM, then would-block rather than drop");
            assertEquals("m0", sub.recvString());
            assertEquals(Status.OK, xpub.send("m2".getBytes(), Socket.DONTWAIT));
            assertEquals("m1", sub.recvString());
            assertEquals("m2", sub.recvString());
        }
    }

    @Test
    void xpubWelcomesNewSubscribers()
    {
        try (Socket xpub = context.socket(SocketType.XPUB); Socket sub = context.socket(SocketType.SUB))
        {
            xpub.setOption(SocketOption.XPUB_WELCOME_MSG, "W".getBytes());
            xpub.bind("inproc://welcome");
            sub.setOption(SocketOption.SUBSCRIBE, "W".getBytes());
            sub.connect("inproc://welcome");
            assertArrayEquals(new byte[]{1, 'W'}, xpub.recv());
            assertEquals("W", sub.recvString());
        }
    }

    @Test
    void invertMatchingSendsToAndReceivesWhatDoesNotMatch()
    {
        try (Socket pub = context.socket(SocketType.PUB);
             Socket subA = context.socket(SocketType.SUB);
             Socket subB = context.socket(SocketType.SUB))
        {
            pub.setOption(SocketOption.INVERT_MATCHING, true);
            pub.bind("inproc://invert");
            for (final Socket sub : new Socket[]{subA, subB})
            {
                sub.setOption(SocketOption.INVERT_MATCHING, true);
                sub.connect("inproc://invert");
            }
            subA.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
            subB.setOption(SocketOption.SUBSCRIBE, "B".getBytes());
            pub.send("A: not for those who want A");
            pub.send("B: not for those who want B");
            assertEquals("B: not for those who want B", subA.recvString());
            assertEquals(Status.WOULD_BLOCK, subA.recv(Socket.DONTWAIT));
            assertEquals("A: not for those who want A", subB.recvString());
            assertEquals(Status.WOULD_BLOCK, subB.recv(Socket.DONTWAIT));
            assertTrue(pub.getOption(SocketOption.INVERT_MATCHING));
        }
    }

    @Test
    void routerHandoverGivesTheIdToTheNewcomer()
    {
        try (Socket router = context.socket(SocketType.ROUTER);
             Socket first = context.socket(SocketType.DEALER);
             Socket second = context.socket(SocketType.DEALER))
        {
            router.setOption(SocketOption.ROUTER_HANDOVER, true);
            router.bind("inproc://handover");
            first.setOption(SocketOption.ROUTING_ID, "X".getBytes());
            second.setOption(SocketOption.ROUTING_ID, "X".getBytes());
            first.connect("inproc://handover");
            router.canReceive();
            second.connect("inproc://handover");
            router.canReceive();
            router.sendMore("X");
            router.send("to whoever holds X");
            assertEquals("to whoever holds X", second.recvString());
            assertEquals(Status.WOULD_BLOCK, first.recv(Socket.DONTWAIT));
            assertEquals(1, router.links().size());
        }
    }

    @Test
    void probeRouterAnnouncesTheDealerAtOnce()
    {
        try (Socket router = context.socket(SocketType.ROUTER); Socket dealer = context.socket(SocketType.DEALER))
        {
            router.bind("inproc://probe");
            dealer.setOption(SocketOption.ROUTING_ID, "P".getBytes());
            dealer.setOption(SocketOption.PROBE_ROUTER, true);
            dealer.connect("inproc://probe");
            assertEquals("P", router.recvString());
            assertTrue(router.hasMore());
            assertEquals(0, router.recv(0), "the probe is an empty message");
            assertFalse(router.hasMore());
        }
    }

    @Test
    void connectRoutingIdNamesThePeerOfTheNextConnect()
    {
        try (Socket router = context.socket(SocketType.ROUTER);
             Socket one = context.socket(SocketType.DEALER);
             Socket two = context.socket(SocketType.DEALER))
        {
            one.bind("inproc://one");
            two.bind("inproc://two");
            router.setOption(SocketOption.ROUTER_MANDATORY, true);
            router.setOption(SocketOption.CONNECT_ROUTING_ID, "first".getBytes());
            router.connect("inproc://one");
            router.setOption(SocketOption.CONNECT_ROUTING_ID, "first".getBytes());
            final RingMqException taken = assertThrows(RingMqException.class, () -> router.connect("inproc://two"));
            assertTrue(taken.getMessage().contains("CONNECT_ROUTING_ID"));
            router.setOption(SocketOption.CONNECT_ROUTING_ID, "second".getBytes());
            router.connect("inproc://two");

            router.sendMore("second");
            router.send("for two");
            router.sendMore("first");
            router.send("for one");
            assertEquals("for one", one.recvString());
            assertEquals("for two", two.recvString());
        }
    }

    @Test
    void immediateDoesNotQueueOnAConnectionNotYetCompleted()
    {
        try (Socket push = context.socket(SocketType.PUSH); Socket pull = context.socket(SocketType.PULL))
        {
            push.setOption(SocketOption.IMMEDIATE, true);
            push.connect("inproc://immediate");
            assertEquals(Status.WOULD_BLOCK, push.send("too early".getBytes(), Socket.DONTWAIT));
            pull.bind("inproc://immediate");
            assertEquals(Status.OK, push.send("on time".getBytes(), Socket.DONTWAIT));
            assertEquals("on time", pull.recvString());
            push.disconnect("inproc://immediate");
        }
    }

    @Test
    void immediateConnectionOfAClosedSocketIsDroppedAtBind()
    {
        final Socket push = context.socket(SocketType.PUSH);
        push.setOption(SocketOption.IMMEDIATE, true);
        push.connect("inproc://gone");
        push.close();
        try (Socket pull = context.socket(SocketType.PULL))
        {
            pull.bind("inproc://gone");
            assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT));
            assertTrue(pull.links().isEmpty());
        }
    }

    @Test
    void xpubVerboserPassesEveryUnsubscribeUp()
    {
        try (Socket xpub = context.socket(SocketType.XPUB);
             Socket s1 = context.socket(SocketType.SUB);
             Socket s2 = context.socket(SocketType.SUB))
        {
            xpub.setOption(SocketOption.XPUB_VERBOSER, true);
            xpub.bind("inproc://verboser");
            s1.connect("inproc://verboser");
            s2.connect("inproc://verboser");
            s1.setOption(SocketOption.SUBSCRIBE, "t".getBytes());
            s2.setOption(SocketOption.SUBSCRIBE, "t".getBytes());
            assertArrayEquals(new byte[]{1, 't'}, xpub.recv());
            assertArrayEquals(new byte[]{1, 't'}, xpub.recv());
            s1.setOption(SocketOption.UNSUBSCRIBE, "t".getBytes());
            assertArrayEquals(new byte[]{0, 't'}, xpub.recv(), "although s2 still wants t");
            s2.close();
            assertArrayEquals(new byte[]{0, 't'}, xpub.recv());
        }
    }

    @Test
    void routerNotifyReportsPeersComingAndGoing()
    {
        try (Socket router = context.socket(SocketType.ROUTER))
        {
            router.setOption(SocketOption.ROUTER_NOTIFY, 3);
            assertEquals(3, router.getOption(SocketOption.ROUTER_NOTIFY));
            router.bind("inproc://notify");
            final Socket dealer = context.socket(SocketType.DEALER);
            dealer.setOption(SocketOption.ROUTING_ID, "D".getBytes());
            dealer.connect("inproc://notify");
            dealer.send("hello");

            assertEquals("D", router.recvString());
            assertTrue(router.hasMore());
            assertEquals(0, router.recv(0), "connect notification: [id, empty]");
            assertFalse(router.hasMore());
            assertEquals("D", router.recvString());
            assertEquals("hello", router.recvString());

            dealer.close();
            assertEquals("D", router.recvString());
            assertEquals(0, router.recv(0), "disconnect notification: [id, empty]");
            assertFalse(router.hasMore());
        }
    }

    @Test
    void optionNumbersAreLibzmqsAndIdentityIsTheOldNameOfRoutingId()
    {
        assertEquals(72, SocketOption.XPUB_WELCOME_MSG.number(), "ZMQ_XPUB_WELCOME_MSG");
        assertEquals(48, SocketOption.CURVE_PUBLICKEY.number(), "ZMQ_CURVE_PUBLICKEY");
        assertEquals(5, SocketOption.IDENTITY.number(), "ZMQ_IDENTITY");
        try (Socket dealer = context.socket(SocketType.DEALER))
        {
            dealer.setOption(SocketOption.IDENTITY, "old-name".getBytes());
            assertArrayEquals("old-name".getBytes(), dealer.getOption(SocketOption.ROUTING_ID));
        }
    }
}
