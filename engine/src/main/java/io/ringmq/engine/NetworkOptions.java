package io.ringmq.engine;

import io.ringmq.codecs.SocketType;
import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.ConnectionLimits;
import io.ringmq.transports.StreamEngineConfig;

import java.util.concurrent.TimeUnit;

/**
 * The options only network transports read, with libzmq's defaults, and their translation into the
 * {@link ConnectionConfig} snapshot a bind or connect hands to the I/O agent.
 */
final class NetworkOptions
{
    int reconnectIvlMs = 100;
    int reconnectIvlMaxMs;
    long maxMsgSize = -1;
    int handshakeIvlMs = 30_000;
    int handshakeMaxCommand = StreamEngineConfig.DEFAULT_MAX_HANDSHAKE_COMMAND_SIZE;
    int maxConnections;
    int maxHandshakes;
    int handshakeRate;
    int heartbeatIvlMs;
    int heartbeatTtlMs;
    int heartbeatTimeoutMs = -1;
    int sndBuf = -1;
    int rcvBuf = -1;
    int backlog = 100;
    int connectTimeoutMs;
    int tcpMaxRtMs;
    int tcpKeepAlive = -1;
    int tcpKeepAliveCnt = -1;
    int tcpKeepAliveIdle = -1;
    int tcpKeepAliveIntvl = -1;

    static boolean handles(final SocketOption<?> option)
    {
        return option == SocketOption.RECONNECT_IVL || option == SocketOption.RECONNECT_IVL_MAX ||
            option == SocketOption.MAXMSGSIZE || option == SocketOption.HANDSHAKE_IVL ||
            option == SocketOption.HANDSHAKE_MAX_COMMAND || option == SocketOption.MAX_CONNECTIONS ||
            option == SocketOption.MAX_HANDSHAKES || option == SocketOption.HANDSHAKE_RATE ||
            option == SocketOption.HEARTBEAT_IVL || option == SocketOption.HEARTBEAT_TTL ||
            option == SocketOption.HEARTBEAT_TIMEOUT || option == SocketOption.SNDBUF ||
            option == SocketOption.RCVBUF || option == SocketOption.BACKLOG ||
            option == SocketOption.CONNECT_TIMEOUT || option == SocketOption.TCP_MAXRT ||
            option == SocketOption.TCP_KEEPALIVE || option == SocketOption.TCP_KEEPALIVE_CNT ||
            option == SocketOption.TCP_KEEPALIVE_IDLE || option == SocketOption.TCP_KEEPALIVE_INTVL;
    }

    /**
     * @return null if accepted, else why not (the socket names itself in the exception).
     */
    String set(final SocketOption<?> option, final Object value)
    {
        if (option == SocketOption.MAXMSGSIZE)
        {
            final long size = (Long)value;
            if (size < -1)
            {
                return "must be >= -1";
            }
            maxMsgSize = size;
            return null;
        }
        final int v = (Integer)value;
        if (option == SocketOption.MAX_CONNECTIONS || option == SocketOption.MAX_HANDSHAKES ||
            option == SocketOption.HANDSHAKE_RATE)
        {
            if (v < 0)
            {
                return "must be >= 0 (0 = no limit)";
            }
            if (option == SocketOption.MAX_CONNECTIONS)
            {
                maxConnections = v;
            }
            else if (option == SocketOption.MAX_HANDSHAKES)
            {
                maxHandshakes = v;
            }
            else
            {
                handshakeRate = v;
            }
            return null;
        }
        if (option == SocketOption.HANDSHAKE_MAX_COMMAND)
        {
            if (v <= 0)
            {
                return "must be > 0";
            }
            handshakeMaxCommand = v;
            return null;
        }
        if (option == SocketOption.RECONNECT_IVL)
        {
            if (v < -1)
            {
                return "must be >= -1";
            }
            reconnectIvlMs = v;
        }
        else if (option == SocketOption.HEARTBEAT_TIMEOUT || option == SocketOption.SNDBUF ||
            option == SocketOption.RCVBUF || option == SocketOption.TCP_KEEPALIVE ||
            option == SocketOption.TCP_KEEPALIVE_CNT || option == SocketOption.TCP_KEEPALIVE_IDLE ||
            option == SocketOption.TCP_KEEPALIVE_INTVL)
        {
            if (v < -1 || (option == SocketOption.TCP_KEEPALIVE && v > 1))
            {
                return "out of range";
            }
            if (option == SocketOption.HEARTBEAT_TIMEOUT)
            {
                heartbeatTimeoutMs = v;
            }
            else if (option == SocketOption.SNDBUF)
            {
                sndBuf = v;
            }
            else if (option == SocketOption.RCVBUF)
            {
                rcvBuf = v;
            }
            else if (option == SocketOption.TCP_KEEPALIVE)
            {
                tcpKeepAlive = v;
            }
            else if (option == SocketOption.TCP_KEEPALIVE_CNT)
            {
                tcpKeepAliveCnt = v;
            }
            else if (option == SocketOption.TCP_KEEPALIVE_IDLE)
            {
                tcpKeepAliveIdle = v;
            }
            else
            {
                tcpKeepAliveIntvl = v;
            }
        }
        else
        {
            if (v < 0)
            {
                return "must be >= 0";
            }
            if (option == SocketOption.RECONNECT_IVL_MAX)
            {
                reconnectIvlMaxMs = v;
            }
            else if (option == SocketOption.HANDSHAKE_IVL)
            {
                handshakeIvlMs = v;
            }
            else if (option == SocketOption.HEARTBEAT_IVL)
            {
                heartbeatIvlMs = v;
            }
            else if (option == SocketOption.HEARTBEAT_TTL)
            {
                if (v > 6_553_599)
                {
                    return "must fit in 16 bits of deciseconds";
                }
                heartbeatTtlMs = v;
            }
            else if (option == SocketOption.BACKLOG)
            {
                backlog = v;
            }
            else if (option == SocketOption.CONNECT_TIMEOUT)
            {
                connectTimeoutMs = v;
            }
            else
            {
                tcpMaxRtMs = v;
            }
        }
        return null;
    }

