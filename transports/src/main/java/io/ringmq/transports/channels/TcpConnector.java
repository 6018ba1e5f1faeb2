package io.ringmq.transports.channels;

import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.SelectionHandler;
import io.ringmq.transports.TransportEvent;
import io.ringmq.transports.connections.ChannelConnection;
import io.ringmq.transports.connections.ConnectionHost;
import io.ringmq.transports.connections.ConnectionOrigin;
import io.ringmq.transports.connections.ConnectionOwner;
import io.ringmq.rings.Pipe;
import org.agrona.LangUtil;
import org.agrona.concurrent.NanoClock;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A connect request that lives as long as the socket keeps it: connects (resolving the host again on each
 * attempt), hands the channel to a connection on the same agent, and after every failure or disconnection tries
 * again after RECONNECT_IVL, doubling up to RECONNECT_IVL_MAX, as libzmq does. A connect may precede the peer's
 * bind.
 */
public final class TcpConnector implements SelectionHandler, ConnectionOrigin
{
    private static final long NONE = Long.MAX_VALUE;

    private final ConnectionHost host;
    private final Selector selector;
    private final NanoClock clock;
    private final Endpoint endpoint;
    private final ConnectionConfig config;
    private final ConnectionOwner owner;
    /** The session pipe's agent end when the socket made it at connect time, else null. */
    private final Pipe.End sessionEnd;
    private boolean everConnected;
    private long lingerDeadlineNs = NONE;
    private SocketChannel pending;
    private SelectionKey key;
    private ChannelConnection connection;
    private long nextAttemptNs;
    private long connectDeadlineNs = NONE;
    private long currentIvlNs;
    private boolean stopped;

    /**
     * @param selector   the agent's selector, which the connect attempts register with.
     * @param sessionEnd the session pipe's agent end when the socket made it at connect time, else null.
     */
    public TcpConnector(
        final ConnectionHost host,
        final Selector selector,
        final NanoClock clock,
        final Endpoint endpoint,
        final ConnectionConfig config,
        final ConnectionOwner owner,
        final Pipe.End sessionEnd)
    {
        this.host = host;
        this.selector = selector;
        this.clock = clock;
        this.endpoint = endpoint;
        this.config = config;
        this.owner = owner;
        this.sessionEnd = sessionEnd;
        this.currentIvlNs = config.reconnectIvlNs();
        // The first attempt is due at once: the duty cycle that runs this connector read its clock before the
        // command that made it, so "now" would still be in that cycle's future.
        this.nextAttemptNs = clock.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    }

    /**
     * @return the endpoint as the socket gave it.
     */
    public String endpoint()
    {
        return endpoint.toString();
    }

    public ConnectionOwner owner()
    {
        return owner;
    }

    public boolean isStopped()
    {
        return stopped;
    }

    /**
     * @return true while the socket has closed its session pipe and this connector still tries to deliver what
     * was queued in it (LINGER).
     */
    public boolean isLingering()
    {
        return !stopped && sessionEnd != null && sessionEnd.isPeerClosed() && sessionEnd.hasMessage();
    }

    public boolean hasSessionPipe()
    {
        return sessionEnd != null;
    }

    /**
     * @return work done.
     */
    public int doWork(final long nowNs)
    {
        if (stopped)
        {
            return 0;
        }
        if (sessionEnd != null && connection == null && sessionEnd.isPeerClosed())
        {
            // The socket closed: keep connecting only to deliver what it queued, within LINGER.
            if (lingerDeadlineNs == NONE)
            {
                lingerDeadlineNs = config.lingerNs() < 0 ? NONE - 1 : nowNs + config.lingerNs();
            }
            if (!sessionEnd.hasMessage() || nowNs - lingerDeadlineNs >= 0)
            {
                stop();
                return 1;
            }
        }
        if (pending != null && connectDeadlineNs != NONE && nowNs - connectDeadlineNs >= 0)
        {
            abandonAttempt();
            retry(nowNs, "connect timed out");
            return 1;
        }
        if (pending == null && connection == null && nextAttemptNs != NONE && nowNs - nextAttemptNs >= 0)
        {
            nextAttemptNs = NONE;
            attempt(nowNs);
            return 1;
        }
        return 0;
    }

