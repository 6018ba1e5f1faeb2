package io.ringmq.transports.channels;

import io.ringmq.transports.ConnectionConfig;

import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * Applies the per-connection socket options: TCP_NODELAY always (latency first), buffers, TOS and
 * keep-alive as configured. Unix domain sockets take none of the TCP ones.
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
        if (config.options().sndBuf() > 0)
        {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, config.options().sndBuf());
        }
        if (config.options().rcvBuf() > 0)
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.options().rcvBuf());
        }
        final int tos = config.options().tos();
        if (tos > 0 && channel.supportedOptions().contains(StandardSocketOptions.IP_TOS))
        {
            channel.setOption(StandardSocketOptions.IP_TOS, tos);
        }
        if (config.options().tcpKeepAlive() >= 0)
        {
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, config.options().tcpKeepAlive() == 1);
        }
        if (config.options().tcpKeepAlive() == 1)
        {
            setIfSupported(channel, ExtendedSocketOptions.TCP_KEEPIDLE, config.options().tcpKeepAliveIdle());
            setIfSupported(channel, ExtendedSocketOptions.TCP_KEEPINTERVAL, config.options().tcpKeepAliveIntvl());
            setIfSupported(channel, ExtendedSocketOptions.TCP_KEEPCOUNT, config.options().tcpKeepAliveCnt());
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
