package io.ringmq.cli;

import io.ringmq.codecs.CommandEncoder;
import io.ringmq.codecs.GreetingDescriptor;
import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.SocketType;
import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
                    read(peer, GreetingDescriptor.EAGER_SEND_LENGTH); // the server's first bytes: it serves us
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
                    read(peer, GreetingDescriptor.LENGTH);
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

    private static byte[] greeting()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[GreetingDescriptor.LENGTH]);
        GreetingDescriptor.encode(buffer, 0, Mechanism.NULL, false);
        return buffer.byteArray();
    }

    private static byte[] ready()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = CommandEncoder.encodeReady(buffer, 0, SocketType.REQ, new UnsafeBuffer(new byte[0]), 0, 0);
        final byte[] ready = new byte[length];
        buffer.getBytes(0, ready);
        return ready;
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
