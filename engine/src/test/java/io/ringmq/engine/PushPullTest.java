package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_spec_pushpull, each case over inproc, tcp and ipc. */
@Timeout(20)
class PushPullTest
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
    void pushRoundRobinsOutToConnectedPullers(final Transport transport)
    {
        final int messages = 3_000;
        try (Socket push = socket(SocketType.PUSH))
        {
            final String endpoint = transport.bind(push, "rr", dir);
            final Socket[] pulls = new Socket[3];
            for (int i = 0; i < pulls.length; i++)
            {
                pulls[i] = socket(SocketType.PULL);
                pulls[i].connect(endpoint);
            }
            Transport.awaitPeers(push, 3); // the PUSH picks up its three peers
            for (int i = 0; i < messages; i++)
            {
                assertTrue(push.send("m" + i));
            }
            // Whatever order the peers were attached in, each gets every third message, in order.
            final Set<String> firsts = new HashSet<>();
            for (final Socket pull : pulls)
            {
                final String first = pull.recvString();
                firsts.add(first);
                int previous = Integer.parseInt(first.substring(1));
                for (int i = 1; i < messages / 3; i++)
                {
                    final int next = Integer.parseInt(pull.recvString().substring(1));
                    assertEquals(previous + 3, next);
                    previous = next;
                }
                assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT));
                pull.close();
            }
            assertEquals(Set.of("m0", "m1", "m2"), firsts);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pullFairQueuesFromPushers(final Transport transport)
    {
        final int perPusher = 1_000;
        try (Socket pull = socket(SocketType.PULL))
        {
            final String endpoint = transport.bind(pull, "fq", dir);
            final Socket[] pushes = new Socket[3];
            for (int i = 0; i < pushes.length; i++)
            {
                pushes[i] = socket(SocketType.PUSH);
                pushes[i].connect(endpoint);
                // Each pusher queues all its messages before the puller reads anything.
                for (int j = 0; j < perPusher; j++)
                {
                    pushes[i].send("p" + i + "-" + j);
                }
            }
            Transport.awaitPeers(pull, 3);
            // One message from each pusher per round, never two from one pusher in a row. Over the network a
            // queue may run dry for a moment while the rest is in flight, and fair queueing, as in libzmq, is
            // among the queues that hold a message: each round starts once all three do.
            for (int round = 0; round < perPusher; round++)
            {
                Transport.await("a message from every pusher",
                    () -> pull.links().stream().allMatch(link -> link.end.hasMessage()));
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

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pushWithNoPeerWouldBlockAndTimesOut(final Transport transport)
    {
        try (Socket push = socket(SocketType.PUSH))
        {
            transport.bind(push, "nobody", dir);
            assertEquals(Status.WOULD_BLOCK, push.send("x".getBytes(), Socket.DONTWAIT));
            push.setOption(SocketOption.SNDTIMEO, 10);
            assertFalse(push.send("x"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void multipartArrivesWholeWithMoreFlags(final Transport transport)
    {
        try (Socket push = socket(SocketType.PUSH); Socket pull = socket(SocketType.PULL))
        {
            push.connect(transport.bind(pull, "mp", dir));
            Transport.awaitPeers(pull, 1);
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

    @ParameterizedTest
    @EnumSource(Transport.class)
    void messagesQueuedBeforeThePusherClosesAreStillDelivered(final Transport transport)
    {
        final int messages = 2_000;
        try (Socket pull = socket(SocketType.PULL))
        {
            final String endpoint = transport.bind(pull, "linger", dir);
            final Socket push = socket(SocketType.PUSH);
            push.setOption(SocketOption.LINGER, -1); // what this case is about: close delivers what was queued
            push.connect(endpoint);
            for (int i = 0; i < messages; i++)
            {
                push.send(Integer.toString(i));
            }
            push.close();
            for (int i = 0; i < messages; i++)
            {
                assertEquals(Integer.toString(i), pull.recvString());
            }
            assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT));
            // Over the network the end of the connection reaches the puller after its last message.
            Transport.await("the closed connection forgotten", () ->
            {
                assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT)); // receiving lets go of a drained link
                return pull.links().isEmpty();
            });
            assertTrue(pull.links().isEmpty(), "the drained, closed connection is forgotten");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void disconnectStopsTheFlowToThatEndpoint(final Transport transport)
    {
        final int messages = 1_000;
        try (Socket push = socket(SocketType.PUSH);
             Socket a = socket(SocketType.PULL);
             Socket b = socket(SocketType.PULL))
        {
            final String toA = transport.bind(a, "a", dir);
            final String toB = transport.bind(b, "b", dir);
            push.connect(toA);
            push.connect(toB);
            push.disconnect(toA);
            for (int i = 0; i < messages; i++)
            {
                push.send("to b");
            }
            for (int i = 0; i < messages; i++)
            {
                assertEquals("to b", b.recvString());
            }
            assertEquals(Status.WOULD_BLOCK, a.recv(Socket.DONTWAIT));
            assertThrows(RingMqException.class, () -> push.disconnect(toA));
        }
    }

    @Test
    void pushCannotReceiveAndPullCannotSend()
    {
        try (Socket push = socket(SocketType.PUSH); Socket pull = socket(SocketType.PULL))
        {
            assertThrows(RingMqException.class, () -> push.recv(0));
            assertThrows(RingMqException.class, () -> pull.send(new UnsafeBuffer(new byte[1]), 0, 1, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void queueToAPeerIsDestroyedWhenItDisconnects(final Transport transport)
    {
        // After libzmq's test_spec_pushpull test_destroy_queue_on_disconnect.
        try (Socket push = socket(SocketType.PUSH); Socket pull = socket(SocketType.PULL))
        {
            final String endpoint = transport.bind(push, "destroy", dir);
            pull.connect(endpoint);
            Transport.awaitPeers(push, 1); // over the network a binding PUSH has no peer until the handshake
            push.send("queued 1");
            push.send("queued 2");
            pull.disconnect(endpoint);
            assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT), "disconnected: nothing more arrives");
            // Over the network the PUSH learns that the connection closed a moment later.
            Transport.await("the PUSH dropping the closed connection", () ->
                push.send("x".getBytes(), Socket.DONTWAIT) == Status.WOULD_BLOCK);
            assertEquals(Status.WOULD_BLOCK, push.send("x".getBytes(), Socket.DONTWAIT), "no peer left to send to");
            pull.connect(endpoint);
            Transport.awaitPeers(push, 1);
            push.send("fresh");
            assertEquals("fresh", pull.recvString(), "the old queue did not come back");
        }
    }
}
