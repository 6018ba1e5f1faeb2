package io.ringmq.transports.channels;

import io.ringmq.transports.AddressMask;
import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.TransportOptions;
import io.ringmq.transports.agent.IoAgent;
import io.ringmq.transports.agent.IoThreads;
import io.ringmq.transports.zmtp.StreamEngineConfig;
import io.ringmq.codecs.SocketType;
import io.ringmq.rings.IdleStrategyKind;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport options record and what the transports do with it: snapshots are independent, TOS reaches the
 * channel, accept-filter masks match as libzmq's, and AFFINITY picks the I/O agent.
 */
class TransportOptionsTest
{
    @Test
    void aConnectionConfigSnapshotsTheOptions()
    {
        final TransportOptions options = new TransportOptions().reconnectIvlMs(50).tos(0x10);
        options.addTcpAcceptFilter(AddressMask.parse("10.0.0.0/8"));
        final ConnectionConfig config = new ConnectionConfig(new StreamEngineConfig(SocketType.PUSH), null, options);
        options.reconnectIvlMs(-1).tos(0).addTcpAcceptFilter(null);
        assertEquals(50, config.options().reconnectIvlMs(), "later changes do not reach the snapshot");
        assertEquals(50_000_000L, config.reconnectIvlNs());
        assertEquals(0x10, config.options().tos());
        assertEquals(1, config.options().tcpAcceptFilters().size());
        assertEquals(-1, new ConnectionConfig(new StreamEngineConfig(SocketType.PUSH), null,
            new TransportOptions().reconnectIvlMs(-1)).reconnectIvlNs(), "never reconnect");
    }

    @Test
    void tosIsAppliedToTcpConnections() throws Exception
    {
        try (ServerSocketChannel server = ServerSocketChannel.open())
        {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel accepted = server.accept())
            {
                final ConnectionConfig config = new ConnectionConfig(new StreamEngineConfig(SocketType.PUSH), null,
                    new TransportOptions().tos(0x20));
                SocketOptions.apply(client, config);
                assertEquals(0x20, client.getOption(StandardSocketOptions.IP_TOS));
                assertTrue(client.getOption(StandardSocketOptions.TCP_NODELAY));
            }
        }
    }

    @Test
    void addressMasksMatchByPrefix() throws Exception
    {
        assertTrue(AddressMask.parse("10.1.2.0/24").matches(InetAddress.getByName("10.1.2.200")));
        assertFalse(AddressMask.parse("10.1.2.0/24").matches(InetAddress.getByName("10.1.3.1")));
        assertTrue(AddressMask.parse("10.1.2.128/25").matches(InetAddress.getByName("10.1.2.129")));
        assertFalse(AddressMask.parse("10.1.2.128/25").matches(InetAddress.getByName("10.1.2.127")));
        assertTrue(AddressMask.parse("127.0.0.1").matches(InetAddress.getByName("127.0.0.1")));
        assertFalse(AddressMask.parse("127.0.0.1").matches(InetAddress.getByName("127.0.0.2")));
        assertTrue(AddressMask.parse("0.0.0.0/0").matches(InetAddress.getByName("192.0.2.1")));
        assertTrue(AddressMask.parse("fe80::/10").matches(InetAddress.getByName("fe80::1")));
        assertFalse(AddressMask.parse("::1").matches(InetAddress.getByName("127.0.0.1")), "families differ");
        assertThrows(IllegalArgumentException.class, () -> AddressMask.parse("localhost"), "no name lookups");
        assertThrows(IllegalArgumentException.class, () -> AddressMask.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressMask.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> AddressMask.parse(""));
        assertThrows(IllegalArgumentException.class, () -> AddressMask.parse("1.2.3.4.5"), "never a name lookup");
        assertThrows(IllegalArgumentException.class, () -> AddressMask.parse("10.1"), "a dotted quad, as inet_pton");
        assertThrows(IllegalArgumentException.class, () -> AddressMask.parse("10.0.0.256"));
        assertThrows(IllegalArgumentException.class, () -> AddressMask.parse("fe80::zz"));
    }

    @Test
    void affinityChoosesAmongTheAllowedAgents()
    {
        try (IoThreads threads = new IoThreads(3, IdleStrategyKind.BLOCK, new int[0], SystemNanoClock.INSTANCE,
            Throwable::printStackTrace))
        {
            final IoAgent third = threads.choose(0b100);
            assertSame(third, threads.choose(0b100), "only the third may serve");
            final IoAgent first = threads.choose(0b001);
            assertNotSame(first, third);
            final IoAgent a = threads.choose(0b011);
            final IoAgent b = threads.choose(0b011);
            assertNotSame(a, b, "turns among the allowed ones");
            assertTrue(a == first || b == first);
            assertFalse(a == third || b == third);
            final IoAgent any = threads.choose(1L << 40);
            assertTrue(any != null, "a mask naming no agent allows any, as AFFINITY 0 does");
        }
    }
}
