package io.ringmq.engine;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * STREAM sockets talk to raw TCP peers: [routing id, empty] announces a connection and its end, [routing id,
 * bytes] carries data both ways, and sending [routing id, empty] closes the connection, as in libzmq.
 */
@Timeout(60)
class StreamSocketTest
{
    private Context context;

    @BeforeEach
    void start()
    {
        context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
    }

    @AfterEach
    void stop()
    {
        context.close();
    }

    @Test
    void servesARawTcpClient() throws Exception
    {
        try (Socket stream = context.socket(SocketType.STREAM); java.net.Socket client = new java.net.Socket())
        {
            stream.setOption(SocketOption.RCVTIMEO, 10_000);
            stream.bind("tcp://127.0.0.1:*");
            final URI uri = URI.create(stream.lastEndpoint());
            client.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            client.setSoTimeout(10_000);

            final byte[] id = stream.recv();
            assertTrue(stream.hasMore());
            assertEquals(0, stream.recv().length, "a connection is announced by an empty frame");
            assertEquals(5, id.length, "libzmq-style generated routing id");

            final OutputStream out = client.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final StringBuilder request = new StringBuilder();
            while (request.length() < 18)
            {
                assertArrayEquals(id, stream.recv());
                request.append(new String(stream.recv(), StandardCharsets.US_ASCII));
            }
            assertEquals("GET / HTTP/1.0\r\n\r\n", request.toString());

            stream.sendMore(id);
            stream.send("HTTP/1.0 200 OK\r\n\r\nhello");
            stream.sendMore(id);
            stream.send(new byte[0]); // closes the connection after what was sent
            final InputStream in = client.getInputStream();
            assertEquals("HTTP/1.0 200 OK\r\n\r\nhello", new String(in.readAllBytes(), StandardCharsets.US_ASCII),
                "everything sent, then end of stream");

            assertArrayEquals(id, stream.recv());
            assertEquals(0, stream.recv().length, "the disconnection is announced too");
        }
    }

    @Test
    @ExtendWith(LibzmqPeerExtension.class)
    void talksToLibzmqStreamBothWays(final LibzmqPeer peer)
    {
        try (Socket stream = context.socket(SocketType.STREAM))
        {
            peer.socket("s", "STREAM");
            final String endpoint = peer.bind("s", "tcp://127.0.0.1:0");
            stream.setOption(SocketOption.RCVTIMEO, 10_000);
            stream.connect(endpoint);
            final byte[] ours = stream.recv();
            assertEquals(0, stream.recv().length);
            final List<byte[]> announced = peer.recv("s", 10_000);
            assertEquals(0, announced.get(1).length, "libzmq's STREAM announces us too");

            stream.sendMore(ours);
            stream.send("raw to libzmq");
            final List<byte[]> data = peer.recv("s", 10_000);
            assertArrayEquals(announced.get(0), data.get(0));
            assertArrayEquals("raw to libzmq".getBytes(StandardCharsets.US_ASCII), data.get(1));

            peer.send("s", announced.get(0), "raw back".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(ours, stream.recv());
            assertEquals("raw back", stream.recvString());
        }
    }
}
