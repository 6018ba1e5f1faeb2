package io.ringmq.transports.channels;

import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.TransportOptions;
import io.ringmq.transports.zmtp.StreamEngineConfig;
import io.ringmq.codecs.SocketType;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every channel gets from the transport options before a byte moves: TOS, and TCP_NODELAY always.
 */
class SocketOptionsTest
{
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
}