    Object get(final SocketOption<?> option)
    {
        if (option == SocketOption.MAXMSGSIZE)
        {
            return maxMsgSize;
        }
        if (option == SocketOption.HANDSHAKE_MAX_COMMAND)
        {
            return handshakeMaxCommand;
        }
        if (option == SocketOption.MAX_CONNECTIONS)
        {
            return maxConnections;
        }
        if (option == SocketOption.MAX_HANDSHAKES)
        {
            return maxHandshakes;
        }
        if (option == SocketOption.HANDSHAKE_RATE)
        {
            return handshakeRate;
        }
        if (option == SocketOption.RECONNECT_IVL)
        {
            return reconnectIvlMs;
        }
        if (option == SocketOption.RECONNECT_IVL_MAX)
        {
            return reconnectIvlMaxMs;
        }
        if (option == SocketOption.HANDSHAKE_IVL)
        {
            return handshakeIvlMs;
        }
        if (option == SocketOption.HEARTBEAT_IVL)
        {
            return heartbeatIvlMs;
        }
        if (option == SocketOption.HEARTBEAT_TTL)
        {
            return heartbeatTtlMs;
        }
        if (option == SocketOption.HEARTBEAT_TIMEOUT)
        {
            return heartbeatTimeoutMs;
        }
        if (option == SocketOption.SNDBUF)
        {
            return sndBuf;
        }
        if (option == SocketOption.RCVBUF)
        {
            return rcvBuf;
        }
        if (option == SocketOption.BACKLOG)
        {
            return backlog;
        }
        if (option == SocketOption.CONNECT_TIMEOUT)
        {
            return connectTimeoutMs;
        }
        if (option == SocketOption.TCP_MAXRT)
        {
            return tcpMaxRtMs;
        }
        if (option == SocketOption.TCP_KEEPALIVE)
        {
            return tcpKeepAlive;
        }
        if (option == SocketOption.TCP_KEEPALIVE_CNT)
        {
            return tcpKeepAliveCnt;
        }
        if (option == SocketOption.TCP_KEEPALIVE_IDLE)
        {
            return tcpKeepAliveIdle;
        }
        return tcpKeepAliveIntvl;
    }

    /**
     * Snapshots the socket's options for one bind or connect, as libzmq copies options into each session.
     */
    ConnectionConfig toConfig(final Socket socket, final Options options)
    {
        final SocketType type = socket.type().wire();
        final byte[] routingId = options.routingId.clone();
        final StreamEngineConfig engine = new StreamEngineConfig(type)
            .maxMessageSize(maxMsgSize)
            .maxHandshakeCommandSize(handshakeMaxCommand)
            .handshakeIvl(TimeUnit.MILLISECONDS.toNanos(handshakeIvlMs))
            .heartbeatIvl(TimeUnit.MILLISECONDS.toNanos(heartbeatIvlMs))
            .heartbeatTtl(TimeUnit.MILLISECONDS.toNanos(heartbeatTtlMs))
            .heartbeatTimeout(heartbeatTimeoutMs < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(heartbeatTimeoutMs))
            .routingId(routingId)
            .securityInForce(socket.securityOptions.inForce());
        return new ConnectionConfig(engine, socket.securityOptions.factory(socket.context(), type, routingId))
            .hwm(options.sndHwm, options.rcvHwm)
            .reconnect(reconnectIvlMs < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(reconnectIvlMs),
                TimeUnit.MILLISECONDS.toNanos(reconnectIvlMaxMs))
            .connectTimeout(TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs))
            .linger(options.lingerMs < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(options.lingerMs))
            .buffers(sndBuf, rcvBuf)
            .backlog(backlog)
            .keepAlive(tcpKeepAlive, tcpKeepAliveIdle, tcpKeepAliveIntvl, tcpKeepAliveCnt)
            .raw(type == SocketType.STREAM)
            .conflate(options.conflate)
            .limits(new ConnectionLimits(maxConnections, maxHandshakes, handshakeRate));
    }
}
