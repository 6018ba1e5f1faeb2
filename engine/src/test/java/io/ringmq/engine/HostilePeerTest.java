package io.ringmq.engine;

import io.ringmq.codecs.CommandEncoder;
import io.ringmq.interop.LibzmqPeer;
import io.ringmq.transports.TransportEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's one-packet outage, over every transport: a peer announcing a frame of gigabytes, at any point of the
 * handshake, costs that connection at most, never the I/O thread; a peer connected before the attack and a libzmq
 * peer that comes after it both complete round trips.
 */
@Timeout(60)
@ExtendWith(LibzmqPeerExtension.class)
class HostilePeerTest
{
    /** The 9 bytes of the report: a long message frame announcing 0x7fffff9c bytes. */
    private static final byte[] TWO_GIB_MESSAGE = {0x02, 0, 0, 0, 0, 0x7f, (byte)0xff, (byte)0xff, (byte)0x9c};
    /** The same size on a command frame. */
    private static final byte[] TWO_GIB_COMMAND = {0x06, 0, 0, 0, 0, 0x7f, (byte)0xff, (byte)0xff, (byte)0x9c};
    /** A size with the top bit set: 2^64 - 1 as unsigned, negative as a Java long. */
    private static final byte[] HUGE_LONG_COMMAND = {0x06, -1, -1, -1, -1, -1, -1, -1, -1};

    private final List<long[]> events = new CopyOnWriteArrayList<>();
    private Context context;
    private LibzmqPeers peers;
    private Socket server;
    private String endpoint;
    @TempDir
    Path dir;

    @BeforeEach
    void start(final LibzmqPeers peers)
    {
        context = Context.builder().ioThreads(1).idleStrategy(WaitStrategy.BLOCK).build();
        this.peers = peers;
    }

    @AfterEach
    void stop()
    {
        context.close();
    }

    private void bindServer(final String transport)
    {
        server = context.socket(SocketType.REP);
        server.setOption(SocketOption.RCVTIMEO, 10_000);
        server.setOption(SocketOption.SNDTIMEO, 10_000);
        server.monitor((event, value, where) -> events.add(new long[]{event, value}), MonitorEvent.ALL);
        endpoint = bindTo(server, transport, "server");
    }

