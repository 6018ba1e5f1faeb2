package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import io.ringmq.transports.zmtp.Metadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a context's sockets find each other's inproc endpoints: the bindings, and the connections made before their
 * bind (libzmq 4.x lets a connect come first), each joined to its binder by a {@link Pipe} when the bind happens.
 * Thread-safe: every socket of the context registers here from its own thread, under this object's lock.
 */
final class InprocRegistry
{
    private final Context context;
    private final Object lock = new Object();
    private final HashMap<String, Binding> bindings = new HashMap<>();
    private final HashMap<String, ArrayList<PendingConnect>> pending = new HashMap<>();

    InprocRegistry(final Context context)
    {
        this.context = context;
    }

    /**
     * @return true if some socket of this context is bound at the inproc endpoint.
     */
    boolean isBound(final String endpoint)
    {
        synchronized (lock)
        {
            return bindings.containsKey(endpoint);
        }
    }

    /** What a connector needs to know of a bound socket; a snapshot taken at bind, as libzmq does. */
    private static final class Binding
    {
        final Socket socket;
        final int sndHwm;
        final int rcvHwm;
        final byte[] routingId;
        final boolean conflate;

        Binding(final Socket socket)
        {
            this.socket = socket;
            conflate = socket.options.conflate;
            sndHwm = socket.options.sndHwm;
            rcvHwm = socket.options.rcvHwm;
            routingId = socket.options.routingId.clone();
        }
    }

    /** A connect made before the bind: the connector already holds its end and may have queued messages. */
    private static final class PendingConnect
    {
        final Socket connector;
        final Pipe pipe;
        final int sndHwm;
        final int rcvHwm;
        final byte[] routingId;
        /**
         * IMMEDIATE, or a ROUTER connecting: the connector gets its link only once the bind completes the
         * connection (a ROUTER must know the binder's routing id to route to it, as libzmq's tcp ROUTER creates
         * no pipe before the connection either).
         */
        final boolean deferred;
        final byte[] assignedRoutingId;

        PendingConnect(final Socket connector, final Pipe pipe, final boolean deferred, final byte[] assignedRoutingId)
        {
            this.connector = connector;
            this.pipe = pipe;
            this.deferred = deferred;
            this.assignedRoutingId = assignedRoutingId;
            sndHwm = connector.options.sndHwm;
            rcvHwm = connector.options.rcvHwm;
            routingId = connector.options.routingId.clone();
        }
    }

    /**
     * Registers {@code socket} under {@code endpoint} and hands it the connections made before the bind.
     *
     * @return links for the binder to attach, on its own thread.
     */
    List<Link> bind(final Socket socket, final String endpoint)
    {
        checkNotTerminated(socket, "bind");
        final ArrayList<PendingConnect> waiting;
        final Binding binding = new Binding(socket);
        synchronized (lock)
        {
            if (bindings.containsKey(endpoint))
            {
                throw new RingMqException(
                    socket.type() + " socket cannot bind " + endpoint + ": address in use (EADDRINUSE)");
            }
            bindings.put(endpoint, binding);
            waiting = pending.remove(endpoint);
        }
        final ArrayList<Link> links = new ArrayList<>();
        if (null != waiting)
        {
            for (final PendingConnect connect : waiting)
            {
                // libzmq's set_hwms_boost: once both ends are known each direction holds SNDHWM + the peer's RCVHWM.
                connect.pipe.endA().outboundHwm(Pipe.inprocHwm(connect.sndHwm, binding.rcvHwm));
                connect.pipe.endB().outboundHwm(Pipe.inprocHwm(binding.sndHwm, connect.rcvHwm));
                connect.pipe.endB().metadata(inprocMetadata(socket.type(), endpoint));
                links.add(new Link(connect.pipe.endB(), endpoint, false, connect.routingId));
                if (connect.deferred)
                {
                    final Link connectorLink = new Link(connect.pipe.endA(), endpoint, true, binding.routingId);
                    connectorLink.assignedRoutingId = connect.assignedRoutingId;
                    synchronized (lock)
                    {
                        deliver(connect.connector, connectorLink);
                    }
                }
            }
        }
        return links;
    }

