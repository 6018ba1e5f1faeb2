package io.ringmq.transports.agent;

import io.ringmq.rings.Waker;
import io.ringmq.transports.Errno;
import io.ringmq.transports.TransportEvent;
import io.ringmq.transports.connections.ChannelConnection;
import io.ringmq.transports.connections.ConnectionHost;
import io.ringmq.transports.connections.ConnectionOwner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.util.ArrayList;

/**
 * The connections of one I/O agent and their supervision: what listeners and connectors start connections with
 * ({@link ConnectionHost}), the per-connection catch of the duty cycle, and the questions the agent asks of all of
 * them before it parks. Used on the agent's thread only.
 * <p>
 * Every call into one connection runs inside its own catch: whatever it throws, an {@link OutOfMemoryError} or a
 * bug's exception, costs that connection only. It is closed with a monitor event and one log line, and the agent
 * goes on serving the others.
 */
final class ConnectionRegistry implements ConnectionHost
{
    private final String agentName;
    private final Selector selector;
    private final Waker waker;
    private final System.Logger logger;
    private final BufferPool buffers = new BufferPool();
    private final ArrayList<ChannelConnection> connections = new ArrayList<>();
    private volatile long connectionFailures;

    ConnectionRegistry(final String agentName, final Selector selector, final Waker waker, final System.Logger logger)
    {
        this.agentName = agentName;
        this.selector = selector;
        this.waker = waker;
        this.logger = logger;
    }

    public ByteBuffer acquireBuffer(final int capacity)
    {
        return buffers.acquire(capacity);
    }

    public void releaseBuffer(final ByteBuffer buffer)
    {
        buffers.release(buffer);
    }

    public Waker waker()
    {
        return waker;
    }

    public void start(final ChannelConnection connection, final long nowNs) throws IOException
    {
        connections.add(connection);
        try
        {
            connection.start(selector, nowNs);
        }
        catch (final IOException | RuntimeException | OutOfMemoryError ex)
        {
            connections.remove(connection);
            connection.close(0, null, false);
            throw ex;
        }
    }

    /**
     * A connection threw: close it alone, with a monitor event whose value is libzmq's errno (ENOMEM for an
     * allocation failure), and say so once in the log. Only a {@link ThreadDeath} goes on up.
     */
    public void connectionFailed(final ChannelConnection connection, final Throwable failure)
    {
        if (failure instanceof ThreadDeath)
        {
            throw (ThreadDeath)failure;
        }
        final boolean outOfMemory = failure instanceof OutOfMemoryError;
        final int event = connection.isAttached() ?
            TransportEvent.DISCONNECTED : TransportEvent.HANDSHAKE_FAILED_NO_DETAIL;
        final String reason = "connection failed on " + agentName + ": " + failure;
        logger.log(System.Logger.Level.WARNING, reason);
        if (Boolean.getBoolean("ringmq.debug"))
        {
            failure.printStackTrace();
        }
        try
        {
            connection.close(event, outOfMemory ? Errno.ENOMEM : Errno.EPROTO, reason, !outOfMemory);
        }
        catch (final Throwable closeFailure)
        {
            logger.log(System.Logger.Level.WARNING, "closing the failed connection failed too: " + closeFailure);
        }
        connectionFailures++;
    }

    /**
     * @return connections closed because serving them threw (any thread).
     */
    long connectionFailures()
    {
        return connectionFailures;
    }

    /**
     * Runs every connection's duty cycle (queued messages to the wire, deferred bytes into rings, timers), each
     * inside its own catch.
     *
     * @return work done.
     */
    int serveAll(final long nowNs)
    {
        int work = 0;
        for (int i = 0; i < connections.size(); i++)
        {
            final ChannelConnection connection = connections.get(i);
            try
            {
                work += connection.doWork(nowNs);
            }
            catch (final Throwable failure)
            {
                connectionFailed(connection, failure);
                work++;
            }
        }
        return work;
    }

    void removeClosed()
    {
        if (!connections.isEmpty())
        {
            connections.removeIf(ChannelConnection::isClosed);
        }
    }

    /**
     * @return true if a connection whose socket closed still writes what was queued (LINGER).
     */
    boolean isAnyLingering()
    {
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).isLingering())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true if bytes or messages wait to go out on some connection: the agent must not park on them.
     */
    boolean hasQueuedOutbound()
    {
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).hasQueuedOutbound())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection paused for a full inbound ring whose socket has since made room: the socket's wake-up may have
     * come before the agent raised its parked flag, so the agent looks rather than sleeps on it (the resume path
     * of back-pressure).
     */
    boolean hasResumableInbound()
    {
        for (int i = 0; i < connections.size(); i++)
        {
            if (connections.get(i).isInboundResumable())
            {
                return true;
            }
        }
        return false;
    }

    long nextDeadlineNs()
    {
        long deadline = Long.MAX_VALUE;
        for (int i = 0; i < connections.size(); i++)
        {
            deadline = Math.min(deadline, connections.get(i).nextDeadlineNs());
        }
        return deadline;
    }

    /**
     * The socket {@code owner} is closing: drop its connections that have not finished their handshake. The
     * established ones write out what the socket queued (LINGER), then close by themselves.
     */
    void closeUnattached(final ConnectionOwner owner)
    {
        for (int i = 0; i < connections.size(); i++)
        {
            final ChannelConnection connection = connections.get(i);
            if (connection.owner() == owner && !connection.isAttached())
            {
                connection.close(0, null, false);
            }
        }
    }

    /**
     * The agent is ending: close every connection, reporting {@code event} (0 for none) to its socket.
     */
    void closeAll(final int event, final String reason)
    {
        for (int i = 0; i < connections.size(); i++)
        {
            if (event != 0)
            {
                connections.get(i).close(event, Errno.EPROTO, reason, false);
            }
            else
            {
                connections.get(i).close(0, null, false);
            }
        }
    }

    void clear()
    {
        connections.clear();
    }

    int size()
    {
        return connections.size();
    }

    ChannelConnection get(final int index)
    {
        return connections.get(index);
    }
}
