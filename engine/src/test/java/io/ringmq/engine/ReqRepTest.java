package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_spec_req and test_spec_rep. */
@Timeout(10)
class ReqRepTest
{
    private final Context context = Context.create();

    @AfterEach
    void close()
    {
        context.close();
    }

    @Test
    void requestReplyRoundTrip()
    {
        try (Socket rep = context.socket(SocketType.REP); Socket req = context.socket(SocketType.REQ))
        {
            rep.bind("inproc://rr");
            req.connect("inproc://rr");
            for (int i = 0; i < 3; i++)
            {
                req.send("hello " + i);
                assertEquals("hello " + i, rep.recvString());
                assertFalse(rep.hasMore(), "the envelope is stripped");
                rep.send("world " + i);
                assertEquals("world " + i, req.recvString());
            }
        }
    }

    @Test
    void reqStrictlyAlternatesSendAndReceive()
    {
        try (Socket rep = context.socket(SocketType.REP); Socket req = context.socket(SocketType.REQ))
        {
            rep.bind("inproc://fsm");
            req.connect("inproc://fsm");
            assertEquals(Status.WRONG_STATE, req.recv(Socket.DONTWAIT), "receive before any request");
            req.send("first");
            assertEquals(Status.WRONG_STATE, req.send("second".getBytes(), Socket.DONTWAIT));
            final RingMqException misuse = assertThrows(RingMqException.class, () -> req.send("second"));
            assertEquals(Status.WRONG_STATE, misuse.status());
            assertTrue(misuse.getMessage().contains("REQ") && misuse.getMessage().contains("awaiting a reply"),
                misuse.getMessage());
        }
    }

    @Test
    void repSendingBeforeReceivingIsWrongState()
    {
        try (Socket rep = context.socket(SocketType.REP))
        {
            rep.bind("inproc://rep-fsm");
            assertEquals(Status.WRONG_STATE, rep.send("nope".getBytes(), 0));
            final RingMqException misuse = assertThrows(RingMqException.class, () -> rep.send("nope"));
            assertTrue(misuse.getMessage().contains("REP socket cannot send in state 'awaiting a request'"),
                misuse.getMessage());
        }
    }

    @Test
    void reqMessageFormatSeenByRouter()
    {
        try (Socket router = context.socket(SocketType.ROUTER); Socket req = context.socket(SocketType.REQ))
        {
            router.bind("inproc://format");
            req.setOption(SocketOption.ROUTING_ID, "R1".getBytes());
            req.connect("inproc://format");
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

    @Test
    void reqRoundRobinsAndListensOnlyToThePeerItAsked()
    {
        try (Socket req = context.socket(SocketType.REQ))
        {
            req.setOption(SocketOption.ROUTING_ID, "REQ".getBytes());
            req.bind("inproc://peers");
            final Socket[] routers = new Socket[3];
            for (int i = 0; i < routers.length; i++)
            {
                routers[i] = context.socket(SocketType.ROUTER);
                routers[i].connect("inproc://peers");
            }
            req.canSend(); // take in the three connections
            final Set<Integer> asked = new HashSet<>();
            for (int round = 0; round < 3; round++)
            {
                req.send("Q" + round);
                int askedIndex = -1;
                for (int i = 0; i < routers.length; i++)
                {
                    if (routers[i].recv(Socket.DONTWAIT) >= 0)
                    {
                        askedIndex = i;
                        assertEquals("REQ", routers[i].frame().getStringWithoutLengthAscii(0, 3));
                        assertEquals("", routers[i].recvString());
                        assertEquals("Q" + round, routers[i].recvString());
                    }
                }
                assertTrue(askedIndex >= 0);
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
                routers[askedIndex].sendMore("REQ");
                routers[askedIndex].sendMore("");
                routers[askedIndex].send("A" + round);
                assertEquals("A" + round, req.recvString());
                asked.add(askedIndex);
            }
            assertEquals(3, asked.size(), "each request went to the next peer");
            for (final Socket router : routers)
            {
                router.close();
            }
        }
    }

    @Test
    void repPreservesTheEnvelopeForDealers()
    {
        try (Socket rep = context.socket(SocketType.REP); Socket dealer = context.socket(SocketType.DEALER))
        {
            rep.bind("inproc://envelope");
            dealer.connect("inproc://envelope");
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

    @Test
    void repDropsRequestsWithoutDelimiter()
    {
        try (Socket rep = context.socket(SocketType.REP); Socket dealer = context.socket(SocketType.DEALER))
        {
            rep.bind("inproc://malformed");
            dealer.connect("inproc://malformed");
            dealer.send("no envelope");
            dealer.sendMore("");
            dealer.send("good");
            assertEquals("good", rep.recvString());
        }
    }

    @Test
    void repFairQueuesRequests()
    {
        try (Socket rep = context.socket(SocketType.REP))
        {
            rep.bind("inproc://fair");
            final Socket[] reqs = new Socket[3];
            for (int i = 0; i < reqs.length; i++)
            {
                reqs[i] = context.socket(SocketType.REQ);
                reqs[i].connect("inproc://fair");
                reqs[i].send("from " + i);
            }
            final Set<String> seen = new HashSet<>();
            for (int i = 0; i < reqs.length; i++)
            {
                final String request = rep.recvString();
                seen.add(request);
                rep.send("re " + request);
            }
            assertEquals(Set.of("from 0", "from 1", "from 2"), seen);
            for (int i = 0; i < reqs.length; i++)
            {
                assertEquals("re from " + i, reqs[i].recvString(), "each reply goes back to its requester");
                reqs[i].close();
            }
        }
    }

    @Test
    void reqRelaxedAndCorrelateDropStaleReplies()
    {
        try (Socket router = context.socket(SocketType.ROUTER); Socket req = context.socket(SocketType.REQ))
        {
            router.bind("inproc://relaxed");
            req.setOption(SocketOption.REQ_RELAXED, true);
            req.setOption(SocketOption.REQ_CORRELATE, true);
            req.connect("inproc://relaxed");

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
        try (Socket req = context.socket(SocketType.REQ))
        {
            req.setOption(SocketOption.SNDTIMEO, 5);
            assertEquals(Status.WOULD_BLOCK, req.send("x".getBytes(), Socket.DONTWAIT));
            assertFalse(req.send("x"));
        }
    }
}
