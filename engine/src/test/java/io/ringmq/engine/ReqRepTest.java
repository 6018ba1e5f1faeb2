package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_spec_req and test_spec_rep, each case over inproc, tcp and ipc. */
@Timeout(10)
class ReqRepTest
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

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requestReplyRoundTrip(final Transport transport)
    {
        try (Socket rep = socket(SocketType.REP); Socket req = socket(SocketType.REQ))
        {
            final String endpoint = transport.bind(rep, "rr", dir);
            req.connect(endpoint);
            for (int i = 0; i < 1_000; i++)
            {
                req.send("hello " + i);
                assertEquals("hello " + i, rep.recvString());
                assertFalse(rep.hasMore(), "the envelope is stripped");
                rep.send("world " + i);
                assertEquals("world " + i, req.recvString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reqStrictlyAlternatesSendAndReceive(final Transport transport)
    {
        try (Socket rep = socket(SocketType.REP); Socket req = socket(SocketType.REQ))
        {
            final String endpoint = transport.bind(rep, "fsm", dir);
            req.connect(endpoint);
            assertEquals(Status.WRONG_STATE, req.recv(Socket.DONTWAIT), "receive before any request");
            req.send("first");
            assertEquals(Status.WRONG_STATE, req.send("second".getBytes(), Socket.DONTWAIT));
            final RingMqException misuse = assertThrows(RingMqException.class, () -> req.send("second"));
            assertEquals(Status.WRONG_STATE, misuse.status());
            assertTrue(misuse.getMessage().contains("REQ") && misuse.getMessage().contains("awaiting a reply"),
                misuse.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void repSendingBeforeReceivingIsWrongState(final Transport transport)
    {
        try (Socket rep = socket(SocketType.REP))
        {
            transport.bind(rep, "rep-fsm", dir);
            assertEquals(Status.WRONG_STATE, rep.send("nope".getBytes(), 0));
            final RingMqException misuse = assertThrows(RingMqException.class, () -> rep.send("nope"));
            assertTrue(misuse.getMessage().contains("REP socket cannot send in state 'awaiting a request'"),
                misuse.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reqMessageFormatSeenByRouter(final Transport transport)
    {
        try (Socket router = socket(SocketType.ROUTER); Socket req = socket(SocketType.REQ))
        {
            final String endpoint = transport.bind(router, "format", dir);
            req.setOption(SocketOption.ROUTING_ID, "R1".getBytes());
            req.connect(endpoint);
            req.sendMore("ABC");
            req.send("DEF");

            assertEquals("R1", router.recvString());
            assertTrue(router.hasMore());
            assertEquals("", router.recvString());
            assertEquals("ABC", router.recvString());
            assertEquals("DEF", router.recvString());
            assertFalse(router.hasMore());

            router.sendMore("R1");
            router.sendMore("");
            router.send("GHI");
            assertEquals("GHI", req.recvString());
            assertFalse(req.hasMore());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reqRoundRobinsAndListensOnlyToThePeerItAsked(final Transport transport)
    {
        try (Socket req = socket(SocketType.REQ))
        {
            req.setOption(SocketOption.ROUTING_ID, "REQ".getBytes());
            final String endpoint = transport.bind(req, "peers", dir);
            final Socket[] routers = new Socket[3];
            for (int i = 0; i < routers.length; i++)
            {
                routers[i] = socket(SocketType.ROUTER);
                routers[i].connect(endpoint);
            }
            Transport.awaitPeers(req, 3); // take in the three connections
            final Set<Integer> asked = new HashSet<>();
            for (int round = 0; round < 3; round++)
            {
                req.send("Q" + round);
                final int[] askedIndex = {-1};
                // Over the network the request takes a moment to reach the router it went to.
                Transport.await("a router receiving Q" + round, () ->
                {
                    for (int i = 0; i < routers.length && askedIndex[0] < 0; i++)
                    {
                        if (routers[i].recv(Socket.DONTWAIT) >= 0)
                        {
                            askedIndex[0] = i;
                        }
                    }
                    return askedIndex[0] >= 0;
                });
                final Socket asker = routers[askedIndex[0]];
                assertEquals("REQ", asker.frame().getStringWithoutLengthAscii(0, 3));
                assertEquals("", asker.recvString());
                assertEquals("Q" + round, asker.recvString());
                for (final Socket router : routers)
                {
                    assertEquals(Status.WOULD_BLOCK, router.recv(Socket.DONTWAIT), "one request, to one router");
                }
                // Routers asked in earlier rounds (never asked again: round-robin) answer first; only the answer
                // from the router asked now is heard.
                for (int i = 0; i < routers.length; i++)
                {
                    if (asked.contains(i))
                    {
                        routers[i].sendMore("REQ");
                        routers[i].sendMore("");
                        routers[i].send("not asked");
                    }
                }
                asker.sendMore("REQ");
                asker.sendMore("");
                asker.send("A" + round);
                assertEquals("A" + round, req.recvString());
                asked.add(askedIndex[0]);
            }
            assertEquals(3, asked.size(), "each request went to the next peer");
            for (final Socket router : routers)
            {
                router.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void repPreservesTheEnvelopeForDealers(final Transport transport)
    {
        try (Socket rep = socket(SocketType.REP); Socket dealer = socket(SocketType.DEALER))
        {
            final String endpoint = transport.bind(rep, "envelope", dir);
            dealer.connect(endpoint);
            dealer.sendMore("X");
            dealer.sendMore("Y");
            dealer.sendMore("");
            dealer.send("BODY");
            assertEquals("BODY", rep.recvString());
            rep.send("REPLY");

            assertEquals("X", dealer.recvString());
            assertEquals("Y", dealer.recvString());
            assertEquals("", dealer.recvString());
            assertEquals("REPLY", dealer.recvString());
            assertFalse(dealer.hasMore());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void repDropsRequestsWithoutDelimiter(final Transport transport)
    {
        try (Socket rep = socket(SocketType.REP); Socket dealer = socket(SocketType.DEALER))
        {
            final String endpoint = transport.bind(rep, "malformed", dir);
            dealer.connect(endpoint);
            dealer.send("no envelope");
            dealer.sendMore("");
            dealer.send("good");
            assertEquals("good", rep.recvString());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void repFairQueuesRequests(final Transport transport)
    {
        try (Socket rep = socket(SocketType.REP))
        {
            final String endpoint = transport.bind(rep, "fair", dir);
            final Socket[] reqs = new Socket[3];
            for (int i = 0; i < reqs.length; i++)
            {
                reqs[i] = socket(SocketType.REQ);
                reqs[i].connect(endpoint);
            }
            for (int round = 0; round < 100; round++)
            {
                for (int i = 0; i < reqs.length; i++)
                {
                    reqs[i].send("from " + i + " #" + round);
                }
                final Set<String> seen = new HashSet<>();
                for (int i = 0; i < reqs.length; i++)
                {
                    final String request = rep.recvString();
                    seen.add(request);
                    rep.send("re " + request);
                }
                assertEquals(Set.of("from 0 #" + round, "from 1 #" + round, "from 2 #" + round), seen);
                for (int i = 0; i < reqs.length; i++)
                {
                    assertEquals("re from " + i + " #" + round, reqs[i].recvString(),
                        "each reply goes back to its requester");
                }
            }
            for (final Socket req : reqs)
            {
                req.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reqRelaxedAndCorrelateDropStaleReplies(final Transport transport)
    {
        try (Socket router = socket(SocketType.ROUTER); Socket req = socket(SocketType.REQ))
        {
            final String endpoint = transport.bind(router, "relaxed", dir);
            req.setOption(SocketOption.REQ_RELAXED, true);
            req.setOption(SocketOption.REQ_CORRELATE, true);
            req.connect(endpoint);

            req.send("old");
            final byte[] id = router.recv();
            final byte[] oldRequestId = router.recv();
            assertEquals(4, oldRequestId.length, "REQ_CORRELATE puts a request id first");
            assertEquals(0, router.recv().length);
            assertEquals("old", router.recvString());

            req.send("new"); // allowed by REQ_RELAXED while the old reply is outstanding
            assertArrayEquals(id, router.recv());
            final byte[] newRequestId = router.recv();
            router.recv();
            router.recv();

            router.sendMore(id);
            router.sendMore(oldRequestId);
            router.sendMore("");
            router.send("stale");
            router.sendMore(id);
            router.sendMore(newRequestId);
            router.sendMore("");
            router.send("fresh");
            assertEquals("fresh", new String(req.recv(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void reqWithNoPeerWouldBlock()
    {
        try (Socket req = socket(SocketType.REQ))
        {
            req.setOption(SocketOption.SNDTIMEO, 5);
            assertEquals(Status.WOULD_BLOCK, req.send("x".getBytes(), Socket.DONTWAIT));
            assertFalse(req.send("x"));
        }
    }
}
