package io.ringmq.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tcp endpoint forms and socket options as libzmq takes them: wildcard and ephemeral binds reported by
 * lastEndpoint, IPv6, the source-address form, host names, and the tcp options set before connecting.
 */
@Timeout(30)
class TcpAddressingTest
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

    private void roundTrip(final String bind, final String connect)
    {
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH))
        {
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.bind(bind);
            final String bound = pull.lastEndpoint();
            final String port = bound.substring(bound.lastIndexOf(':') + 1);
            assertTrue(Integer.parseInt(port) > 0, "the real port: " + bound);
            push.setOption(SocketOption.SNDBUF, 256 * 1024);
            push.setOption(SocketOption.RCVBUF, 256 * 1024);
            push.setOption(SocketOption.TCP_KEEPALIVE, 1);
            push.setOption(SocketOption.TCP_KEEPALIVE_IDLE, 30);
            push.setOption(SocketOption.CONNECT_TIMEOUT, 5_000);
            push.connect(connect.replace("PORT", port));
            assertTrue(push.send("via " + connect));
            assertEquals("via " + connect, pull.recvString());
        }
    }

    @Test
    void wildcardBindWithHostNameConnect()
    {
        roundTrip("tcp://*:*", "tcp://localhost:PORT");
    }

    @Test
    void sourceAddressForm()
    {
        roundTrip("tcp://127.0.0.1:0", "tcp://127.0.0.1:0;127.0.0.1:PORT");
    }

    @Test
    void ipv6Loopback() throws Exception
    {
        final boolean hasIpv6 = NetworkInterface.networkInterfaces().anyMatch(nic ->
            nic.inetAddresses().anyMatch(address -> address instanceof Inet6Address && address.isLoopbackAddress()));
        if (!hasIpv6)
        {
            // No IPv6 loopback on this machine: the wildcard bind must still serve IPv4.
            roundTrip("tcp://*:0", "tcp://127.0.0.1:PORT");
            return;
        }
        assertTrue(InetAddress.getByName("::1").isLoopbackAddress());
        roundTrip("tcp://[::1]:*", "tcp://[::1]:PORT");
    }
}
