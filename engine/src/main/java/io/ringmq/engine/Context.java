package io.ringmq.engine;

import io.ringmq.transports.agent.IoAgent;
import io.ringmq.transports.agent.IoThreads;
import io.ringmq.rings.Pipe;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.nio.file.Path;
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
    /** Inproc bindings and connects made before their bind, under a lock of its own. */
    private final InprocRegistry inproc = new InprocRegistry(this);
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
                socket.options.lingerMs(0);
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
            socket.links.wakeUp();
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
                countDutyCycles(io);
            }
            return io.choose(socketAffinity);
        }
    }

    /** Gives each I/O agent its duty-cycle counters (owner id = agent index + 1), when the file has room. */
    private void countDutyCycles(final IoThreads threads)
    {
        if (null == countersFile)
        {
            return;
        }
        for (int i = 0; i < threads.count(); i++)
        {
            final String name = "io-agent-" + i;
            final org.agrona.concurrent.status.AtomicCounter cycles =
                countersFile.newCounter(CounterType.DUTY_CYCLES, i + 1, 0, name + " duty cycles");
            final org.agrona.concurrent.status.AtomicCounter longest =
                countersFile.newCounter(CounterType.LONGEST_DUTY_CYCLE_NS, i + 1, 0, name + " longest duty cycle ns");
            if (null != cycles && null != longest)
            {
                threads.agent(i).dutyCycleCounters(cycles, longest);
            }
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

    /** @return where this context's sockets find each other's inproc endpoints. */
    InprocRegistry inproc()
    {
        return inproc;
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

    /** Builds a {@link Context}. */
    public static final class Builder
    {
        private static final JitWarmUp.Traffic DEFAULT_WARM_UP =
            new JitWarmUp.Traffic(SocketType.PUSH, EndpointUri.Transport.TCP, 64);

        private final ContextOptions options = new ContextOptions();
        private WaitStrategy idleStrategy = WaitStrategy.BLOCK;
        private int[] affinity = new int[0];
        private NanoClock clock = SystemNanoClock.INSTANCE;
        // Defaults a deployment can set without code (e.g. RINGMQ_JAVA_OPTS for bin/ringmq and its perf tools):
        // -Dringmq.counters=false, -Dringmq.latency.tracking=N.
        private boolean counters = !"false".equalsIgnoreCase(System.getProperty("ringmq.counters"));
        private boolean jmx;
        private JitWarmUp.Traffic warmUp = Boolean.getBoolean("ringmq.warmup") ? DEFAULT_WARM_UP : null;
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

        /**
         * Applies a deployment profile ({@link ContextProfile}); what is set after this call wins over it.
         *
         * @param nameOrFile a built-in profile's name ({@code dedicated-cores}, {@code shared-host}, {@code low-cpu},
         *                   {@code curve-heavy}) or a {@code .properties} file.
         * @throws IllegalArgumentException if there is no such profile, or a key in it is unknown or bad.
         */
        public Builder profile(final String nameOrFile)
        {
            return ContextProfile.load(nameOrFile).applyTo(this);
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
         * @param enabled pay the JIT's warm-up before the first message with 64 B tcp PUSH/PULL traffic
         *                ({@link #warmUp(SocketType, EndpointUri.Transport, int)}, which names the application's
         *                own traffic, is the better choice); off by default, {@code -Dringmq.warmup=true} turns it on.
         */
        public Builder warmUp(final boolean enabled)
        {
            this.warmUp = enabled ? DEFAULT_WARM_UP : null;
            return this;
        }

        /**
         * Pays the JIT's warm-up before the first message: if this is the JVM's first context to warm up,
         * {@link #build()} runs traffic like the application's through this context's own sockets, rings, I/O
         * threads and codecs until the compilers settle, at most {@code -Dringmq.warmup.ms} (default 2000)
         * milliseconds. Worth it where the first messages matter (a process that must be fast from its first
         * order, a benchmark timed from the first message); measured in latency-bench/SIDE-BY-SIDE.md. Traffic
         * unlike the application's can be worse than none (the compilers optimise for what they saw), hence
         * the three parameters.
         *
         * @param type        the socket type the application will use: PUSH or PULL warms up one-way traffic,
         *                    REQ or REP round trips (both ends run in this process either way).
         * @param transport   TCP (over loopback) or IPC (in a temporary directory): the application's.
         * @param messageSize the application's message size in bytes.
         * @throws IllegalArgumentException for another socket type or transport, or a negative size.
         */
        public Builder warmUp(final SocketType type, final EndpointUri.Transport transport, final int messageSize)
        {
            this.warmUp = new JitWarmUp.Traffic(type, transport, messageSize);
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
            final Context context = new Context(this);
            if (null != warmUp)
            {
                JitWarmUp.once(context, warmUp);
            }
            return context;
        }
    }
}
