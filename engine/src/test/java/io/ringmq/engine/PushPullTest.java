package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_spec_pushpull. */
@Timeout(10)
class PushPullTest
{
    private final Context context = Context.create();

    @AfterEach
    void close()
    {
        context.close();
    }

    @Test
    void pushRoundRobinsOutToConnectedPullers()
    {
        try (Socket push = context.socket(SocketType.PUSH))
        {
            push.bind("inproc://rr");
            final Socket[] pulls = new Socket[3];
            for (int i = 0; i < pulls.length; i++)
            {
                pulls[i] = context.socket(SocketType.PULL);
                pulls[i].connect("inproc://rr");
            }
            push.canSend(); // the PUSH picks up its three peers
            for (int i = 0; i < 6; i++)
            {
                assertTrue(push.send("m" + i));
            }
            // Whatever order the peers were attached in, each gets every third message, in order.
            final Set<String> firsts = new HashSet<>();
            for (final Socket pull : pulls)
            {
                final String first = pull.recvString();
                final String second = pull.recvString();
                firsts.add(first);
                assertEquals(Integer.parseInt(first.substring(1)) + 3, Integer.parseInt(second.substring(1)));
                assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT));
                pull.close();
            }
            assertEquals(Set.of("m0", "m1", "m2"), firsts);
        }
    }

    @Test
    void pullFairQueuesFromPushers()
    {
        try (Socket pull = context.socket(SocketType.PULL))
        {
            pull.bind("inproc://fq");
            final Socket[] pushes = new Socket[3];
            for (int i = 0; i < pushes.length; i++)
            {
                pushes[i] = context.socket(SocketType.PUSH);
                pushes[i].connect("inproc://fq");
                // Each pusher queues three messages before the puller reads anything.
                for (int j = 0; j < 3; j++)
                {
                    pushes[i].send("p" + i + "-" + j);
                }
            }
            // One message from each pusher per round, never two from one pusher in a row.
            for (int round = 0; round < 3; round++)
            {
                final Set<String> senders = new HashSet<>();
                for (int i = 0; i < 3; i++)
                {
                    final String message = pull.recvString();
                    assertTrue(message.endsWith("-" + round), message);
                    senders.add(message.substring(0, 2));
                }
                assertEquals(3, senders.size());
            }
            for (final Socket push : pushes)
            {
                push.close();
            }
        }
    }

    @Test
    void pushWithNoPeerWouldBlockAndTimesOut()
    {
        try (Socket push = context.socket(SocketType.PUSH))
        {
            push.bind("inproc://nobody");
            assertEquals(Status.WOULD_BLOCK, push.send("x".getBytes(), Socket.DONTWAIT));
            push.setOption(SocketOption.SNDTIMEO, 10);
            assertFalse(push.send("x"));
        }
    }

    @Test
    void multipartArrivesWholeWithMoreFlags()
    {
        try (Socket push = context.socket(SocketType.PUSH); Socket pull = context.socket(SocketType.PULL))
        {
            pull.bind("inproc://mp");
            push.connect("inproc://mp");
            push.sendMore("a");
            push.sendMore("b");
            assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT), "nothing visible until the last frame");
            final byte[] big = new byte[10_000];
            big[9_999] = 42;
            push.send(big);
            assertEquals("a", pull.recvString());
            assertTrue(pull.hasMore());
            assertEquals("b", pull.recvString());
            assertTrue(pull.hasMore());
            assertArrayEquals(big, pull.recv());
            assertFalse(pull.hasMore());
        }
    }

    @Test
    void messagesQueuedBeforeThePusherClosesAreStillDelivered()
    {
        try (Socket pull = context.socket(SocketType.PULL))
        {
            pull.bind("inproc://linger");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect("inproc://linger");
            push.send("1");
            push.send("2");
            push.close();
            assertEquals("1", pull.recvString());
            assertEquals("2", pull.recvString());
            assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT));
            assertTrue(pull.links().isEmpty(), "the drained, closed connection is forgotten");
        }
    }

    @Test
    void disconnectStopsTheFlowToThatEndpoint()
    {
        try (Socket push = context.socket(SocketType.PUSH);
             Socket a = context.socket(SocketType.PULL);
             Socket b = context.socket(SocketType.PULL))
        {
            a.bind("inproc://a");
            b.bind("inproc://b");
            push.connect("inproc://a");
            push.connect("inproc://b");
            push.disconnect("inproc://a");
            for (int i = 0; i < 4; i++)
            {
                push.send("to b");
            }
            for (int i = 0; i < 4; i++)
            {
                assertEquals("to b", b.recvString());
            }
            assertEquals(Status.WOULD_BLOCK, a.recv(Socket.DONTWAIT));
            assertThrows(RingMqException.class, () -> push.disconnect("inproc://a"));
        }
    }

    @Test
    void pushCannotReceiveAndPullCannotSend()
    {
        try (Socket push = context.socket(SocketType.PUSH); Socket pull = context.socket(SocketType.PULL))
        {
            assertThrows(RingMqException.class, () -> push.recv(0));
            assertThrows(RingMqException.class, () -> pull.send(new UnsafeBuffer(new byte[1]), 0, 1, 0));
        }
    }

    @Test
    void queueToAPeerIsDestroyedWhenItDisconnects()
    {
        // After libzmq's test_spec_pushpull test_destroy_queue_on_disconnect.
        try (Socket push = context.socket(SocketType.PUSH); Socket pull = context.socket(SocketType.PULL))
        {
            push.bind("inproc://destroy");
            pull.connect("inproc://destroy");
            push.send("queued 1");
            push.send("queued 2");
            pull.disconnect("inproc://destroy");
            assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT), "disconnected: nothing more arrives");
            assertEquals(Status.WOULD_BLOCK, push.send("x".getBytes(), Socket.DONTWAIT), "no peer left to send to");
            pull.connect("inproc://destroy");
            push.send("fresh");
            assertEquals("fresh", pull.recvString(), "the old queue did not come back");
        }
    }
}
