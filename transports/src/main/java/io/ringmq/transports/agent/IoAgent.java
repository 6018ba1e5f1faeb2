package io.ringmq.transports.agent;

import org.agrona.concurrent.status.AtomicCounter;
import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.SelectionHandler;
import io.ringmq.transports.TransportEvent;
import io.ringmq.transports.channels.Endpoint;
import io.ringmq.transports.channels.TcpConnector;
import io.ringmq.transports.channels.TcpListener;
import io.ringmq.transports.connections.ChannelConnection;
import io.ringmq.transports.connections.ConnectionOwner;
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
 * monitor event and one log line, and the agent goes on serving the others. The catch has to sit in the agent,
 * per connection, because Agrona's {@code AgentRunner} ends the thread on an {@link Error}: around readiness here
 * (each key's {@link SelectionHandler} hears of its own failure), around the rest in {@link ConnectionRegistry}.
 */
public final class IoAgent implements Agent
{
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String name;
    /** Duty cycles run and the longest one in ns, in the context's counters file; null without counters. */
    private volatile AtomicCounter dutyCycles;
    private volatile AtomicCounter longestDutyCycleNs;
    private final NanoClock clock;
    private final Selector selector;
    private final ManyToOneConcurrentLinkedQueue<Runnable> commands = new ManyToOneConcurrentLinkedQueue<>();
    private final ArrayList<TcpListener> listeners = new ArrayList<>();
    private final ArrayList<TcpConnector> connectors = new ArrayList<>();
    private final Waker waker = this::wakeIfParked;
    private final ConnectionRegistry connections;
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
        this.connections = new ConnectionRegistry(name, selector, waker, LOGGER);
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
                listener.register(selector, connections);
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
        submit(() -> connectors.add(
            new TcpConnector(connections, selector, clock, endpoint, config, owner, sessionEnd)));
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
            connections.closeUnattached(owner);
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
     * Counts this agent's duty cycles and keeps its longest one (ns) in these counters, which this agent's thread
     * alone writes from now on; both non-null.
     */
    public void dutyCycleCounters(final AtomicCounter cycles, final AtomicCounter longestNs)
    {
        longestDutyCycleNs = longestNs;
        dutyCycles = cycles;
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
            final AtomicCounter cycles = dutyCycles;
            if (null == cycles)
            {
                return dutyCycle();
            }
            // Counted only when a counters file asks: the second clock read is the cost of knowing the longest.
            final long startNs = clock.nanoTime();
            final int work = dutyCycle();
            final long tookNs = clock.nanoTime() - startNs;
            cycles.setRelease(cycles.getPlain() + 1);
            final AtomicCounter longest = longestDutyCycleNs;
            if (tookNs > longest.getPlain())
            {
                longest.setRelease(tookNs);
            }
            return work;
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
            work += connectors.get(i).doWork(nowNs);
        }
        if (!connectors.isEmpty())
        {
            connectors.removeIf(TcpConnector::isStopped);
        }
        work += connections.serveAll(nowNs);
        connections.removeClosed();
        boolean lingering = connections.isAnyLingering();
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
        return connections.serveAll(clock.nanoTime());
    }

    /**
     * @return connections this agent closed because serving them threw (for tests and diagnostics).
     */
    public long connectionFailures()
    {
        return connections.connectionFailures();
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
            final SelectionHandler handler = (SelectionHandler)key.attachment();
            try
            {
                handler.onSelected(key.readyOps(), nowNs);
            }
            catch (final Throwable failure)
            {
                handler.onSelectionFailed(failure);
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
            if (commands.isEmpty() && !connections.hasQueuedOutbound() && !connections.hasResumableInbound())
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

    private long nextDeadlineNs()
    {
        long deadline = Long.MAX_VALUE;
        for (int i = 0; i < connectors.size(); i++)
        {
            deadline = Math.min(deadline, connectors.get(i).nextDeadlineNs());
        }
        return Math.min(deadline, connections.nextDeadlineNs());
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
            connections.closeAll(TransportEvent.DISCONNECTED, name + " stopped");
        }
        for (final TcpListener listener : listeners)
        {
            listener.close();
        }
        for (final TcpConnector connector : connectors)
        {
            connector.stop();
        }
        connections.closeAll(0, null);
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
