package io.ringmq.engine;

import io.ringmq.codecs.SocketType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.*;

/** After libzmq's test_pair_inproc. */
@Timeout(10)
class PairInprocTest
{
    private final Context context = Context.create();

    @AfterEach
    void close()
    {
        context.close();
    }

    @Test
    void bounceBothWays()
    {
        try (Socket server = context.socket(SocketType.PAIR); Socket client = context.socket(SocketType.PAIR))
        {
            server.bind("inproc://a");
            client.connect("inproc://a");
            assertEquals("inproc://a", client.lastEndpoint());
            assertEquals("inproc://a", server.getOption(SocketOption.LAST_ENDPOINT));

            client.sendMore("ping");
            client.send("");
            assertEquals("ping", server.recvString());
            assertTrue(server.hasMore());
            assertEquals("", server.recvString());
            assertFalse(server.hasMore());

            server.send("pong");
            assertEquals("pong", client.recvString());
        }
    }

    @Test
    void connectBeforeBindQueuesUntilBind()
    {
        try (Socket server = context.socket(SocketType.PAIR); Socket client = context.socket(SocketType.PAIR))
        {
            client.connect("inproc://later");
            assertTrue(client.send("early"));
            server.bind("inproc://later");
            assertEquals("early", server.recvString());
            server.send("back");
            assertEquals("back", client.recvString());
        }
    }

    @Test
    void secondPeerIsRefused()
    {
        try (Socket server = context.socket(SocketType.PAIR);
             Socket first = context.socket(SocketType.PAIR);
             Socket second = context.socket(SocketType.PAIR))
        {
            server.bind("inproc://pair");
            first.connect("inproc://pair");
            second.connect("inproc://pair");
            assertEquals(Status.OK, first.send("one".getBytes(), Socket.DONTWAIT));
            assertEquals("one", server.recvString());
            // The refused connection is closed: the second PAIR has nobody to send to.
            assertEquals(Status.WOULD_BLOCK, second.send("two".getBytes(), Socket.DONTWAIT));
            assertEquals(Status.WOULD_BLOCK, server.recv(Socket.DONTWAIT));
        }
    }

    @Test
    void zeroCopyReceiveViewAndCopyIntoCallerBuffer()
    {
        try (Socket server = context.socket(SocketType.PAIR); Socket client = context.socket(SocketType.PAIR))
        {
            server.bind("inproc://view");
            client.connect("inproc://view");
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
        final RingMqException transport =
            assertThrows(RingMqException.class, () -> socket.bind("pgm://eth0;239.192.1.1:5555"));
        assertTrue(transport.getMessage().contains("EPROTONOSUPPORT"), transport.getMessage());
        assertTrue(transport.getMessage().contains("PAIR"), transport.getMessage());
        final RingMqException option =
            assertThrows(RingMqException.class, () -> socket.setOption(SocketOption.SUBSCRIBE, new byte[0]));
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