    private String bindTo(final Socket socket, final String transport, final String name)
    {
        socket.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "ipc://" + dir.resolve(name + ".sock"));
        return socket.lastEndpoint();
    }

    private Socket connectedClient()
    {
        final Socket client = context.socket(SocketType.REQ);
        client.setOption(SocketOption.RCVTIMEO, 10_000);
        client.setOption(SocketOption.SNDTIMEO, 10_000);
        client.setOption(SocketOption.LINGER, 0);
        client.connect(endpoint);
        return client;
    }

    private void roundTrip(final Socket client, final String body)
    {
        assertTrue(client.send(body));
        assertEquals(body, server.recvString(), "the server got the request");
        assertTrue(server.send(body));
        assertEquals(body, client.recvString(), "the client got the reply");
    }

    private void libzmqRoundTrip()
    {
        final LibzmqPeer peer = peers.start();
        peer.socket("c", "REQ");
        peer.connect("c", endpoint);
        peer.send("c", "after the attack".getBytes());
        assertEquals("after the attack", server.recvString());
        server.send("reply");
        final List<byte[]> reply = peer.recv("c", 10_000);
        assertNotNull(reply, "libzmq got no reply");
        assertArrayEquals("reply".getBytes(), reply.get(0));
    }

    private static byte[] readyFrom(final SocketType type)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = CommandEncoder.encodeReady(buffer, 0, type.wire(), new UnsafeBuffer(new byte[0]), 0, 0);
        final byte[] ready = new byte[length];
        buffer.getBytes(0, ready);
        return ready;
    }

    private static byte[] concat(final byte[]... parts)
    {
        int length = 0;
        for (final byte[] part : parts)
        {
            length += part.length;
        }
        final byte[] all = new byte[length];
        int position = 0;
        for (final byte[] part : parts)
        {
            System.arraycopy(part, 0, all, position, part.length);
            position += part.length;
        }
        return all;
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void aMessageFrameAnnouncingTwoGibibytesAfterReadyCostsNoOtherPeerAnything(final String transport) throws Exception
    {
        bindServer(transport);
        try (Socket before = connectedClient())
        {
            roundTrip(before, "before the attack");
            try (RawPeer attacker = RawPeer.connect(endpoint))
            {
                attacker.write(concat(RawPeer.nullGreeting(), readyFrom(SocketType.REQ), TWO_GIB_MESSAGE));
                // The frame is legal as announced (MAXMSGSIZE is unlimited by default): the connection stays, holding
                // only what arrived. A hundred more bytes of it change nothing for anyone else.
                attacker.write(new byte[100]);
                roundTrip(before, "during the attack");
                libzmqRoundTrip();
            }
            roundTrip(before, "after the attack");
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void aCommandAnnouncingTwoGibibytesBeforeReadyIsRefused(final String transport) throws Exception
    {
        bindServer(transport);
        try (Socket before = connectedClient())
        {
            roundTrip(before, "before the attack");
            for (final byte[] header : new byte[][]{TWO_GIB_COMMAND, HUGE_LONG_COMMAND})
            {
                try (RawPeer attacker = RawPeer.connect(endpoint))
                {
                    attacker.write(concat(RawPeer.nullGreeting(), header));
                    assertTrue(attacker.closedByPeerWithin(10_000), "the attacker's connection was dropped");
                }
            }
            roundTrip(before, "after the attack");
            libzmqRoundTrip();
        }
        assertTrue(waitForProtocolFailures(2), "two HANDSHAKE_FAILED_PROTOCOL events: " + describe());
        for (final long[] event : events)
        {
            if (event[0] == MonitorEvent.HANDSHAKE_FAILED_PROTOCOL)
            {
                assertEquals(TransportEvent.PROTOCOL_ERROR_ZMTP_UNSPECIFIED, event[1], "libzmq's ZMTP_UNSPECIFIED");
            }
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void aCommandOverTheHandshakeLimitIsRefusedAndTheLimitIsConfigurable(final String transport) throws Exception
    {
        bindServer(transport);
        // 70,000 bytes of a READY that really arrive: over the default limit of 64 KiB.
        final byte[] body = new byte[70_000];
        final byte[] header = {0x06, 0, 0, 0, 0, 0, 1, 0x11, 0x70};
        try (RawPeer attacker = RawPeer.connect(endpoint))
        {
            attacker.write(concat(RawPeer.nullGreeting(), header));
            assertTrue(attacker.closedByPeerWithin(10_000), "refused at the header, before the body arrived");
        }
        assertEquals(Integer.valueOf(65536), server.getOption(SocketOption.HANDSHAKE_MAX_COMMAND));
        final Socket tight = context.socket(SocketType.REP);
        tight.setOption(SocketOption.HANDSHAKE_MAX_COMMAND, 16);
        final String tightEndpoint = bindTo(tight, transport, "tight");
        try (Socket client = context.socket(SocketType.REQ))
        {
            client.setOption(SocketOption.SNDTIMEO, 1_000);
            client.setOption(SocketOption.LINGER, 0);
            client.connect(tightEndpoint);
            client.send("never delivered");
            tight.setOption(SocketOption.RCVTIMEO, 500);
            assertEquals(Status.WOULD_BLOCK, tight.recv(0), "a READY over 16 bytes never completes the handshake");
        }
        assertFalse(events.isEmpty());
        tight.close();
    }

    private boolean waitForProtocolFailures(final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() - deadline < 0)
        {
            int seen = 0;
            for (final long[] event : events)
            {
                seen += event[0] == MonitorEvent.HANDSHAKE_FAILED_PROTOCOL ? 1 : 0;
            }
            if (seen >= count)
            {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private String describe()
    {
        final StringBuilder text = new StringBuilder();
        for (final long[] event : events)
        {
            text.append(MonitorEvent.name((int)event[0])).append('(').append(Long.toHexString(event[1])).append(") ");
        }
        return text.toString();
    }
}
