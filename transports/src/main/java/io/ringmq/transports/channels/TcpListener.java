package io.ringmq.transports.channels;

import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.Errno;
import io.ringmq.transports.SelectionHandler;
import io.ringmq.transports.TransportEvent;
import io.ringmq.transports.connections.ChannelConnection;
import io.ringmq.transports.connections.ConnectionHost;
import io.ringmq.transports.connections.ConnectionOrigin;
import io.ringmq.transports.connections.ConnectionOwner;

import org.agrona.LangUtil;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bound tcp or ipc endpoint on an I/O agent: accepts connections and starts a connection for each.
 * Opened and bound on the caller's thread (so "address in use" is reported to the caller at once, as libzmq's
 * bind does), then registered with the agent.
 */
public final class TcpListener implements SelectionHandler, ConnectionOrigin
{
    private final ServerSocketChannel channel;
    private final ConnectionConfig config;
    private final ConnectionOwner owner;
    private final String endpoint;
    private final Path ipcPath;
    private final SourceRateLimiter rateLimiter;
    private final PeerFilter filter;
    private SelectionKey key;
    private ConnectionHost host;
    /** Connections accepted and not yet closed, and those of them still in their handshake (agent thread). */
    private int open;
    private int handshaking;

    private TcpListener(
        final ServerSocketChannel channel, final ConnectionConfig config, final ConnectionOwner owner,
        final String endpoint, final Path ipcPath)
    {
        this.channel = channel;
        this.config = config;
        this.owner = owner;
        this.endpoint = endpoint;
        this.ipcPath = ipcPath;
        this.rateLimiter = config.options().handshakeRate() > 0 ?
            new SourceRateLimiter(config.options().handshakeRate()) : null;
        this.filter = new PeerFilter(config.options());
    }

