package io.ringmq.transports;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bound tcp or ipc endpoint on an I/O agent: accepts connections and starts a {@link StreamConnection} for each.
 * Opened and bound on the caller's thread (so "address in use" is reported to the caller at once, as libzmq's
 * bind does), then registered with the agent.
 */
final class TcpListener
{
    private final ServerSocketChannel channel;
    private final ConnectionConfig config;
    private final ConnectionOwner owner;
    private final String endpoint;
    private final Path ipcPath;
    private SelectionKey key;

    private TcpListener(
        final ServerSocketChannel channel, final ConnectionConfig config, final ConnectionOwner owner,
        final String endpoint, final Path ipcPath)
    {
        this.channel = channel;
        this.config = config;
        this.owner = owner;
        this.endpoint = endpoint;
        this.ipcPath = ipcPath;
    }

    /**
     * Binds the endpoint.
     *
     * @throws IOException if the address is in use or does not exist on this machine.
     */
    static TcpListener open(final Endpoint endpoint, final ConnectionConfig config, final ConnectionOwner owner)
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
                if (config.rcvBuf > 0)
                {
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, config.rcvBuf);
                }
            }
            channel.bind(endpoint.bindAddress(), config.backlog);
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
    String endpoint()
    {
        return endpoint;
    }

    ConnectionOwner owner()
    {
        return owner;
    }

    void register(final Selector selector) throws IOException
    {
        key = channel.register(selector, SelectionKey.OP_ACCEPT, this);
        owner.onEvent(TransportEvent.LISTENING, endpoint, 0, null);
    }

    /**
     * Accepts every pending connection.
     */
    void onAcceptable(final IoAgent agent, final long nowNs)
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
            try
            {
                SocketOptions.apply(accepted, config);
                owner.onEvent(TransportEvent.ACCEPTED, endpoint, 0, null);
                agent.startConnection(ChannelConnection.create(agent, accepted, config, owner, endpoint, null, null), nowNs);
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

    void close()
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
