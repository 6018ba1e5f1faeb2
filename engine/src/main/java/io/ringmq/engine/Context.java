package io.ringmq.engine;

import io.ringmq.transports.agent.IoAgent;
import io.ringmq.transports.agent.IoThreads;
import io.ringmq.transports.zmtp.Metadata;
import io.ringmq.rings.Pipe;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container of sockets, as a libzmq context: create one per process, make sockets from it, close it last.
 *
 * <p><b>Threads.</b> A context is thread-safe. It runs a fixed number of I/O threads for network transports (none
 * for inproc, which joins sockets directly by a {@link Pipe}), started on the first tcp or ipc bind or connect, pinned
 * to the affinity list's CPUs in order; with {@code ioThreads(0)} a socket does its own I/O on the caller's thread.
 *
 * <p><b>Closing.</b> {@link #close()} terminates the context: every send and receive, including those blocked in
 * other threads, returns {@link Status#TERMINATED}, and bind/connect throw. Unlike libzmq's {@code zmq_ctx_term} it
 * does not wait for sockets to be closed; each socket should still be closed by the thread using it.
 *
 * <pre>{@code
 * try (Context context = Context.builder().idleStrategy(WaitStrategy.BLOCK).build();
 *      Socket pull = context.socket(SocketType.PULL);
 *      Socket push = context.socket(SocketType.PUSH))
 * {
 *     pull.bind("inproc://work");
 *     push.connect("inproc://work");
 *     push.send("hello");
 *     String hello = pull.recvString();
 * }
 * }</pre>
 */
public final class Context implements AutoCloseable
{
    private final int ioThreads;
    private final WaitStrategy idleStrategy;
    private final int[] affinity;
    private final NanoClock clock;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private final HashMap<String, Binding> bindings = new HashMap<>();
    private final HashMap<String, ArrayList<PendingConnect>> pending = new HashMap<>();
    private volatile boolean terminated;
    private volatile Authenticator authenticator;
    /** The I/O threads, started on the first tcp or ipc bind or connect. */
    private IoThreads io;
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();
    private final long id = IDS.incrementAndGet();
    private final java.util.concurrent.atomic.AtomicInteger socketIds = new java.util.concurrent.atomic.AtomicInteger();
    private final CountersFile countersFile;
    private final boolean jmx;
    private final int latencyTracking;
    /** zmq_ctx_set options, read and written under {@link #lock}. */
    private final ContextOptions options;

    private Context(final Builder builder)
    {
        options = builder.options.copy();
        ioThreads = options.ioThreads;
        idleStrategy = builder.idleStrategy;
        affinity = builder.affinity.clone();
        clock = builder.clock;
        jmx = builder.jmx;
        latencyTracking = builder.latencyTracking;
        countersFile = builder.counters ?
            openCounters(null != builder.countersDirectory ? builder.countersDirectory : CounterFile.defaultDirectory(),
                builder.countersCapacity) : null;
    }

    /** Cleans the directory of stale files, then creates this context's; a failure costs the counters only. */
    private CountersFile openCounters(final Path directory, final int capacity)
    {
        final long nowMs = System.currentTimeMillis();
        try
        {
            CounterFile.removeStale(directory, nowMs);
            final CountersFile file = CountersFile.create(directory, id, capacity, nowMs);
            CountersHeartbeat.add(file);
            return file;
        }
        catch (final IOException | RuntimeException ex)
        {
            System.getLogger(Context.class.getName()).log(System.Logger.Level.WARNING,
                "ringmq context " + id + " runs without counters: cannot create its file in " + directory + ": " + ex);
            return null;
        }
    }

    /** @return this context's id, unique in the process: its counters file and MBeans are named after it. */
    public long id()
    {
        return id;
    }

    /** @return the latency sampling every new socket starts with (0 = off). */
    int latencyTracking()
    {
        return latencyTracking;
    }

    /** @return whether sockets register MXBeans. */
    boolean jmx()
    {
        return jmx;
    }

    /** @return this context's counters file, or null if it runs without. */
    CountersFile countersFile()
    {
        return countersFile;
    }

    /** @return the path of this context's counters file, if it has one. */
    public java.util.Optional<Path> countersPath()
    {
        return null == countersFile ? java.util.Optional.empty() : java.util.Optional.of(countersFile.path());
    }

    /** @return a context with libzmq's defaults: one I/O thread, the block idle strategy, no pinning. */
    public static Context create()
    {
        return builder().build();
    }

    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Creates a socket. The socket is used by one thread at a time.
     *
     * @throws RingMqException if the context is closed or the type is not built yet.
     */
    public Socket socket(final SocketType type)
    {
        if (terminated)
        {
            throw new RingMqException("context is closed, cannot create a " + type + " socket", Status.TERMINATED);
        }
        synchronized (lock)
        {
            if (sockets.size() >= options.maxSockets)
            {
                throw new RingMqException("context has MAX_SOCKETS " + options.maxSockets + " sockets open, cannot " +
                    "create a " + type + " socket (EMFILE)");
            }
            final Socket socket = new Socket(this, type);
            socket.options.transport.ipv6(options.ipv6);
            if (!options.blocky)
            {
                socket.options.lingerMs = 0;
            }
            sockets.add(socket);
            return socket;
        }
    }

    /**
     * Sets a context option, as zmq_ctx_set: the I/O thread options apply when the threads start (the first tcp or
     * ipc bind or connect), the others to sockets created afterwards.
     *
     * @throws RingMqException (EINVAL) if the option is read-only or builder-only, or the value out of range.
     */
    public <T> void setOption(final ContextOption<T> option, final T value)
    {
        if (option.isBuilderOnly())
        {
            throw new RingMqException(option + " can be set on the context's builder only (EINVAL)");
        }
        synchronized (lock)
        {
            option.store(options, value);
        }
    }

    /**
     * Reads a context option, as zmq_ctx_get.
     *
     * @throws RingMqException (EINVAL) if the option is write-only.
     */
    public <T> T getOption(final ContextOption<T> option)
    {
        synchronized (lock)
        {
            return option.load(options);
        }
    }

    /** @return MAX_MSGSZ, the bound on frames from tcp and ipc peers. */
    int maxMsgSz()
    {
        synchronized (lock)
        {
            return options.maxMsgSz;
        }
    }

    public int ioThreads()
    {
        return ioThreads;
    }

    public WaitStrategy idleStrategy()
    {
        return idleStrategy;
    }

    /** @return the CPUs I/O threads are to be pinned to, in order; empty = no pinning. */
    public int[] affinity()
    {
        return affinity.clone();
    }

    /** @return the clock every deadline (send/receive timeouts) is measured on. */
    public NanoClock clock()
    {
        return clock;
    }

    public boolean isClosed()
    {
        return terminated;
    }

    /**
     * Terminates the context: blocked and later sends and receives return {@link Status#TERMINATED}; I/O threads,
     * if any were started, stop and are joined. Idempotent.
     */
    @Override
    public void close()
    {
        terminated = true;
        for (final Socket socket : sockets)
        {
            socket.wakeUp();
        }
        final IoThreads threads;
        synchronized (lock)
        {
            threads = io;
            io = null;
        }
        if (null != threads)
        {
            // As zmq_ctx_term: connections of closed sockets first write what they queued, each within its LINGER.
            threads.close(-1);
        }
        if (null != countersFile)
        {
            CountersHeartbeat.remove(countersFile);
            countersFile.close();
        }
    }

    /** @return the next socket id of this context (1, 2, ...): the owner id of the socket's counters. */
    int nextSocketId()
    {
        return socketIds.incrementAndGet();
    }

    /**
     * @param socketAffinity the socket's AFFINITY: bit n allows the n-th I/O thread; 0 = any.
     * @return the I/O agent for a new tcp or ipc bind or connect, starting the I/O threads on first use.
     */
    IoAgent ioAgent(final long socketAffinity)
    {
        synchronized (lock)
        {
            if (terminated)
            {
                throw new RingMqException("context is closed (ETERM)", Status.TERMINATED);
            }
            if (null == io)
            {
                io = new IoThreads(ioThreads, idleStrategy.kind(), affinity,
                    (java.util.BitSet)options.threadCpus.clone(),
                    options.threadNamePrefix, clock,
                    throwable ->
                    {
                        System.err.println("ringmq: I/O thread error: " + throwable);
                        if (Boolean.getBoolean("ringmq.debug"))
                        {
                            throwable.printStackTrace();
                        }
                    });
            }
            return io.choose(socketAffinity);
        }
    }

    /**
     * Installs a built-in ZAP handler for every PLAIN and CURVE server (and NULL server with a ZAP_DOMAIN) of this
     * context, as CZMQ's zauth does, answering on the I/O thread that asks; null removes it. Without one, requests
     * go to whatever is bound at {@code inproc://zeromq.zap.01}.
     */
    public void authenticator(final Authenticator authenticator)
    {
        this.authenticator = authenticator;
    }

    Authenticator authenticator()
    {
        return authenticator;
    }

    /**
     * @return true if some socket of this context is bound at the inproc endpoint.
     */
    boolean hasInprocBinding(final String endpoint)
    {
        synchronized (lock)
        {
            return bindings.containsKey(endpoint);
        }
    }

    /** @return sockets created and not yet closed. */
    public int socketCount()
    {
        return sockets.size();
    }

    void removed(final Socket socket)
    {
        sockets.remove(socket);
    }

    // ------------------------------------------------------------------ inproc registry

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
    List<Link> bindInproc(final Socket socket, final String endpoint)
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
    Link connectInproc(final Socket socket, final String endpoint, final byte[] assignedRoutingId)
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
    boolean unbindInproc(final Socket socket, final String endpoint)
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
            socket.deliver(link);
        }
    }

    /** What a message over an inproc connection says about its writer. */
    private static Metadata inprocMetadata(final SocketType writerType, final String endpoint)
    {
        return Metadata.of(Map.of(Metadata.SOCKET_TYPE, writerType.name(), Metadata.PEER_ADDRESS, endpoint));
    }

    private void checkNotTerminated(final Socket socket, final String operation)
    {
        if (terminated)
        {
            throw new RingMqException(
                socket.type() + " socket cannot " + operation + ": context is closed (ETERM)", Status.TERMINATED);
        }
    }

    /** Builds a {@link Context}. */
    public static final class Builder
    {
        private final ContextOptions options = new ContextOptions();
        private WaitStrategy idleStrategy = WaitStrategy.BLOCK;
        private int[] affinity = new int[0];
        private NanoClock clock = SystemNanoClock.INSTANCE;
        // Defaults a deployment can set without code (e.g. RINGMQ_JAVA_OPTS for bin/ringmq and its perf tools):
        // -Dringmq.counters=false, -Dringmq.latency.tracking=N.
        private boolean counters = !"false".equalsIgnoreCase(System.getProperty("ringmq.counters"));
        private boolean jmx;
        private int latencyTracking = Math.max(0, Integer.getInteger("ringmq.latency.tracking", 0));
        private Path countersDirectory;
        private int countersCapacity = CountersFileDescriptor.DEFAULT_CAPACITY;

        private Builder()
        {
        }

        /** @param ioThreads I/O threads for network transports; 0 = caller-runs (each socket does its own I/O). */
        public Builder ioThreads(final int ioThreads)
        {
            if (ioThreads < 0)
            {
                throw new IllegalArgumentException("ioThreads must be >= 0: " + ioThreads);
            }
            options.ioThreads = ioThreads;
            return this;
        }

        /**
         * @param idleStrategy how blocked sockets (and I/O threads) wait. BLOCK (default) or BACK_OFF on shared
         *                     machines, BUSY_SPIN only on cores you own.
         */
        public Builder idleStrategy(final WaitStrategy idleStrategy)
        {
            this.idleStrategy = java.util.Objects.requireNonNull(idleStrategy);
            return this;
        }

        /** @param cpus CPUs to pin I/O threads to, one per thread in order. */
        public Builder affinity(final int... cpus)
        {
            for (final int cpu : cpus)
            {
                if (cpu < 0)
                {
                    throw new IllegalArgumentException("CPU numbers are >= 0: " + cpu);
                }
            }
            this.affinity = cpus.clone();
            return this;
        }

        /** @param clock the clock for every deadline; tests inject one to make timeouts take no real time. */
        public Builder clock(final NanoClock clock)
        {
            this.clock = java.util.Objects.requireNonNull(clock);
            return this;
        }

        /**
         * @param enabled whether the context keeps its counters in a file another process can read
         *                ({@code ringmq stat}, {@link CounterFile}); on by default.
         */
        public Builder counters(final boolean enabled)
        {
            this.counters = enabled;
            return this;
        }

        /**
         * @param enabled whether each socket registers its counters as an MXBean with the platform MBean server
         *                ({@link SocketMXBean}); off by default, and needs {@link #counters(boolean) counters}.
         */
        public Builder jmx(final boolean enabled)
        {
            this.jmx = enabled;
            return this;
        }

        /**
         * @param sampleEvery latency tracking for every socket of the context: 0 off (default), 1 every message, N
         *                    every Nth; a socket can change its own with {@link Socket#trackLatency(int)}.
         */
        public Builder latencyTracking(final int sampleEvery)
        {
            if (sampleEvery < 0)
            {
                throw new IllegalArgumentException("latencyTracking must be >= 0: " + sampleEvery);
            }
            this.latencyTracking = sampleEvery;
            return this;
        }

        /** @param directory where the counters file goes; default {@link CounterFile#defaultDirectory()}. */
        public Builder countersDirectory(final Path directory)
        {
            this.countersDirectory = java.util.Objects.requireNonNull(directory);
            return this;
        }

        /**
         * @param capacity counters the file holds (default 4,096: 5 per socket, 4 per connection); when it is full,
         *                 new sockets and connections run without counters.
         */
        public Builder countersCapacity(final int capacity)
        {
            if (capacity < 1)
            {
                throw new IllegalArgumentException("countersCapacity must be >= 1: " + capacity);
            }
            this.countersCapacity = capacity;
            return this;
        }

        /**
         * Sets a context option before the context exists (libzmq's zmq_ctx_set before the first socket).
         *
         * @throws RingMqException (EINVAL) if the option is read-only or the value out of range.
         */
        public <T> Builder option(final ContextOption<T> option, final T value)
        {
            option.store(options, value);
            return this;
        }

        public Context build()
        {
            return new Context(this);
        }
    }
}
