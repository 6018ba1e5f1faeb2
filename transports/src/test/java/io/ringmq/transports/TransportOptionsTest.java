package io.ringmq.transports;

import io.ringmq.transports.zmtp.StreamEngineConfig;
import io.ringmq.codecs.SocketType;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport options record: a connection's snapshot is independent of later changes, and accept-filter masks
 * match as libzmq's. What the channels and agents do with it: {@code SocketOptionsTest}, {@code IoThreadsTest}.
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
}
