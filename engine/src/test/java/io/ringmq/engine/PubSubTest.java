package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_pubsub, test_xpub_manual, test_xpub_verbose, test_hwm_pubsub and test_spec pub/sub behaviour. */
@Timeout(20)
class PubSubTest
{
    private final Context context = Context.create();

    @AfterEach
    void close()
    {
        context.close();
    }

    private static List<String> drain(final Socket socket)
    {
        final List<String> received = new ArrayList<>();
        while (socket.recv(Socket.DONTWAIT) >= 0)
        {
            received.add(socket.frame().getStringWithoutLengthAscii(0, socket.frame().capacity()));
        }
        return received;
    }

    @Test
    void subscribersGetWhatTheirPrefixesMatchOnce()
    {
        try (Socket pub = context.socket(SocketType.PUB);
             Socket a = context.socket(SocketType.SUB);
             Socket all = context.socket(SocketType.SUB))
        {
            pub.bind("inproc://pub");
            a.connect("inproc://pub");
            all.connect("inproc://pub");
            a.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
            a.setOption(SocketOption.SUBSCRIBE, "AB".getBytes());
            all.setOption(SocketOption.SUBSCRIBE, new byte[0]);

            for (final String message : new String[]{"A1", "B1", "ABC", "", "a"})
            {
                assertTrue(pub.send(message));
            }
            assertEquals(List.of("A1", "ABC"), drain(a), "ABC matches A and AB but arrives once");
            assertEquals(List.of("A1", "B1", "ABC", "", "a"), drain(all));
        }
    }

    @Test
    void multipartIsFilteredOnTheFirstFrameAndDeliveredWhole()
    {
        try (Socket pub = context.socket(SocketType.PUB); Socket sub = context.socket(SocketType.SUB))
        {
            pub.bind("inproc://mp");
            sub.connect("inproc://mp");
            sub.setOption(SocketOption.SUBSCRIBE, "topic".getBytes());
            pub.sendMore("other");
            pub.send("body");
            pub.sendMore("topic.x");
            pub.send("body");
            assertEquals("topic.x", sub.recvString());
            assertTrue(sub.hasMore());
            assertEquals("body", sub.recvString());
            assertFalse(sub.hasMore());
            assertEquals(Status.WOULD_BLOCK, sub.recv(Socket.DONTWAIT));
        }
    }

    @Test
    void subscriptionsMadeBeforeConnectingAreReplayedAndConnectBeforeBindWorks()
    {
        try (Socket sub = context.socket(SocketType.SUB); Socket pub = context.socket(SocketType.PUB))
        {
            sub.setOption(SocketOption.SUBSCRIBE, "x".getBytes());
            sub.connect("inproc://late-pub");
            pub.bind("inproc://late-pub");
            pub.send("x marks");
            pub.send("y not");
            assertEquals(List.of("x marks"), drain(sub));
        }
    }

    @Test
    void unsubscribeStopsTheFlowAndFiltersWhatWasInFlight()
    {
        try (Socket pub = context.socket(SocketType.PUB); Socket sub = context.socket(SocketType.SUB))
        {
            pub.bind("inproc://unsub");
            sub.connect("inproc://unsub");
            sub.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
            pub.send("A in flight");
            sub.setOption(SocketOption.UNSUBSCRIBE, "A".getBytes());
            assertFalse(sub.canReceive(), "already queued but no longer subscribed: filtered by the SUB");
            pub.send("A after");
            assertEquals(List.of(), drain(sub));
            assertEquals(0, ((XPubPattern)pub.pattern()).subscriptionCount());
        }
    }

    @Test
    void pubNeverBlocksAndDropsAtTheMark()
    {
        try (Socket pub = context.socket(SocketType.PUB); Socket sub = context.socket(SocketType.SUB))
        {
            pub.setOption(SocketOption.SNDHWM, 10);
            sub.setOption(SocketOption.RCVHWM, 5);
            pub.bind("inproc://hwm");
            sub.connect("inproc://hwm");
            sub.setOption(SocketOption.SUBSCRIBE, new byte[0]);
            for (int i = 0; i < 10_000; i++)
            {
                assertEquals(Status.OK, pub.send(("m" + i).getBytes(), Socket.DONTWAIT));
            }
            final List<String> received = drain(sub);
            assertEquals(15, received.size(), "SNDHWM + RCVHWM, the rest dropped");
            assertEquals("m0", received.get(0));
            assertEquals("m14", received.get(14));
            pub.send("after the drain");
            assertEquals(List.of("after the drain"), drain(sub));
        }
    }

