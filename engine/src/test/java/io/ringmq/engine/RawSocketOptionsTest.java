package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw sockets' options: STREAM_NOTIFY off drops the empty connect message, and a ROUTER with ROUTER_RAW serves a
 * raw TCP client exactly as a STREAM socket does (libzmq's raw_socket).
 */
@Timeout(60)
class RawSocketOptionsTest
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

    private static void connect(final java.net.Socket client, final String endpoint) throws Exception
    {
        final URI uri = URI.create(endpoint);
        client.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        client.setSoTimeout(10_000);
    }

    @Test
    void rawRouterServesARawTcpClient() throws Exception
    {
        try (Socket router = context.socket(SocketType.ROUTER); java.net.Socket client = new java.net.Socket())
        {
            router.setOption(SocketOption.RCVTIMEO, 10_000);
            router.setOption(SocketOption.ROUTER_RAW, true);
            router.bind("tcp://127.0.0.1:*");
            connect(client, router.lastEndpoint());

            final byte[] id = router.recv();
            assertTrue(router.hasMore());
            assertEquals(0, router.recv().length, "a connection is announced by an empty frame");

            client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            final StringBuilder got = new StringBuilder();
            while (got.length() < 4)
            {
                assertArrayEquals(id, router.recv());
                got.append(new String(router.recv(), StandardCharsets.US_ASCII));
            }
            assertEquals("ping", got.toString(), "raw bytes, no ZMTP greeting");

            router.sendMore(id);
            router.send("pong");
            final byte[] reply = new byte[4];
            int read = 0;
            final InputStream in = client.getInputStream();
            while (read < 4)
            {
                final int n = in.read(reply, read, 4 - read);
                assertTrue(n > 0, "the reply arrives");
                read += n;
            }
            assertEquals("pong", new String(reply, StandardCharsets.US_ASCII), "written raw, no ZMTP framing");
        }
    }

    @Test
    void streamNotifyOffDeliversDataWithoutTheConnectNotification() throws Exception
    {
        try (Socket stream = context.socket(SocketType.STREAM); java.net.Socket client = new java.net.Socket())
        {
            stream.setOption(SocketOption.RCVTIMEO, 10_000);
            stream.setOption(SocketOption.STREAM_NOTIFY, false);
            stream.bind("tcp://127.0.0.1:*");
            final URI uri = URI.create(stream.lastEndpoint());
            client.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            client.getOutputStream().write(new byte[]{'h', 'i'});
            client.getOutputStream().flush();

            final byte[] id = stream.recv();
            assertTrue(stream.hasMore());
            assertArrayEquals(new byte[]{'h', 'i'}, stream.recv(),
                "the first message is data, not an empty notification");

            stream.sendMore(id);
            stream.send(new byte[0]); // close the connection
            final InputStream in = client.getInputStream();
            assertEquals(-1, in.read(), "closed");
        }
    }
}