    /**
     * Binds the endpoint.
     *
     * @throws IOException if the address is in use or does not exist on this machine.
     */
    public static TcpListener open(final Endpoint endpoint, final ConnectionConfig config, final ConnectionOwner owner)
        throws IOException
    {
        final boolean ipc = endpoint.scheme() == Endpoint.Scheme.IPC;
        final ServerSocketChannel channel = ipc ?
            ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
        Path ipcPath = null;
        try
        {
            if (ipc)
            {
                ipcPath = Path.of(endpoint.path());
                // libzmq unlinks a stale socket file before binding: a previous process may have died without
                // cleaning up. A live listener there is replaced as well, as with libzmq.
                Files.deleteIfExists(ipcPath);
            }
            else
            {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (config.options().rcvBuf() > 0)
                {
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, config.options().rcvBuf());
                }
            }
            channel.bind(endpoint.bindAddress(), config.options().backlog());
            channel.configureBlocking(false);
            final String bound = Endpoint.describe(endpoint.scheme(), channel.getLocalAddress());
            return new TcpListener(channel, config, owner, bound, ipcPath);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * @return the endpoint as bound, with the real port (LAST_ENDPOINT).
     */
    public String endpoint()
    {
        return endpoint;
    }

    public ConnectionOwner owner()
    {
        return owner;
    }

    /**
     * Starts accepting on the agent behind {@code host}: its selector and where accepted connections go.
     */
    public void register(final Selector selector, final ConnectionHost host) throws IOException
    {
        this.host = host;
        key = channel.register(selector, SelectionKey.OP_ACCEPT, this);
        owner.onEvent(TransportEvent.LISTENING, endpoint, 0, null);
    }

    /**
     * Accepts every pending connection.
     */
    public void onSelected(final int readyOps, final long nowNs)
    {
        while (true)
        {
            final SocketChannel accepted;
            try
            {
                accepted = channel.accept();
                if (accepted == null)
                {
                    return;
                }
            }
            catch (final IOException ex)
            {
                owner.onEvent(TransportEvent.ACCEPT_FAILED, endpoint, 0, ex.getMessage());
                return;
            }
            final String filtered = filter.refusal(accepted);
            if (null != filtered)
            {
                // As libzmq: a filtered peer is closed unread and reported as a failed accept.
                closeQuietly(accepted);
                owner.onEvent(TransportEvent.ACCEPT_FAILED, endpoint, 0, filtered);
                continue;
            }
            final int refusal = admit(accepted, nowNs);
            if (refusal != 0)
            {
                refuse(accepted, refusal);
                continue;
            }
            try
            {
                SocketOptions.apply(accepted, config);
                owner.onEvent(TransportEvent.ACCEPTED, endpoint, 0, null);
                open++;
                handshaking++;
                host.start(ChannelConnection.create(host, accepted, config, owner, endpoint, this, null), nowNs);
            }
            catch (final IOException | RuntimeException | OutOfMemoryError ex)
            {
                // One connection's failure to start (out of memory included) costs that connection, not the listener.
                owner.onEvent(TransportEvent.ACCEPT_FAILED, endpoint,
                    ex instanceof OutOfMemoryError ? Errno.ENOMEM : 0, String.valueOf(ex.getMessage()));
                try
                {
                    accepted.close();
                }
                catch (final IOException ignore)
                {
                    // already failing
                }
            }
        }
    }

    /**
     * @return 0 if the limits admit {@code accepted}, else the {@link TransportEvent#LIMIT_REFUSED} reason.
     */
    private int admit(final SocketChannel accepted, final long nowNs)
    {
        final int maxConnections = config.options().maxConnections();
        final int maxHandshakes = config.options().maxHandshakes();
        if (maxConnections > 0 && open >= maxConnections)
        {
            return TransportEvent.LIMIT_CONNECTIONS;
        }
        if (maxHandshakes > 0 && handshaking >= maxHandshakes)
        {
            return TransportEvent.LIMIT_HANDSHAKES;
        }
        if (rateLimiter != null)
        {
            try
            {
                final java.net.SocketAddress remote = accepted.getRemoteAddress();
                if (remote instanceof java.net.InetSocketAddress &&
                    !rateLimiter.tryAcquire(((java.net.InetSocketAddress)remote).getAddress(), nowNs))
                {
                    return TransportEvent.LIMIT_HANDSHAKE_RATE;
                }
            }
            catch (final IOException ex)
            {
                return 0; // the connection is going anyway; let its first read say so
            }
        }
        return 0;
    }

    private void refuse(final SocketChannel accepted, final int reason)
    {
        try
        {
            accepted.close();
        }
        catch (final IOException ignore)
        {
            // refusing anyway
        }
        owner.onEvent(TransportEvent.LIMIT_REFUSED, endpoint, reason, reason == TransportEvent.LIMIT_CONNECTIONS ?
            "too many connections" : reason == TransportEvent.LIMIT_HANDSHAKES ? "too many handshakes in progress" :
            "too many handshakes from one source");
    }

    private static void closeQuietly(final SocketChannel accepted)
    {
        try
        {
            accepted.close();
        }
        catch (final IOException ignore)
        {
            // refusing anyway
        }
    }

    /**
     * A bug here has no one connection to cost: let it reach the agent's duty cycle, as it always has.
     */
    public void onSelectionFailed(final Throwable failure)
    {
        LangUtil.rethrowUnchecked(failure);
    }

    /** A connection this listener accepted finished its handshake. */
    public void handshakeEnded()
    {
        handshaking--;
    }

    /** A connection this listener accepted closed; {@code inHandshake} if it never finished its handshake. */
    public void connectionClosed(final boolean inHandshake, final boolean reconnect)
    {
        open--;
        if (inHandshake)
        {
            handshaking--;
        }
    }

    /**
     * Stops accepting, unlinks an ipc socket file, and reports CLOSED.
     */
    public void close()
    {
        if (key != null)
        {
            key.cancel();
        }
        try
        {
            channel.close();
            if (ipcPath != null)
            {
                Files.deleteIfExists(ipcPath);
            }
            owner.onEvent(TransportEvent.CLOSED, endpoint, 0, null);
        }
        catch (final IOException ex)
        {
            owner.onEvent(TransportEvent.CLOSE_FAILED, endpoint, 0, ex.getMessage());
        }
    }
}