    @Test
    void xpubSeesNewSubscriptionsOnlyUnlessVerbose()
    {
        for (final boolean verbose : new boolean[]{false, true})
        {
            try (Socket xpub = context.socket(SocketType.XPUB);
                 Socket s1 = context.socket(SocketType.SUB);
                 Socket s2 = context.socket(SocketType.SUB))
            {
                xpub.setOption(SocketOption.XPUB_VERBOSE, verbose);
                xpub.bind("inproc://xpub-" + verbose);
                s1.connect("inproc://xpub-" + verbose);
                s2.connect("inproc://xpub-" + verbose);
                s1.setOption(SocketOption.SUBSCRIBE, "topic".getBytes());
                s2.setOption(SocketOption.SUBSCRIBE, "topic".getBytes());
                assertArrayEquals("\u0001topic".getBytes(), xpub.recv());
                if (verbose)
                {
                    assertArrayEquals("\u0001topic".getBytes(), xpub.recv());
                }
                assertEquals(Status.WOULD_BLOCK, xpub.recv(Socket.DONTWAIT));

                s1.setOption(SocketOption.UNSUBSCRIBE, "topic".getBytes());
                assertEquals(Status.WOULD_BLOCK, xpub.recv(Socket.DONTWAIT), "s2 still subscribed");
                s2.close(); // its subscriptions die with it: now nobody wants the topic
                assertArrayEquals("\u0000topic".getBytes(), xpub.recv());
            }
        }
    }

    @Test
    void xpubManualLetsTheApplicationDecideWhatAPeerGets()
    {
        try (Socket xpub = context.socket(SocketType.XPUB); Socket sub = context.socket(SocketType.SUB))
        {
            xpub.setOption(SocketOption.XPUB_MANUAL, true);
            xpub.bind("inproc://manual");
            sub.connect("inproc://manual");
            sub.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
            assertArrayEquals("\u0001A".getBytes(), xpub.recv());
            // The application subscribes the peer to B instead of what it asked for: A is not sent to it, and B,
            // though sent, is dropped by the SUB's own filter.
            xpub.setOption(SocketOption.SUBSCRIBE, "B".getBytes());
            xpub.send("A");
            xpub.send("B");
            assertEquals(List.of(), drain(sub));
            xpub.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
            xpub.send("A2");
            assertEquals(List.of("A2"), drain(sub));
            assertThrows(RingMqException.class, () ->
            {
                try (Socket plain = context.socket(SocketType.XPUB))
                {
                    plain.setOption(SocketOption.SUBSCRIBE, "x".getBytes());
                }
            });
        }
    }

    @Test
    void xsubSendsRawSubscriptionsAndMessagesUpstream()
    {
        try (Socket xpub = context.socket(SocketType.XPUB); Socket xsub = context.socket(SocketType.XSUB))
        {
            xpub.bind("inproc://raw");
            xsub.connect("inproc://raw");
            xsub.send(new byte[]{1, 'k'});
            assertArrayEquals(new byte[]{1, 'k'}, xpub.recv());
            xsub.send("upstream hello");
            assertEquals("upstream hello", xpub.recvString());

            xpub.send("k1");
            xpub.send("j1");
            assertEquals(List.of("k1"), drain(xsub));

            xsub.send(new byte[]{0, 'k'});
            assertArrayEquals(new byte[]{0, 'k'}, xpub.recv());
            xpub.send("k2");
            assertEquals(List.of(), drain(xsub));
        }
    }

    @Test
    void subAndPubMisuse()
    {
        try (Socket pub = context.socket(SocketType.PUB); Socket sub = context.socket(SocketType.SUB))
        {
            assertThrows(RingMqException.class, () -> pub.recv(0));
            final RingMqException ex = assertThrows(RingMqException.class, () -> sub.send("x"));
            assertTrue(ex.getMessage().contains("SUB"), ex.getMessage());
        }
    }
}
