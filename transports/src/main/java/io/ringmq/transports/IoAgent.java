package io.ringmq.transports;

import io.ringmq.rings.Pipe;
import io.ringmq.rings.Waker;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.agrona.concurrent.NanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An I/O thread's duty cycle, as an Agrona {@link Agent}: run commands from sockets (bind, connect, disconnect,
 * close), poll the selector without blocking, then pump every connection (outbound rings to the wire, deferred
 * inbound bytes into rings, timers). Run by an {@link IoThreads} thread, or, in caller-runs mode, by the socket's
 * own thread through {@link #doWork()}.
 * <p>
 * With the block strategy the agent parks in {@link Selector#select(long)}; a socket that publishes into a pipe
 * wakes it through {@link #waker()}, which calls {@link Selector#wakeup()} only when the agent is parked, so
 * wake-ups stay rare under load.
 * <p>
 * Supervision: every call into one connection (readiness, duty cycle, start) runs inside its own catch. Whatever
 * it throws, an {@link OutOfMemoryError} or a bug's exception, costs that connection only: it is closed with a
 * monitor event and one log line, and the agent goes on serving the others. The catch has to sit here, per
 * connection, because Agrona's {@code AgentRunner} ends the thread on an {@link Error}.
 */
public final class IoAgent implements Agent
{
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    private final NanoClock clock;
    private final Selector selector;
    private final ManyToOneConcurrentLinkedQueue<Runnable> commands = new ManyToOneConcurrentLinkedQueue<>();
    private final ArrayList<ChannelConnection> connections = new ArrayList<>();
    private final ArrayList<TcpListener> listeners = new ArrayList<>();
    private final ArrayList<TcpConnector> connectors = new ArrayList<>();
    private final Waker waker = this::wakeIfParked;
    /** Connection buffers of closed connections, reused by new ones (touched on the agent's thread only). */
    private final java.util.ArrayDeque<java.nio.ByteBuffer> freeBuffers = new java.util.ArrayDeque<>();
    private static final int MAX_FREE_BUFFERS = 32;
    /** Every pooled buffer has this size: a connection's read and write buffers are the same. */
    static final int IO_BUFFER_CAPACITY = StreamConnection.READ_CAPACITY;
    private static final System.Logger LOGGER = System.getLogger("io.ringmq.transports");
    private static final java.lang.invoke.VarHandle PARKED;
    private static final java.lang.invoke.VarHandle WAKE_UPS;

    static
    {
        try
        {
            PARKED = java.lang.invoke.MethodHandles.lookup().findVarHandle(IoAgent.class, "parked", boolean.class);
            WAKE_UPS = java.lang.invoke.MethodHandles.lookup().findVarHandle(IoAgent.class, "wakeUps", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private volatile boolean parked;
    private volatile long wakeUps;
    /** The longest one park lasts: a safety net, never the way a pause ends (a wake-up is). */
    private long maxParkNs = MAX_PARK_NS;
    private volatile boolean closed;
    private volatile boolean flushing;
    private volatile long connectionFailures;
    private volatile long agentFailures;
    /** Set when the context stops this agent; an agent that ends without it stopped on a failure. */
    private volatile boolean stopRequested;
    private int affinityCpu = -1;
    private java.util.BitSet affinityCpus;

    public IoAgent(final String name, final NanoClock clock)
    {
        this.name = name;
        this.clock = clock;
        try
        {
            this.selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a selector for " + name, ex);
        }
    }

    /**
     * @param cpu the CPU to pin this agent's thread to when it starts; -1 for none.
     */
    void affinity(final int cpu)
    {
        affinityCpu = cpu;
    }

    /** Lets the agent's thread run on any of these CPUs (libzmq's THREAD_AFFINITY_CPU_ADD). */
    void affinity(final java.util.BitSet cpus)
    {
        affinityCpus = cpus;
    }

    // ------------------------------------------------------------------ commands from sockets (any thread)

    /**
     * Binds a tcp or ipc endpoint now, on the caller's thread, and hands the listener to the agent.
     *
     * @return the endpoint as bound, with the real port (LAST_ENDPOINT).
     * @throws IOException if the address is in use or not on this machine.
     */
    public String bind(final Endpoint endpoint, final ConnectionConfig config, final ConnectionOwner owner)
        throws IOException
    {
        final TcpListener listener = TcpListener.open(endpoint, config, owner);
        submit(() ->
        {
            try
            {
                listener.register(selector);
                listeners.add(listener);
            }
            catch (final IOException ex)
            {
                owner.onEvent(TransportEvent.BIND_FAILED, listener.endpoint(), 0, ex.getMessage());
                listener.close();
            }
        });
        return listener.endpoint();
    }

    /**
     * Starts connecting, and keeps reconnecting until {@link #disconnect} or {@link #closeAll}.
     */
    public void connect(final Endpoint endpoint, final ConnectionConfig config, final ConnectionOwner owner)
    {
        connect(endpoint, config, owner, null);
    }

    /**
     * Connects through a pipe the socket already holds the other end of (libzmq's session pipe): messages sent
     * before the connection, or while it is being re-established, wait in it, and every connection made for this
     * endpoint uses it. The connector stops when the socket closes its end.
     *
     * @param sessionEnd this agent's end of the pipe, or null to make a pipe per connection at its handshake.
     */
    public void connect(
        final Endpoint endpoint, final ConnectionConfig config, final ConnectionOwner owner, final Pipe.End sessionEnd)
    {
        if (null != sessionEnd)
        {
            sessionEnd.waker(waker);
        }
        submit(() -> connectors.add(new TcpConnector(endpoint, config, owner, sessionEnd, clock.nanoTime())));
    }

    /**
     * Closes the listener of {@code owner} bound as {@code endpoint} (as given or as bound).
     */
    public void unbind(final String endpoint, final ConnectionOwner owner)
    {
        submit(() -> listeners.removeIf(listener ->
        {
            if (listener.owner() == owner && listener.endpoint().equals(endpoint))
            {
                listener.close();
                return true;
            }
            return false;
        }));
    }

    /**
     * Stops connecting to {@code endpoint} and closes the connection made to it.
     */
    public void disconnect(final String endpoint, final ConnectionOwner owner)
    {
        submit(() -> connectors.removeIf(connector ->
        {
            if (connector.owner() == owner && connector.endpoint().equals(endpoint))
            {
                connector.stop();
                return true;
            }
            return false;
        }));
    }

    /**
     * The socket is closing: close its listeners, stop its connectors, and drop its connections that have not
     * finished their handshake. Established connections write out what the socket queued (LINGER), then close.
     */
    public void closeAll(final ConnectionOwner owner)
    {
        submit(() ->
        {
            listeners.removeIf(listener -> listener.owner() == owner && closeListener(listener));
            // A connector with a session pipe stops by itself once the socket's end is closed and what was
            // queued in it is delivered or LINGER runs out.
            connectors.removeIf(connector ->
                connector.owner() == owner && !connector.hasSessionPipe() && stopConnector(connector));
            for (int i = 0; i < connections.size(); i++)
            {
                final ChannelConnection connection = connections.get(i);
                if (connection.owner() == owner && !connection.isAttached())
                {
                    connection.close(0, null, false);
                }
            }
        });
    }

    private static boolean closeListener(final TcpListener listener)
    {
        listener.close();
        return true;
    }

    private static boolean stopConnector(final TcpConnector connector)
    {
        connector.stop();
        return true;
    }

    private void submit(final Runnable command)
    {
        if (closed)
        {
            throw new IllegalStateException(name + " is closed");
        }
        commands.offer(command);
        selector.wakeup();
    }

    /**
     * @return what pipes poke when they publish to this agent: wakes it only if parked.
     */
    public Waker waker()
    {
        return waker;
    }

    private void wakeIfParked()
    {
        // Only the first producer to see the agent parked wakes it; the rest find the flag lowered.
        if (parked && PARKED.compareAndSet(this, true, false))
        {
            WAKE_UPS.getAndAdd(this, 1L);
            selector.wakeup();
        }
    }

    /**
     * For tests that must tell a wake-up from the park's own time limit: parks may then last up to {@code nanos}.
     */
    void maxParkNs(final long nanos)
    {
        maxParkNs = nanos;
    }

    /**
     * @return times a producer found this agent parked and woke it (any thread; for tests and diagnostics).
     */
    public long wakeUps()
    {
        return wakeUps;
    }

    /**
     * @return true while the agent is parked in its selector waiting for readiness or a wake-up.
     */
    public boolean isParked()
    {
        return parked;
    }

    /**
     * @return the connection at {@code index} in this agent's list (agent's thread; for tests that drive the agent).
     */
    ChannelConnection connection(final int index)
    {
        return connections.get(index);
    }

    // ------------------------------------------------------------------ duty cycle (the agent's thread)

    @Override
    public void onStart()
    {
        if (affinityCpu >= 0)
        {
            net.openhft.affinity.Affinity.setAffinity(affinityCpu);
        }
        else if (null != affinityCpus)
        {
            net.openhft.affinity.Affinity.setAffinity(affinityCpus);
        }
    }

    @Override
    public int doWork()
    {
        try
        {
            return dutyCycle();
        }
        catch (final OutOfMemoryError | StackOverflowError failure)
        {
            // Outside any one connection (a command, the selector): Agrona's AgentRunner would end the thread on
            // an Error and the context would serve nothing while looking healthy. Say so and go on.
            agentFailures++;
            LOGGER.log(System.Logger.Level.ERROR, name + ": duty cycle failed, continuing: " + failure);
            return 1;
        }
    }

    private int dutyCycle()
    {
        final long nowNs = clock.nanoTime();
        int work = 0;
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            command.run();
            work++;
        }
        try
        {
            selector.selectNow();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(name + ": selector failed", ex);
        }
        work += handleSelected(nowNs);
        for (int i = 0; i < connectors.size(); i++)
        {
            work += connectors.get(i).doWork(this, selector, nowNs);
        }
        if (!connectors.isEmpty())
        {
            connectors.removeIf(TcpConnector::isStopped);
        }
        for (int i = 0; i < connections.size(); i++)
        {
            work += serve(connections.get(i), nowNs);
        }
        if (!connections.isEmpty())
        {
            connections.removeIf(ChannelConnection::isClosed);
        }
        boolean lingering = false;
        for (int i = 0; i < connections.size() && !lingering; i++)
        {
            lingering = connections.get(i).isLingering();
        }
        for (int i = 0; i < connectors.size() && !lingering; i++)
        {
            lingering = connectors.get(i).isLingering();
        }
        flushing = lingering;
        return work;
    }

    /**
     * Writes what sockets queued on this agent's connections, without polling the selector: the caller-runs
     * send path, one write system call where the connection's kernel buffer has room.
     *
     * @return work done.
     */
    public int flush()
    {
        final long nowNs = clock.nanoTime();
        int work = 0;
        for (int i = 0; i < connections.size(); i++)
        {
            work += serve(connections.get(i), nowNs);
        }
        return work;
    }

    private int serve(final ChannelConnection connection, final long nowNs)
    {
        try
        {
            return connection.doWork(nowNs);
        }
        catch (final Throwable failure)
        {
            connectionFailed(connection, failure);
            return 1;
        }
    }

    /**
     * A connection threw: close it alone, with a monitor event whose value is libzmq's errno (ENOMEM for an
     * allocation failure), and say so once in the log. Only a {@link ThreadDeath} goes on up.
     */
    private void connectionFailed(final ChannelConnection connection, final Throwable failure)
    {
        if (failure instanceof ThreadDeath)
        {
            throw (ThreadDeath)failure;
        }
        final boolean outOfMemory = failure instanceof OutOfMemoryError;
        final int event = connection.isAttached() ?
            TransportEvent.DISCONNECTED : TransportEvent.HANDSHAKE_FAILED_NO_DETAIL;
        final String reason = "connection failed on " + name + ": " + failure;
        LOGGER.log(System.Logger.Level.WARNING, reason);
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
            LOGGER.log(System.Logger.Level.WARNING, "closing the failed connection failed too: " + closeFailure);
        }
        connectionFailures++;
    }

    /**
     * @return connections this agent closed because serving them threw (for tests and diagnostics).
     */
    public long connectionFailures()
    {
        return connectionFailures;
    }

    private int handleSelected(final long nowNs)
    {
        final Set<SelectionKey> selected = selector.selectedKeys();
        if (selected.isEmpty())
        {
            return 0;
        }
        int work = 0;
        for (final Iterator<SelectionKey> it = selected.iterator(); it.hasNext(); )
        {
            final SelectionKey key = it.next();
            it.remove();
            if (!key.isValid())
            {
                continue;
            }
            final Object attachment = key.attachment();
            final int ready = key.readyOps();
            if (attachment instanceof ChannelConnection)
            {
                final ChannelConnection connection = (ChannelConnection)attachment;
                try
                {
                    if ((ready & SelectionKey.OP_READ) != 0)
                    {
                        connection.onReadable(nowNs);
                    }
                    if ((ready & SelectionKey.OP_WRITE) != 0 && key.isValid())
                    {
                        connection.onWritable(nowNs);
                    }
                }
                catch (final Throwable failure)
                {
                    connectionFailed(connection, failure);
                }
            }
            else if (attachment instanceof TcpListener)
            {
                ((TcpListener)attachment).onAcceptable(this, nowNs);
            }
            else if (attachment instanceof TcpConnector)
            {
                ((TcpConnector)attachment).onConnectable(this, selector, nowNs);
            }
            work++;
        }
        return work;
    }

    /**
     * Parks in the selector until I/O is ready, a socket wakes the agent, or the next deadline (at most 100 ms):
     * the block strategy's idle for an I/O agent.
     */
    public void park()
    {
        park(maxParkNs);
    }

    /**
     * Parks as {@link #park()} does, for at most {@code maxNs}.
     */
    public void park(final long maxNs)
    {
        if (!commands.isEmpty())
        {
            return;
        }
        final long parkNs = Math.min(Math.min(maxNs, maxParkNs), Math.max(0, nextDeadlineNs() - clock.nanoTime()));
        if (parkNs < TimeUnit.MILLISECONDS.toNanos(1))
        {
            // A deadline is due or nearly due: select(1) would sleep a whole millisecond past it.
            if (parkNs > 0)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(parkNs);
            }
            return;
        }
        final long parkMs = TimeUnit.NANOSECONDS.toMillis(parkNs);
        parked = true;
        try
        {
            // Re-check after raising the flag: a publisher that saw it lowered did not wake us.
            if (commands.isEmpty() && !hasQueuedOutbound() && !hasResumableInbound())
            {
                selector.select(parkMs);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(name + ": selector failed", ex);
        }
        finally
        {
            parked = false;
        }
    }

    private boolean hasQueuedOutbound()
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
     * come before the flag was raised, so look rather than sleep on it (the resume path of back-pressure).
     */
    private boolean hasResumableInbound()
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

    private long nextDeadlineNs()
    {
        long deadline = Long.MAX_VALUE;
        for (int i = 0; i < connectors.size(); i++)
        {
            deadline = Math.min(deadline, connectors.get(i).nextDeadlineNs());
        }
        for (int i = 0; i < connections.size(); i++)
        {
            deadline = Math.min(deadline, connections.get(i).nextDeadlineNs());
        }
        return deadline;
    }

    /**
     * @return a direct buffer of exactly {@code capacity} bytes, recycled when one is free.
     */
    java.nio.ByteBuffer acquireBuffer(final int capacity)
    {
        // Connections borrow these for as long as they hold bytes, so a handful serve thousands of connections.
        final java.nio.ByteBuffer free = capacity == IO_BUFFER_CAPACITY ? freeBuffers.pollLast() : null;
        if (free != null)
        {
            free.clear();
            return free;
        }
        return java.nio.ByteBuffer.allocateDirect(capacity);
    }

    void releaseBuffer(final java.nio.ByteBuffer buffer)
    {
        if (freeBuffers.size() < MAX_FREE_BUFFERS && buffer.capacity() == IO_BUFFER_CAPACITY)
        {
            freeBuffers.addLast(buffer);
        }
    }

    /**
     * @return direct buffers kept for reuse (for tests of memory per connection).
     */
    int freeBufferCount()
    {
        return freeBuffers.size();
    }

    void startConnection(final ChannelConnection connection, final long nowNs) throws IOException
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

    void connectionClosed(final ChannelConnection connection, final boolean reconnect)
    {
        final TcpConnector connector = connection.connector();
        if (connector != null && !connector.isStopped())
        {
            connector.connectionClosed(clock.nanoTime(), reconnect);
        }
    }

    /**
     * @return true while a connection whose socket closed still writes what was queued (LINGER); readable from
     * any thread, as of the last duty cycle.
     */
    public boolean isFlushing()
    {
        return flushing;
    }

    /**
     * @return connections alive on this agent (for tests and diagnostics; read on the agent's thread).
     */
    public int connectionCount()
    {
        return connections.size();
    }

    /**
     * The context is about to stop this agent: its end is expected, not a failure.
     */
    public void requestStop()
    {
        stopRequested = true;
    }

    /**
     * @return duty cycles that failed outside any one connection and were survived (for tests and diagnostics).
     */
    public long agentFailures()
    {
        return agentFailures;
    }

    @Override
    public void onClose()
    {
        closed = true;
        if (!stopRequested)
        {
            // The agent's thread is ending on a failure nobody asked for: every socket it served hears of it
            // through its connections' DISCONNECTED events, and the log says why, rather than serving nothing.
            LOGGER.log(System.Logger.Level.ERROR, name + " stopped unexpectedly; its " + connections.size() +
                " connections are closed and its listeners and connectors stopped");
            for (int i = 0; i < connections.size(); i++)
            {
                connections.get(i).close(TransportEvent.DISCONNECTED, Errno.EPROTO, name + " stopped", false);
            }
        }
        for (final TcpListener listener : listeners)
        {
            listener.close();
        }
        for (final TcpConnector connector : connectors)
        {
            connector.stop();
        }
        for (int i = 0; i < connections.size(); i++)
        {
            connections.get(i).close(0, null, false);
        }
        listeners.clear();
        connectors.clear();
        connections.clear();
        try
        {
            selector.close();
        }
        catch (final IOException ignore)
        {
            // closing anyway
        }
    }

    @Override
    public String roleName()
    {
        return name;
    }
}