    private void attempt(final long nowNs)
    {
        SocketChannel channel = null;
        try
        {
            final SocketAddress address = endpoint.connectAddress();
            channel = endpoint.scheme() == Endpoint.Scheme.IPC ?
                SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            SocketOptions.apply(channel, config);
            final InetSocketAddress source = endpoint.sourceAddress();
            if (source != null)
            {
                channel.bind(source);
            }
            pending = channel;
            if (channel.connect(address))
            {
                connected(nowNs);
                return;
            }
            key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            connectDeadlineNs = config.connectTimeoutNs() > 0 ? nowNs + config.connectTimeoutNs() : NONE;
            owner.onEvent(TransportEvent.CONNECT_DELAYED, endpoint(), 0, null);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (channel != null)
            {
                closeQuietly(channel);
            }
            pending = null;
            retry(nowNs, ex.getMessage());
        }
    }

    public void onSelected(final int readyOps, final long nowNs)
    {
        try
        {
            if (pending != null && pending.finishConnect())
            {
                connected(nowNs);
            }
        }
        catch (final IOException ex)
        {
            abandonAttempt();
            retry(nowNs, ex.getMessage());
        }
    }

    /**
     * A bug here has no one connection to cost: let it reach the agent's duty cycle, as it always has.
     */
    public void onSelectionFailed(final Throwable failure)
    {
        LangUtil.rethrowUnchecked(failure);
    }

    private void connected(final long nowNs) throws IOException
    {
        final SocketChannel channel = pending;
        pending = null;
        connectDeadlineNs = NONE;
        owner.onEvent(TransportEvent.CONNECTED, endpoint(), 0, null);
        connection = ChannelConnection.create(host, channel, config, owner, endpoint(), this, sessionEnd);
        host.start(connection, nowNs);
    }

    /**
     * The connection completed its handshake: the next failure starts the back-off from RECONNECT_IVL again.
     */
    public void handshakeEnded()
    {
        currentIvlNs = config.reconnectIvlNs();
        if (sessionEnd != null && everConnected)
        {
            owner.reconnected(sessionEnd.peer());
        }
        everConnected = true;
    }

    /**
     * The connection made from this connector closed: try again after the back-off unless told not to.
     */
    public void connectionClosed(final boolean inHandshake, final boolean reconnect)
    {
        if (!stopped)
        {
            connectionClosed(clock.nanoTime(), reconnect);
        }
    }

    private void connectionClosed(final long nowNs, final boolean reconnect)
    {
        connection = null;
        if (reconnect)
        {
            retry(nowNs, null);
        }
        else
        {
            stopped = true;
        }
    }

    private void retry(final long nowNs, final String reason)
    {
        if (stopped || config.reconnectIvlNs() < 0)
        {
            stopped = true;
            return;
        }
        final long ivl = currentIvlNs;
        nextAttemptNs = nowNs + ivl;
        owner.onEvent(TransportEvent.CONNECT_RETRIED, endpoint(), TimeUnit.NANOSECONDS.toMillis(ivl), reason);
        if (config.reconnectIvlMaxNs() > config.reconnectIvlNs())
        {
            currentIvlNs = Math.min(currentIvlNs * 2, config.reconnectIvlMaxNs());
        }
    }

    /**
     * Stops for good (disconnect or socket close): no more attempts; an established connection closes too.
     */
    public void stop()
    {
        stopped = true;
        abandonAttempt();
        if (connection != null)
        {
            final ChannelConnection current = connection;
            connection = null;
            current.close(0, null, false);
        }
    }

    /**
     * @return the connection currently made from this connector, or null.
     */
    ChannelConnection connection()
    {
        return connection;
    }

    private void abandonAttempt()
    {
        if (key != null)
        {
            key.cancel();
            key = null;
        }
        if (pending != null)
        {
            closeQuietly(pending);
            pending = null;
        }
        connectDeadlineNs = NONE;
    }

    public long nextDeadlineNs()
    {
        if (stopped)
        {
            return NONE;
        }
        return Math.min(pending == null && connection == null ? nextAttemptNs : NONE, connectDeadlineNs);
    }

    private static void closeQuietly(final SocketChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // nothing more to do
        }
    }
}
