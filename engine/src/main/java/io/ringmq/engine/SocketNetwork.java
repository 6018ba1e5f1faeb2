package io.ringmq.engine;

import io.ringmq.transports.agent.IoAgent;
import io.ringmq.transports.channels.BadEndpointException;
import io.ringmq.transports.channels.Endpoint;
import io.ringmq.transports.connections.ConnectionOwner;
import io.ringmq.transports.connections.PeerInfo;
import io.ringmq.rings.Pipe;
import io.ringmq.transports.TransportEvent;

import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;

/**
 * A socket's tcp and ipc endpoints: hands binds and connects to an I/O agent (the context's, or the socket's own
 * in caller-runs mode), receives the connections that finish their handshake as links, and relays monitor
 * events. The agent calls {@link #attach} and {@link #onEvent} on its thread; links reach the socket through
 * its thread-safe inbox.
 */
final class SocketNetwork implements ConnectionOwner
{
    private final Socket socket;
    private final IoAgent agent;
    private final ArrayList<String[]> bound = new ArrayList<>();
    private final ArrayList<String> connected = new ArrayList<>();
    private SocketMulticast multicast;

    SocketNetwork(final Socket socket, final IoAgent agent)
    {
        this.socket = socket;
        this.agent = agent;
    }

    IoAgent agent()
    {
        return agent;
    }

    /**
     * @return the endpoint as bound, with the real port.
     */
    String bind(final Endpoint endpoint, final Options options)
    {
        if (endpoint.scheme() == Endpoint.Scheme.EPGM)
        {
            return multicast().open(endpoint, options, "bind");
        }
        try
        {
            final String actual = agent.bind(endpoint, options.toConfig(socket.context(), socket.counters), this);
            bound.add(new String[]{endpoint.toString(), actual});
            return actual;
        }
        catch (final BindException ex)
        {
            onEvent(TransportEvent.BIND_FAILED, endpoint.toString(), 0, ex.getMessage());
            throw new RingMqException(socket.type() + " socket cannot bind " + endpoint + ": " +
                (ex.getMessage() != null && ex.getMessage().toLowerCase().contains("assign") ?
                "address not available (EADDRNOTAVAIL)" : "address in use (EADDRINUSE)"), Status.OK, ex);
        }
        catch (final IOException ex)
        {
            onEvent(TransportEvent.BIND_FAILED, endpoint.toString(), 0, ex.getMessage());
            throw new RingMqException(socket.type() + " socket cannot bind " + endpoint + ": " + ex.getMessage() +
                " (EADDRNOTAVAIL)", Status.OK, ex);
        }
    }

    /**
     * Connects. As libzmq, the connecting side's pipe exists from now on (unless IMMEDIATE, or for ROUTER, whose
     * peer's routing id is only known at the handshake): messages sent before the connection wait in it up to
     * SNDHWM, and it survives reconnections.
     */
    void connect(final Endpoint endpoint, final Options options)
    {
        if (endpoint.scheme() == Endpoint.Scheme.EPGM)
        {
            multicast().open(endpoint, options, "connect");
            return;
        }
        final io.ringmq.transports.ConnectionConfig config = options.toConfig(socket.context(), socket.counters);
        if (options.immediate || socket.pattern().waitsForHandshake())
        {
            agent.connect(endpoint, config, this);
        }
        else
        {
            final Pipe pipe = new Pipe(options.rcvHwm, options.sndHwm, config.isConflating());
            socket.links.attach(new Link(pipe.endB(), endpoint.toString(), true, new byte[0]));
            agent.connect(endpoint, config, this, pipe.endA());
        }
        connected.add(endpoint.toString());
    }

    /**
     * @return false if nothing was bound at {@code endpoint} (as given or as bound).
     */
    boolean unbind(final String endpoint)
    {
        if (null != multicast && multicast.close(endpoint))
        {
            return true;
        }
        for (int i = 0; i < bound.size(); i++)
        {
            final String[] pair = bound.get(i);
            if (pair[0].equals(endpoint) || pair[1].equals(endpoint))
            {
                bound.remove(i);
                agent.unbind(pair[1], this);
                return true;
            }
        }
        return false;
    }

    boolean disconnect(final String endpoint)
    {
        if (null != multicast && multicast.close(endpoint))
        {
            return true;
        }
        if (!connected.remove(endpoint))
        {
            return false;
        }
        agent.disconnect(endpoint, this);
        return true;
    }

    void close()
    {
        agent.closeAll(this);
        if (null != multicast)
        {
            multicast.closeAll(socket.options.lingerMs);
        }
    }

    private SocketMulticast multicast()
    {
        if (null == multicast)
        {
            multicast = new SocketMulticast(socket);
        }
        return multicast;
    }

    // ------------------------------------------------------------------ from the I/O agent

    public boolean attach(final Pipe.End socketEnd, final PeerInfo peer)
    {
        final byte[] identity = peer.identity() == null ? new byte[0] : peer.identity();
        socket.links.deliver(new Link(socketEnd, peer.endpoint(), false, identity));
        return true;
    }

    public void reconnected(final Pipe.End socketEnd)
    {
        socket.links.deliverReconnected((Link)socketEnd.attachment());
    }

    public void onEvent(final int event, final String endpoint, final long value, final String detail)
    {
        socket.monitor.event(event, value, endpoint, detail);
    }

    static Endpoint parse(final Socket socket, final String endpoint, final String operation)
    {
        try
        {
            return Endpoint.parse(endpoint);
        }
        catch (final BadEndpointException ex)
        {
            throw new RingMqException(socket.type() + " socket cannot " + operation + ": " + ex.getMessage() +
                (ex.isUnsupported() ? " (EPROTONOSUPPORT)" : " (EINVAL)"), Status.OK, ex);
        }
    }
}
