package io.ringmq.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_pair_inproc, test_pair_tcp and test_pair_ipc: each case over inproc, tcp and ipc. */
@Timeout(10)
class PairTest
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
    void bounceBothWays(final Transport transport)
    {
        try (Socket server = socket(SocketType.PAIR); Socket client = socket(SocketType.PAIR))
        {
            final String endpoint = transport.bind(server, "a", dir);
            client.connect(endpoint);
            assertEquals(endpoint, client.lastEndpoint());
            assertEquals(endpoint, server.getOption(SocketOption.LAST_ENDPOINT));

            client.sendMore("ping");
            client.send("");
            assertEquals("ping", server.recvString());
            assertTrue(server.hasMore());
            assertEquals("", server.recvString());
            assertFalse(server.hasMore());

            server.send("pong");
            assertEquals("pong", client.recvString());

            for (int i = 0; i < 1_000; i++)
            {
                client.send("ping " + i);
                assertEquals("ping " + i, server.recvString());
                server.send("pong " + i);
                assertEquals("pong " + i, client.recvString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void connectBeforeBindQueuesUntilBind(final Transport transport)
    {
        try (Socket server = socket(SocketType.PAIR); Socket client = socket(SocketType.PAIR))
        {
            final String endpoint = transport.endpoint("later", dir);
            client.connect(endpoint);
            for (int i = 0; i < 500; i++)
            {
                assertTrue(client.send("early " + i));
            }
            server.bind(endpoint);
            for (int i = 0; i < 500; i++)
            {
                assertEquals("early " + i, server.recvString());
            }
            server.send("back");
            assertEquals("back", client.recvString());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void secondPeerIsRefused(final Transport transport)
    {
        try (Socket server = socket(SocketType.PAIR);
             Socket first = socket(SocketType.PAIR);
             Socket second = socket(SocketType.PAIR))
        {
            final List<Integer> events = new CopyOnWriteArrayList<>();
            server.monitor((event, value, where) -> events.add(event), MonitorEvent.ALL);
            final String endpoint = transport.bind(server, "pair", dir);
            first.connect(endpoint);
            Transport.awaitPeers(server, 1); // over the network, so that the first is first
            second.connect(endpoint);
            assertEquals(Status.OK, first.send("one".getBytes(), Socket.DONTWAIT));
            assertEquals("one", server.recvString());
            if (transport.isNetwork())
            {
                // The server refuses the second connection when it takes it in, after its handshake. A refused
                // network connection is retried, as in libzmq, and its queue kept: what it sends never arrives.
                Transport.await("the second connection's handshake", () ->
                    events.stream().filter(e -> e == MonitorEvent.HANDSHAKE_SUCCEEDED).count() >= 2);
                second.send("two".getBytes(), Socket.DONTWAIT);
                assertEquals(Status.OK, first.send("three".getBytes(), Socket.DONTWAIT));
                assertEquals("three", server.recvString());
                assertEquals(1, server.links().size());
            }
            else
            {
                // The refused connection is closed: the second PAIR has nobody to send to.
                assertEquals(Status.WOULD_BLOCK, second.send("two".getBytes(), Socket.DONTWAIT));
            }
            assertEquals(Status.WOULD_BLOCK, server.recv(Socket.DONTWAIT));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void zeroCopyReceiveViewAndCopyIntoCallerBuffer(final Transport transport)
    {
        try (Socket server = socket(SocketType.PAIR); Socket client = socket(SocketType.PAIR))
        {
            client.connect(transport.bind(server, "view", dir));
            final UnsafeBuffer out = new UnsafeBuffer(new byte[16]);
            out.putLong(0, 0x1122334455667788L);
            assertEquals(Status.OK, client.send(out, 0, 8, 0));
            assertEquals(8, server.recv(0));
            assertEquals(0x1122334455667788L, server.frame().getLong(0));

            client.send("truncate me".getBytes(), 0);
            final UnsafeBuffer small = new UnsafeBuffer(new byte[8]);
            assertEquals(11, server.recv(small, 0, 0), "full length reported, as zmq_recv");
            assertEquals("truncate", small.getStringWithoutLengthAscii(0, 8));
        }
    }

    @Test
    void misuseIsAClearException()
    {
        final Socket socket = context.socket(SocketType.PAIR);
        final RingMqException transport = assertThrows(RingMqException.class,
            () -> socket.bind("pgm://eth0;239.192.1.1:5555"));
        assertTrue(transport.getMessage().contains("EPROTONOSUPPORT"), transport.getMessage());
        assertTrue(transport.getMessage().contains("PAIR"), transport.getMessage());
        final RingMqException option = assertThrows(RingMqException.class,
            () -> socket.setOption(SocketOption.SUBSCRIBE, new byte[0]));
        assertTrue(option.getMessage().contains("ZMQ_SUBSCRIBE") && option.getMessage().contains("PAIR"),
            option.getMessage());
        assertThrows(RingMqException.class, () -> socket.setOption(SocketOption.ROUTING_ID, new byte[]{0, 1}));
        socket.bind("inproc://taken");
        try (Socket other = context.socket(SocketType.PAIR))
        {
            final RingMqException inUse = assertThrows(RingMqException.class, () -> other.bind("inproc://taken"));
            assertTrue(inUse.getMessage().contains("EADDRINUSE"));
        }
        socket.close();
        final RingMqException closed = assertThrows(RingMqException.class, () -> socket.send("x"));
        assertEquals("PAIR socket is closed", closed.getMessage());
        try (Socket again = context.socket(SocketType.PAIR))
        {
            again.bind("inproc://taken"); // closing released the name
        }
    }
}
