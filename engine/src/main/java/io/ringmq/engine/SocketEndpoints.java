package io.ringmq.engine;

import io.ringmq.transports.channels.Endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one socket is bound and connected: inproc endpoints through the context's registry, tcp and ipc ones
 * through a {@link SocketNetwork}, made on the first of them; and LAST_ENDPOINT. Used on the socket's thread only.
 */
final class SocketEndpoints
{
    private final Socket socket;
    private final Context context;
    private final Options options;
    /** Inproc endpoints bound, for unbind; tcp and ipc ones are the network's. */
    private final ArrayList<String> boundInproc = new ArrayList<>();
    /** Null until the first tcp or ipc bind or connect. */
    private SocketNetwork network;

    SocketEndpoints(final Socket socket, final Context context, final Options options)
    {
        this.socket = socket;
        this.context = context;
        this.options = options;
    }

    void bind(final String endpoint)
    {
        final Endpoint parsed = SocketNetwork.parse(socket, endpoint, "bind");
        if (parsed.scheme() != Endpoint.Scheme.INPROC)
        {
            checkContextOpen("bind");
            options.lastEndpoint = network().bind(parsed, options);
            return;
        }
        for (final Link link : context.inproc().bind(socket, endpoint))
        {
            socket.links.attach(link);
        }
        boundInproc.add(endpoint);
        options.lastEndpoint = endpoint;
    }

    void connect(final String endpoint)
    {
        final Endpoint parsed = SocketNetwork.parse(socket, endpoint, "connect");
        if (parsed.scheme() != Endpoint.Scheme.INPROC)
        {
            checkContextOpen("connect");
            network().connect(parsed, options);
            options.lastEndpoint = endpoint;
            return;
        }
        final byte[] assignedId = options.connectRoutingId;
        if (null != assignedId && socket.pattern().hasPeer(assignedId))
        {
            throw new RingMqException(socket.type() + " socket cannot connect " + endpoint +
                " with CONNECT_ROUTING_ID already in use (EINVAL)");
        }
        options.connectRoutingId = null;
        final Link link = context.inproc().connect(socket, endpoint, assignedId);
        if (null != link)
        {
            socket.links.attach(link);
        }
        options.lastEndpoint = endpoint;
    }

    void unbind(final String endpoint)
    {
        if (null != network && network.unbind(endpoint))
        {
            return;
        }
        if (!boundInproc.remove(endpoint) || !context.inproc().unbind(socket, endpoint))
        {
            throw new RingMqException(socket.type() + " socket cannot unbind " + endpoint + ": not bound (ENOENT)");
        }
    }

    void disconnect(final String endpoint)
    {
        if (null != network && network.disconnect(endpoint))
        {
            detachConnected(endpoint);
            return;
        }
        boolean found = detachConnected(endpoint);
        found |= context.inproc().cancelPending(socket, endpoint);
        if (!found)
        {
            throw new RingMqException(
                socket.type() + " socket cannot disconnect " + endpoint + ": not connected (ENOENT)");
        }
    }

    /** Stops every tcp and ipc endpoint (the socket is closing); inproc bindings go with the context's registry. */
    void close()
    {
        if (null != network)
        {
            network.close();
        }
    }

    /** @return true if a link this socket connected to {@code endpoint} was there to close. */
    private boolean detachConnected(final String endpoint)
    {
        boolean found = false;
        final List<Link> links = socket.links.attached();
        for (int i = links.size() - 1; i >= 0; i--)
        {
            final Link link = links.get(i);
            if (link.connected && link.endpoint.equals(endpoint))
            {
                socket.links.detach(link);
                found = true;
            }
        }
        return found;
    }

    private void checkContextOpen(final String operation)
    {
        if (context.isClosed())
        {
            throw new RingMqException(
                socket.type() + " socket cannot " + operation + ": context is closed (ETERM)", Status.TERMINATED);
        }
    }

    private SocketNetwork network()
    {
        if (null == network)
        {
            network = new SocketNetwork(socket, socket.networkAgent());
        }
        return network;
    }
}
