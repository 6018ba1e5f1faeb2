package io.ringmq.engine;

import io.ringmq.rings.Pipe;
import io.ringmq.transports.channels.BadEndpointException;
import io.ringmq.transports.channels.Endpoint;
import io.ringmq.transports.TransportOptions;
import io.ringmq.transports.pgm.EpgmAddress;
import io.ringmq.transports.pgm.EpgmEndpoint;
import io.ringmq.transports.pgm.PgmDriver;
import io.ringmq.transports.pgm.PgmOptions;

import java.io.IOException;
import java.util.ArrayList;

/**
 * A socket's epgm endpoints. As libzmq: only PUB and XPUB send and only SUB and XSUB receive over multicast; bind
 * and connect mean the same; no security mechanism applies (a socket with one in force is refused). Each endpoint
 * is one pipe, subscribed to everything on the sending side; SUB filters what it receives.
 */
final class SocketMulticast
{
    private final Socket socket;
    private final ArrayList<EpgmEndpoint> endpoints = new ArrayList<>();
    private PgmDriver driver;

    SocketMulticast(final Socket socket)
    {
        this.socket = socket;
    }

    String open(final Endpoint endpoint, final Options options, final String operation)
    {
        final SocketType type = socket.type();
        final boolean send = type == SocketType.PUB || type == SocketType.XPUB;
        if (!send && type != SocketType.SUB && type != SocketType.XSUB)
        {
            throw new RingMqException(type + " socket cannot " + operation + " " + endpoint +
                ": multicast takes PUB, XPUB, SUB and XSUB only (ENOCOMPATPROTO)");
        }
        if (options.security.inForce())
        {
            throw new RingMqException(type + " socket cannot " + operation + " " + endpoint +
                ": no security mechanism applies over multicast (EINVAL)");
        }
        final EpgmAddress address;
        try
        {
            address = EpgmAddress.resolve(endpoint.toString(), endpoint.path());
        }
        catch (final BadEndpointException ex)
        {
            throw new RingMqException(type + " socket cannot " + operation + ": " + ex.getMessage() + " (ENODEV)",
                Status.OK, ex);
        }
        final TransportOptions net = options.transport;
        final PgmOptions pgm = new PgmOptions(net.rate(), net.recoveryIvlMs(), net.multicastHops(),
            net.multicastMaxTpdu(), net.maxMsgSize());
        if (pgm.maxTsdu() < 16)
        {
            throw new RingMqException(type + " socket cannot " + operation + " " + endpoint +
                ": MULTICAST_MAXTPDU " + pgm.maxTpdu() + " is too small (EINVAL)");
        }
        if (null == driver)
        {
            driver = new PgmDriver("ringmq-" + type + "-epgm");
        }
        final Pipe pipe = new Pipe(options.rcvHwm, options.sndHwm);
        final Link link = new Link(pipe.endB(), endpoint.toString(), true, new byte[0]);
        try
        {
            endpoints.add(EpgmEndpoint.open(endpoint.toString(), address, send, pgm, pipe.endA(), driver));
        }
        catch (final IOException ex)
        {
            throw new RingMqException(type + " socket cannot " + operation + " " + endpoint + ": " +
                ex.getMessage() + " (EADDRINUSE)", Status.OK, ex);
        }
        socket.links.attach(link);
        return endpoint.toString();
    }

    /**
     * @return false if no epgm endpoint of this socket has that name.
     */
    boolean close(final String endpoint)
    {
        for (int i = 0; i < endpoints.size(); i++)
        {
            if (endpoints.get(i).endpoint().equals(endpoint))
            {
                endpoints.remove(i).close();
                return true;
            }
        }
        return false;
    }

    /**
     * Closes every endpoint; senders get up to {@code lingerMs} (2 s when infinite) to send what is queued.
     */
    void closeAll(final long lingerMs)
    {
        for (final EpgmEndpoint endpoint : endpoints)
        {
            endpoint.close();
        }
        endpoints.clear();
        if (null != driver)
        {
            driver.close(lingerMs < 0 ? 2000 : lingerMs);
            driver = null;
        }
    }
}
