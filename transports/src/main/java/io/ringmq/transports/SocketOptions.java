package io.ringmq.transports;

import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * Applies the per-connection socket options: TCP_NODELAY always (latency first), buffers and keep-alive as
 * configured. Unix domain sockets take none of the TCP ones.
 */
final class SocketOptions
{
    private SocketOptions()
    {
    }

    static void apply(final SocketChannel channel, final ConnectionConfig config) throws IOException
    {
        channel.configureBlocking(false);
        if (!channel.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY))
        {
            return;
        }
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (config.sndBuf > 0)
        {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, config.sndBuf);
        }
        if (config.rcvBuf > 0)
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.rcvBuf);
        }
        if (config.tcpKeepAlive >= 0)
        {
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, config.tcpKeepAlive == 1);
        }
        if (config.tcpKeepAlive == 1)
        {
            setIfSupported(channel, ExtendedSocketOptions.TCP_KEEPIDLE, config.tcpKeepAliveIdle);
            setIfSupported(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL, config.tcpKeepAliveIntvl);
            setIfSupported(channel, ExtendedSocketOptions.TCP_KEEPCOUNT, config.tcpKeepAliveCnt);
        }
    }

    private static void setIfSupported(
        final SocketChannel channel, final java.net.SocketOption<Integer> option, final int value) throws IOException
    {
        if (value > 0 && channel.supportedOptions().contains(option))
        {
            channel.setOption(option, value);
        }
    }
}
