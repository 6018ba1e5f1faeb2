package io.ringmq.cli;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's connection flood, measured as the report measured it: the resident memory of a {@code bin/ringmq}
 * process (RSS after a GC) while 5,000 peers hold connections to it, first idle or half-greeted, then 5,000 others
 * handshaken and idle; after each, a legitimate peer completes a round trip. The bound asserted is the issue's
 * (200 MiB for 5,000); the figures per connection are printed for RELIABILITY.md.
 */
@Timeout(240)
class ConnectionMemoryIT
{
    private static final int CONNECTIONS = 5_000;
    private static final long MAX_GROWTH = 200L << 20;
    /** A ZMTP 3 greeting is 64 bytes; a server sends its first 11 (signature and major version) at once. */
    private static final int GREETING_LENGTH = 64;
    private static final int GREETING_EAGER_LENGTH = 11;

    @Test
    void fiveThousandIdleHalfGreetedAndHandshakenConnectionsStayUnder200MiB() throws Exception
    {
        try (RingMqProcess server = RingMqProcess.start("recv", "REP", "tcp://127.0.0.1:0", "--bind");
             Context context = Context.create())
        {
            final String endpoint = server.boundEndpoint();
            final long pid = server.pid();
            roundTrip(context, endpoint, "warm-up");
            final long baseline = rssAfterGc(pid);

            final List<SocketChannel> peers = new ArrayList<>(CONNECTIONS);
            try
            {
                final InetSocketAddress address = address(endpoint);
                final byte[] greeting = greeting();
                for (int i = 0; i < CONNECTIONS; i++)
                {
                    final SocketChannel peer = SocketChannel.open(address);
                    if (i % 2 == 1)
                    {
                        write(peer, greeting, 0, 11); // half a greeting: signature and major version
                    }
                    peers.add(peer);
                }
                for (final SocketChannel peer : peers)
                {
                    read(peer, GREETING_EAGER_LENGTH); // the server's first bytes: it serves us
                }
                final long unhandshaken = rssAfterGc(pid) - baseline;
                System.out.printf("%,d idle or half-greeted connections: RSS +%,d KiB (%.1f KiB each)%n",
                    CONNECTIONS, unhandshaken >> 10, unhandshaken / 1024.0 / CONNECTIONS);
                assertTrue(unhandshaken <= MAX_GROWTH, "RSS grew by " + (unhandshaken >> 20) + " MiB");
                roundTrip(context, endpoint, "after the idle flood");
                // Unhandshaken connections are dropped after HANDSHAKE_IVL (30 s): start again with peers that
                // complete their handshake at once. The baseline stays the one before any flood.
                for (final SocketChannel peer : peers)
                {
                    peer.close();
                }
                peers.clear();

                final byte[] ready = ready();
                for (int i = 0; i < CONNECTIONS; i++)
                {
                    final SocketChannel peer = SocketChannel.open(address);
                    write(peer, greeting, 0, greeting.length);
                    write(peer, ready, 0, ready.length);
                    peers.add(peer);
                }
                for (final SocketChannel peer : peers)
                {
                    read(peer, GREETING_LENGTH);
                    final ByteBuffer header = read(peer, 2);
                    read(peer, header.get(1) & 0xFF); // the server's READY: the handshake is done
                }
                final long handshaken = rssAfterGc(pid) - baseline;
                System.out.printf("%,d handshaken idle connections: RSS +%,d KiB (%.1f KiB each)%n",
                    CONNECTIONS, handshaken >> 10, handshaken / 1024.0 / CONNECTIONS);
                assertTrue(handshaken <= MAX_GROWTH, "RSS grew by " + (handshaken >> 20) + " MiB");
                roundTrip(context, endpoint, "after the handshaken flood");
            }
            finally
            {
                for (final SocketChannel peer : peers)
                {
                    peer.close();
                }
            }
        }
    }

    private static void roundTrip(final Context context, final String endpoint, final String body)
    {
        try (Socket client = context.socket(SocketType.REQ))
        {
            client.setOption(SocketOption.RCVTIMEO, 20_000);
            client.setOption(SocketOption.LINGER, 0);
            client.connect(endpoint);
            assertTrue(client.send(body));
            assertEquals(body, client.recvString(), "the echo of a legitimate peer");
        }
    }

    /**
     * A NULL-mechanism ZMTP 3.1 greeting (RFC 37), written out by hand: the cli's tests reach the library through
     * io.ringmq.engine only, and these 64 bytes are fixed.
     */
    private static byte[] greeting()
    {
        final byte[] greeting = new byte[GREETING_LENGTH];
        greeting[0] = (byte)0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        System.arraycopy("NULL".getBytes(StandardCharsets.US_ASCII), 0, greeting, 12, 4);
        return greeting;
    }

    /** READY as a REQ sends it: a short command frame with Socket-Type and an empty Identity. */
    private static byte[] ready()
    {
        final ByteBuffer body = ByteBuffer.allocate(255);
        body.put((byte)5).put("READY".getBytes(StandardCharsets.US_ASCII));
        property(body, "Socket-Type", "REQ");
        property(body, "Identity", "");
        body.flip();
        final ByteBuffer frame = ByteBuffer.allocate(2 + body.remaining());
        frame.put((byte)0x04).put((byte)body.remaining()).put(body);
        return frame.array();
    }

    private static void property(final ByteBuffer body, final String name, final String value)
    {
        final byte[] valueBytes = value.getBytes(StandardCharsets.US_ASCII);
        body.put((byte)name.length()).put(name.getBytes(StandardCharsets.US_ASCII));
        body.putInt(valueBytes.length).put(valueBytes);
    }

    private static InetSocketAddress address(final String endpoint)
    {
        final String hostPort = endpoint.substring("tcp://".length());
        final int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static void write(final SocketChannel peer, final byte[] bytes, final int offset, final int length)
        throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining())
        {
            peer.write(buffer);
        }
    }

    private static ByteBuffer read(final SocketChannel peer, final int length) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining())
        {
            if (peer.read(buffer) < 0)
            {
                throw new IOException("the server closed a connection");
            }
        }
        return buffer.flip();
    }

    /** The server's resident set after a full GC (jcmd), in bytes. */
    private static long rssAfterGc(final long pid) throws Exception
    {
        final Process gc = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "GC.run")
            .redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        assertTrue(gc.waitFor(60, TimeUnit.SECONDS), "jcmd GC.run");
        Thread.sleep(200);
        for (final String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
        {
            if (line.startsWith("VmRSS:"))
            {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }
}
