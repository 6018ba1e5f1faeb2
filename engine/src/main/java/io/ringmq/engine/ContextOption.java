package io.ringmq.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A typed context option, named and numbered as libzmq's {@code zmq_ctx_set} options. Set on the builder with
 * {@link Context.Builder#option(ContextOption, Object)} or later with {@link Context#setOption(ContextOption, Object)},
 * read with {@link Context#getOption(ContextOption)}. As in libzmq, the thread options take effect when the I/O
 * threads start (the first tcp or ipc bind or connect), the others for sockets created afterwards.
 *
 * <p>Like {@link SocketOption}, the constants are the table: number, value type, libzmq default, range, and the
 * field of the context's options record each binds.
 *
 * @param <T> the value type.
 */
public final class ContextOption<T>
{
    private static final int MAX = Integer.MAX_VALUE;
    private static final System.Logger LOG = System.getLogger(ContextOption.class.getName());

    /** I/O threads for tcp and ipc, default 1; 0 = caller-runs. Set on the builder only. */
    public static final ContextOption<Integer> IO_THREADS = ints("IO_THREADS", 1, 1, 0, MAX, o -> o.ioThreads,
        (o, v) -> o.ioThreads = v)
        .builderOnly();
    /** Sockets open at once, default 1023 (libzmq's); one more is refused with EMFILE. */
    public static final ContextOption<Integer> MAX_SOCKETS = ints("MAX_SOCKETS", 2, 1023, 1, MAX, o -> o.maxSockets,
        (o, v) -> o.maxSockets = v);
    /** The most MAX_SOCKETS may be, read-only: ringmq has no limit of its own. */
    public static final ContextOption<Integer> SOCKET_LIMIT =
        new ContextOption<>("SOCKET_LIMIT", 3, Integer.class, MAX, v -> null, o -> MAX, null);
    /**
     * Largest frame the context's sockets accept from tcp and ipc peers, default {@code Integer.MAX_VALUE}; a
     * socket's MAXMSGSIZE, if smaller, still applies.
     */
    public static final ContextOption<Integer> MAX_MSGSZ = ints("MAX_MSGSZ", 5, MAX, 0, MAX, o -> o.maxMsgSz,
        (o, v) -> o.maxMsgSz = v);
    /** New sockets' IPV6, default false. */
    public static final ContextOption<Boolean> IPV6 =
        new ContextOption<>("IPV6", 42, Boolean.class, false, v -> null, o -> o.ipv6, (o, v) -> o.ipv6 = v);
    /** Default true; false gives new sockets a LINGER of 0, so closing the context never waits for queued messages. */
    public static final ContextOption<Boolean> BLOCKY =
        new ContextOption<>("BLOCKY", 70, Boolean.class, true, v -> null, o -> o.blocky, (o, v) -> o.blocky = v);
    /** Prefix of the I/O threads' names ({@code prefix/ringmq-io-0}); default "" = none. */
    public static final ContextOption<String> THREAD_NAME_PREFIX = new ContextOption<>("THREAD_NAME_PREFIX", 9,
        String.class, "", v -> null, o -> o.threadNamePrefix, (o, v) -> o.threadNamePrefix = v);
    /** Adds a CPU to those every I/O thread may run on (none = the operating system's choice). Write-only. */
    public static final ContextOption<Integer> THREAD_AFFINITY_CPU_ADD = ints("THREAD_AFFINITY_CPU_ADD", 7, null, 0,
        MAX, null, (o, v) -> o.threadCpus.set(v));
    /** Removes a CPU added with THREAD_AFFINITY_CPU_ADD. Write-only. */
    public static final ContextOption<Integer> THREAD_AFFINITY_CPU_REMOVE = ints("THREAD_AFFINITY_CPU_REMOVE", 8, null,
        0, MAX, null, (o, v) -> o.threadCpus.clear(v));
    /** Accepted and stored, not applied: a Java thread's priority is not the operating system's. Default -1. */
    public static final ContextOption<Integer> THREAD_PRIORITY = ints("THREAD_PRIORITY", 3, -1, -1, MAX,
        o -> o.threadPriority, (o, v) -> o.threadPriority = v)
        .notApplied("the JDK sets no operating-system thread priority");
    /** Accepted and stored, not applied: the JDK has no sched_setscheduler. Default -1. */
    public static final ContextOption<Integer> THREAD_SCHED_POLICY = ints("THREAD_SCHED_POLICY", 4, -1, -1, MAX,
        o -> o.threadSchedPolicy, (o, v) -> o.threadSchedPolicy = v)
        .notApplied("the JDK has no sched_setscheduler");

    private final String name;
    private final int number;
    private final Class<T> valueType;
    private final T defaultValue;
    private final Function<T, String> check;
    private final Function<ContextOptions, T> getter;
    private final BiConsumer<ContextOptions, T> setter;
    private boolean builderOnly;
    private String notApplied;
    private final AtomicBoolean notAppliedLogged = new AtomicBoolean();

    private ContextOption(
        final String name, final int number, final Class<T> valueType, final T defaultValue,
        final Function<T, String> check, final Function<ContextOptions, T> getter,
        final BiConsumer<ContextOptions, T> setter)
    {
        this.name = name;
        this.number = number;
        this.valueType = valueType;
        this.defaultValue = defaultValue;
        this.check = check;
        this.getter = getter;
        this.setter = setter;
    }

    private static ContextOption<Integer> ints(
        final String name, final int number, final Integer defaultValue, final int min, final int max,
        final Function<ContextOptions, Integer> getter, final BiConsumer<ContextOptions, Integer> setter)
    {
        final String range = max == MAX ? "must be >= " + min : "must be " + min + " to " + max;
        return new ContextOption<>(name, number, Integer.class, defaultValue,
            v -> v < min || v > max ? range + ": " + v : null, getter, setter);
    }

    private ContextOption<T> builderOnly()
    {
        builderOnly = true;
        return this;
    }

    private ContextOption<T> notApplied(final String why)
    {
        notApplied = why;
        return this;
    }

    /** @return libzmq's name without the {@code ZMQ_} prefix. */
    public String name()
    {
        return name;
    }

    /** @return libzmq's option number (THREAD_PRIORITY and SOCKET_LIMIT share 3 there too). */
    public int number()
    {
        return number;
    }

    public Class<T> valueType()
    {
        return valueType;
    }

    T defaultValue()
    {
        return defaultValue;
    }

    boolean isReadable()
    {
        return null != getter;
    }

    boolean isWritable()
    {
        return null != setter;
    }

    /** @return true if only {@link Context.Builder#option} may set it. */
    boolean isBuilderOnly()
    {
        return builderOnly;
    }

    /**
     * Validates and stores.
     *
     * @throws RingMqException (EINVAL) if the option is read-only, the value null or out of range.
     */
    void store(final ContextOptions options, final T value)
    {
        if (!isWritable())
        {
            throw new RingMqException(this + " cannot be set on a context (EINVAL)");
        }
        if (null == value)
        {
            throw new RingMqException(this + " on a context cannot be null (EINVAL)");
        }
        final String refused = check.apply(value);
        if (null != refused)
        {
            throw new RingMqException(this + " on a context " + refused + " (EINVAL)");
        }
        setter.accept(options, value);
        if (null != notApplied && !value.equals(defaultValue) && notAppliedLogged.compareAndSet(false, true))
        {
            LOG.log(System.Logger.Level.WARNING, "{0} is stored but not applied: {1}", this, notApplied);
        }
    }

    T load(final ContextOptions options)
    {
        if (!isReadable())
        {
            throw new RingMqException(this + " cannot be read from a context (EINVAL)");
        }
        return getter.apply(options);
    }

    @Override
    public String toString()
    {
        return "ZMQ_" + name;
    }
}