    /**
     * Joins {@code socket} to whatever is bound at {@code endpoint} by a new pipe, or parks the connection until a
     * bind. The bound socket gets its link through its inbox, processed on its own thread.
     *
     * @return the connector's link.
     */
    Link connect(final Socket socket, final String endpoint, final byte[] assignedRoutingId)
    {
        checkNotTerminated(socket, "connect");
        final Options options = socket.options;
        synchronized (lock)
        {
            final Binding binding = bindings.get(endpoint);
            if (null == binding)
            {
                final Pipe pipe = new Pipe(options.sndHwm, options.rcvHwm, options.conflate);
                pipe.endA().metadata(inprocMetadata(socket.type(), endpoint));
                final boolean deferred = options.immediate || socket.type() == SocketType.ROUTER;
                pending.computeIfAbsent(endpoint, k -> new ArrayList<>())
                    .add(new PendingConnect(socket, pipe, deferred, assignedRoutingId));
                if (deferred)
                {
                    // Not usable until the bind completes it; the bind delivers it to the socket's inbox.
                    return null;
                }
                final Link link = new Link(pipe.endA(), endpoint, true, new byte[0]);
                link.assignedRoutingId = assignedRoutingId;
                return link;
            }
            // CONFLATE on either socket makes the pipe a single overwritable message each way (libzmq decides by the
            // connector's option; a binder's CONFLATE counts too here, so it works whichever side sets it).
            final Pipe pipe = new Pipe(
                Pipe.inprocHwm(options.sndHwm, binding.rcvHwm),
                Pipe.inprocHwm(binding.sndHwm, options.rcvHwm),
                options.conflate || binding.conflate);
            pipe.endA().metadata(inprocMetadata(socket.type(), endpoint));
            pipe.endB().metadata(inprocMetadata(binding.socket.type(), endpoint));
            // Under the lock, so a binder that is closing (and unregisters under it) never misses a link.
            deliver(binding.socket, new Link(pipe.endB(), endpoint, false, options.routingId.clone()));
            final Link link = new Link(pipe.endA(), endpoint, true, binding.routingId);
            link.assignedRoutingId = assignedRoutingId;
            return link;
        }
    }

    /** Removes {@code socket}'s binding of {@code endpoint}; connections already made stay, as in libzmq. */
    boolean unbind(final Socket socket, final String endpoint)
    {
        synchronized (lock)
        {
            final Binding binding = bindings.get(endpoint);
            if (null != binding && binding.socket == socket)
            {
                bindings.remove(endpoint);
                return true;
            }
            return false;
        }
    }

    /** Forgets connections {@code socket} made to {@code endpoint} (or to any endpoint if null) before a bind. */
    boolean cancelPending(final Socket socket, final String endpoint)
    {
        boolean found = false;
        synchronized (lock)
        {
            for (final Iterator<java.util.Map.Entry<String, ArrayList<PendingConnect>>> it =
                pending.entrySet().iterator(); it.hasNext(); )
            {
                final java.util.Map.Entry<String, ArrayList<PendingConnect>> entry = it.next();
                if (null == endpoint || endpoint.equals(entry.getKey()))
                {
                    found |= entry.getValue().removeIf(connect -> connect.connector == socket);
                    if (entry.getValue().isEmpty())
                    {
                        it.remove();
                    }
                }
            }
        }
        return found;
    }

    /**
     * Drops every binding of a closing socket and marks it closed for deliveries. Connections it made before a bind
     * stay pending, as in libzmq, so what it queued is still delivered; deferred ones (IMMEDIATE, ROUTER),
     * which queued nothing, go.
     */
    void unbindAll(final Socket socket)
    {
        synchronized (lock)
        {
            socket.closedInRegistry = true;
            bindings.values().removeIf(binding -> binding.socket == socket);
            for (final ArrayList<PendingConnect> connects : pending.values())
            {
                connects.removeIf(connect -> connect.connector == socket && connect.deferred);
            }
            pending.values().removeIf(ArrayList::isEmpty);
        }
    }

    /** Hands a link to a socket's inbox; call with the lock held. A closed socket's link is closed instead. */
    private static void deliver(final Socket socket, final Link link)
    {
        if (socket.closedInRegistry)
        {
            link.end.close();
        }
        else
        {
            socket.links.deliver(link);
        }
    }

    /** What a message over an inproc connection says about its writer. */
    private static Metadata inprocMetadata(final SocketType writerType, final String endpoint)
    {
        return Metadata.of(Map.of(Metadata.SOCKET_TYPE, writerType.name(), Metadata.PEER_ADDRESS, endpoint));
    }

    private void checkNotTerminated(final Socket socket, final String operation)
    {
        if (context.isClosed())
        {
            throw new RingMqException(
                socket.type() + " socket cannot " + operation + ": context is closed (ETERM)", Status.TERMINATED);
        }
    }
}
