package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * After libzmq's test_pubsub, test_xpub_manual, test_xpub_verbose, test_hwm_pubsub and test_spec pub/sub behaviour,
 * each case over inproc, tcp and ipc. Subscriptions travel to the publisher asynchronously over the network, so
 * cases wait until the publisher holds them; and "nothing else arrived" is shown by a last message that the
 * subscriber does want, which arrives after everything sent before it on the same connection.
 */
@Timeout(20)
class PubSubTest
{
    private final Context context = Context.create();
    @TempDir
    Path dir;

    @AfterEach
    void close()
    {
        context.close();
    }

    private Socket socket(final SocketType type)
    {
        return Transport.lingerless(context, type);
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

    /** @return what arrived up to and including {@code last}. */
    private static List<String> receiveUntil(final Socket socket, final String last)
    {
        final List<String> received = new ArrayList<>();
        do
        {
            received.add(socket.recvString());
        }
        while (!last.equals(received.get(received.size() - 1)));
        return received;
    }

    private static void awaitSubscriptions(final Socket pub, final int prefixes)
    {
        final XPubPattern pattern = (XPubPattern)pub.pattern();
        Transport.await(prefixes + " subscribed prefixes at the " + pub.type(), () ->
        {
            pub.canSend(); // takes in connections that are ready
            return pattern.subscriptionCount() == prefixes;
        });
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void subscribersGetWhatTheirPrefixesMatchOnce(final Transport transport)
    {
        try (Socket pub = socket(SocketType.PUB);
             Socket a = socket(SocketType.SUB);
             Socket all = socket(SocketType.SUB))
        {
            final String endpoint = transport.bind(pub, "pub", dir);
            a.connect(endpoint);
            all.connect(endpoint);
            a.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
            a.setOption(SocketOption.SUBSCRIBE, "AB".getBytes());
            all.setOption(SocketOption.SUBSCRIBE, new byte[0]);
            awaitSubscriptions(pub, 3);

            for (final String message : new String[]{"A1", "B1", "ABC", "", "a", "A-last"})
            {
                assertTrue(pub.send(message));
            }
            assertEquals(List.of("A1", "ABC", "A-last"), receiveUntil(a, "A-last"),
                "ABC matches A and AB, arrives once");
            assertEquals(List.of("A1", "B1", "ABC", "", "a", "A-last"), receiveUntil(all, "A-last"));
            assertEquals(Status.WOULD_BLOCK, a.recv(Socket.DONTWAIT));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void multipartIsFilteredOnTheFirstFrameAndDeliveredWhole(final Transport transport)
    {
        try (Socket pub = socket(SocketType.PUB); Socket sub = socket(SocketType.SUB))
        {
            sub.connect(transport.bind(pub, "mp", dir));
            sub.setOption(SocketOption.SUBSCRIBE, "topic".getBytes());
            awaitSubscriptions(pub, 1);
            pub.sendMore("other");
            pub.send("body");
            pub.sendMore("topic.x");
            pub.send("body");
            pub.send("topic.last");
            assertEquals("topic.x", sub.recvString());
            assertTrue(sub.hasMore());
            assertEquals("body", sub.recvString());
            assertFalse(sub.hasMore());
            assertEquals("topic.last", sub.recvString(), "the unmatched message, sent first, never came");
            assertEquals(Status.WOULD_BLOCK, sub.recv(Socket.DONTWAIT));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void subscriptionsMadeBeforeConnectingAreReplayedAndConnectBeforeBindWorks(final Transport transport)
    {
        try (Socket sub = socket(SocketType.SUB); Socket pub = socket(SocketType.PUB))
        {
            sub.setOption(SocketOption.SUBSCRIBE, "x".getBytes());
            final String endpoint = transport.endpoint("late-pub", dir);
            sub.connect(endpoint);
            pub.bind(endpoint);
            awaitSubscriptions(pub, 1); // over the network the SUB retries its connect after RECONNECT_IVL
            pub.send("x marks");
            pub.send("y not");
            pub.send("x last");
            assertEquals(List.of("x marks", "x last"), receiveUntil(sub, "x last"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unsubscribeStopsTheFlowAndFiltersWhatWasInFlight(final Transport transport)
    {
        try (Socket pub = socket(SocketType.PUB); Socket sub = socket(SocketType.SUB))
        {
            sub.connect(transport.bind(pub, "unsub", dir));
            sub.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
            awaitSubscriptions(pub, 1);
            pub.send("A in flight");
            // Over the network, wait until it is queued at the SUB, so the SUB's own filter is what drops it.
            Transport.await("the message queued at the SUB", () -> sub.links().get(0).end.hasMessage());
            sub.setOption(SocketOption.UNSUBSCRIBE, "A".getBytes());
            assertFalse(sub.canReceive(), "already queued but no longer subscribed: filtered by the SUB");
            pub.send("A after");
            awaitSubscriptions(pub, 0);
            sub.setOption(SocketOption.SUBSCRIBE, "B".getBytes());
            awaitSubscriptions(pub, 1);
            pub.send("B last");
            assertEquals("B last", sub.recvString(), "nothing for A came before it");
            assertEquals(List.of(), drain(sub));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pubNeverBlocksAndDropsAtTheMark(final Transport transport)
    {
        final int messages = 10_000;
        // Over the network the kernel's socket buffers hold messages too, beyond both marks: 4 KiB messages and
        // small buffers make sure that far more is sent than the way can hold.
        final int size = transport.isNetwork() ? 4096 : 8;
        try (Socket pub = socket(SocketType.PUB); Socket sub = socket(SocketType.SUB))
        {
            pub.setOption(SocketOption.SNDHWM, 10);
            sub.setOption(SocketOption.RCVHWM, 5);
            pub.setOption(SocketOption.SNDBUF, 64 << 10);
            sub.setOption(SocketOption.RCVBUF, 64 << 10);
            sub.connect(transport.bind(pub, "hwm", dir));
            sub.setOption(SocketOption.SUBSCRIBE, new byte[0]);
            awaitSubscriptions(pub, 1);
            for (int i = 0; i < messages; i++)
            {
                assertEquals(Status.OK, pub.send(Arrays.copyOf(("m" + i + " ").getBytes(), size), Socket.DONTWAIT));
            }
            // What was held arrives, then, once the SUB has drained, what the PUB sends next. Over the network a
            // message sent while the way is still full is dropped like any other: send it again until it comes.
            final List<Integer> received = new ArrayList<>();
            sub.setOption(SocketOption.RCVTIMEO, 100);
            while (true)
            {
                String message = sub.recv(Socket.DONTWAIT) >= 0 ? text(sub) : null;
                if (null == message)
                {
                    pub.send("after the drain");
                    message = sub.recvString();
                }
                if ("after the drain".equals(message))
                {
                    break;
                }
                if (null != message)
                {
                    received.add(number(message));
                }
            }
            assertEquals(0, received.get(0));
            for (int i = 1; i < received.size(); i++)
            {
                assertTrue(received.get(i) > received.get(i - 1), "in order, each once: " + received);
            }
            if (transport.isNetwork())
            {
                assertTrue(received.size() >= 15, "at least SNDHWM + RCVHWM: " + received.size());
                assertTrue(received.size() < messages, "the PUB dropped at its mark");
            }
            else
            {
                assertEquals(15, received.size(), "SNDHWM + RCVHWM, the rest dropped");
                assertEquals(14, received.get(14));
            }
        }
    }

    private static String text(final Socket socket)
    {
        final byte[] bytes = new byte[socket.frame().capacity()];
        socket.frame().getBytes(0, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** @return the sequence number of "m&lt;number&gt; ", padded or not. */
    private static int number(final String message)
    {
        return Integer.parseInt(message.substring(1, message.indexOf(' ')));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void xpubSeesNewSubscriptionsOnlyUnlessVerbose(final Transport transport)
    {
        for (final boolean verbose : new boolean[]{false, true})
        {
            try (Socket xpub = socket(SocketType.XPUB);
                 Socket s1 = socket(SocketType.SUB);
                 Socket s2 = socket(SocketType.SUB))
            {
                xpub.setOption(SocketOption.XPUB_VERBOSE, verbose);
                final String endpoint = transport.bind(xpub, "xpub-" + verbose, dir);
                s1.connect(endpoint);
                s1.setOption(SocketOption.SUBSCRIBE, "topic".getBytes());
                assertArrayEquals("\u0001topic".getBytes(), xpub.recv());
                s2.connect(endpoint);
                s2.setOption(SocketOption.SUBSCRIBE, "topic".getBytes());
                // A second prefix from s2, after its duplicate on the same connection, shows the XPUB has seen both.
                s2.setOption(SocketOption.SUBSCRIBE, "s2".getBytes());
                if (verbose)
                {
                    assertArrayEquals("\u0001topic".getBytes(), xpub.recv());
                }
                assertArrayEquals("\u0001s2".getBytes(), xpub.recv(), "the duplicate passed only when verbose");

                s1.setOption(SocketOption.UNSUBSCRIBE, "topic".getBytes());
                s1.setOption(SocketOption.SUBSCRIBE, "s1".getBytes());
                assertArrayEquals("\u0001s1".getBytes(), xpub.recv(), "s2 still subscribed: no cancel for topic");
                s2.close(); // its subscriptions die with it: now nobody wants the topic
                final List<String> cancels = List.of(new String(xpub.recv()), new String(xpub.recv()));
                assertTrue(cancels.containsAll(List.of("\u0000topic", "\u0000s2")), cancels.toString());
                assertEquals(Status.WOULD_BLOCK, xpub.recv(Socket.DONTWAIT));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void xpubManualLetsTheApplicationDecideWhatAPeerGets(final Transport transport)
    {
        try (Socket xpub = socket(SocketType.XPUB); Socket sub = socket(SocketType.SUB))
        {
            xpub.setOption(SocketOption.XPUB_MANUAL, true);
            sub.connect(transport.bind(xpub, "manual", dir));
            sub.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
            assertArrayEquals("\u0001A".getBytes(), xpub.recv());
            // The application subscribes the peer to B instead of what it asked for: A is not sent to it, and B,
            // though sent, is dropped by the SUB's own filter.
            xpub.setOption(SocketOption.SUBSCRIBE, "B".getBytes());
            xpub.send("A");
            xpub.send("B");
            xpub.setOption(SocketOption.SUBSCRIBE, "A".getBytes());
            xpub.send("A2");
            assertEquals("A2", sub.recvString(), "neither A nor B, sent before it, came");
            assertEquals(List.of(), drain(sub));
            assertThrows(RingMqException.class, () ->
            {
                try (Socket plain = socket(SocketType.XPUB))
                {
                    plain.setOption(SocketOption.SUBSCRIBE, "x".getBytes());
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void xsubSendsRawSubscriptionsAndMessagesUpstream(final Transport transport)
    {
        try (Socket xpub = socket(SocketType.XPUB); Socket xsub = socket(SocketType.XSUB))
        {
            xsub.connect(transport.bind(xpub, "raw", dir));
            xsub.send(new byte[]{1, 'k'});
            assertArrayEquals(new byte[]{1, 'k'}, xpub.recv());
            xsub.send("upstream hello");
            assertEquals("upstream hello", xpub.recvString());

            xpub.send("k1");
            xpub.send("j1");
            xpub.send("k-last");
            assertEquals(List.of("k1", "k-last"), receiveUntil(xsub, "k-last"));

            xsub.send(new byte[]{0, 'k'});
            assertArrayEquals(new byte[]{0, 'k'}, xpub.recv());
            xsub.send(new byte[]{1, 'm'});
            assertArrayEquals(new byte[]{1, 'm'}, xpub.recv());
            xpub.send("k2");
            xpub.send("m-last");
            assertEquals("m-last", xsub.recvString(), "k2, sent before it, never came");
            assertEquals(List.of(), drain(xsub));
        }
    }

    @Test
    void subAndPubMisuse()
    {
        try (Socket pub = socket(SocketType.PUB); Socket sub = socket(SocketType.SUB))
        {
            assertThrows(RingMqException.class, () -> pub.recv(0));
            final RingMqException ex = assertThrows(RingMqException.class, () -> sub.send("x"));
            assertTrue(ex.getMessage().contains("SUB"), ex.getMessage());
        }
    }
}
