package io.ringmq.engine;

import net.openhft.affinity.Affinity;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A deployment profile: how a context runs on a kind of machine (threads, idle strategy, pinning) and the JVM flags
 * that go with it, kept as a {@code .properties} file so operations can change it without code. The built-in ones
 * ({@link #BUILT_IN}) are tuning-guides/profiles/*.properties, shipped on the classpath under
 * {@link #RESOURCE_DIRECTORY}; any other file can be loaded by path.
 * <pre>
 * Context context = Context.builder().profile("shared-host").build();
 * </pre>
 * Every key is checked when the profile loads: an unknown key (a typo would otherwise silently keep a default) or a
 * bad value is an {@link IllegalArgumentException} naming the profile, the key and the value.
 */
public final class ContextProfile
{
    /** Where the built-in profiles are on the classpath. */
    public static final String RESOURCE_DIRECTORY = "io/ringmq/profiles/";
    /** The profiles shipped with ringmq, by name. */
    public static final List<String> BUILT_IN =
        Collections.unmodifiableList(Arrays.asList("dedicated-cores", "shared-host", "low-cpu", "curve-heavy"));

    /** Free text, shown by {@code ringmq profile NAME}. */
    public static final String DESCRIPTION = "description";
    /** I/O threads, 0 = caller-runs ({@link Context.Builder#ioThreads(int)}). */
    public static final String IO_THREADS = "io.threads";
    /** busy-spin, yield, back-off or block ({@link WaitStrategy}). */
    public static final String IDLE_STRATEGY = "idle.strategy";
    /** CPUs the I/O threads are pinned to, one per thread in order ({@link Context.Builder#affinity(int...)}). */
    public static final String IO_AFFINITY = "io.affinity";
    /** CPUs the application's thread is pinned to by {@link #pinApplicationThread()}. */
    public static final String APPLICATION_AFFINITY = "application.affinity";
    /** Latency tracking for every socket: 0 off, N every Nth message. */
    public static final String LATENCY_TRACKING = "latency.tracking";
    /** Whether the context keeps its counters file (true or false). */
    public static final String COUNTERS = "counters";
    /**
     * Whether the JIT is warmed up before the first message (true or false; {@link Context.Builder#warmUp(boolean)}).
     */
    public static final String WARM_UP = "jit.warm-up";
    /** -Xms and -Xmx: a fixed heap, e.g. 1g. */
    public static final String JVM_HEAP = "jvm.heap";
    /** -XX:MaxDirectMemorySize: rings, pooled large-message buffers and the agents' I/O buffers. */
    public static final String JVM_DIRECT_MEMORY = "jvm.direct-memory";
    /** -XX:+AlwaysPreTouch: touch the whole heap at start, so no page fault lands in a latency measurement. */
    public static final String JVM_PRE_TOUCH = "jvm.pre-touch";
    /** parallel, g1, z or serial. */
    public static final String JVM_GC = "jvm.gc";
    /** A GC log file ({@code %p} is the pid), or none. */
    public static final String JVM_GC_LOG = "jvm.gc-log";
    /** Any other JVM flags, separated by spaces. */
    public static final String JVM_OPTIONS = "jvm.options";

    private static final Set<String> KEYS = new TreeSet<>(Arrays.asList(DESCRIPTION, IO_THREADS, IDLE_STRATEGY,
        IO_AFFINITY, APPLICATION_AFFINITY, LATENCY_TRACKING, COUNTERS, WARM_UP, JVM_HEAP, JVM_DIRECT_MEMORY,
        JVM_PRE_TOUCH, JVM_GC, JVM_GC_LOG, JVM_OPTIONS));
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");

    private final String name;
    private final Properties properties;

    private ContextProfile(final String name, final Properties properties)
    {
        this.name = name;
        this.properties = properties;
        for (final String key : properties.stringPropertyNames())
        {
            if (!KEYS.contains(key))
            {
                throw new IllegalArgumentException("profile " + name + ": unknown key '" + key + "' (known: " +
                    String.join(", ", KEYS) + ")");
            }
        }
        // Parse every value now, so a bad one fails at load time rather than when the context starts.
        ioThreads();
        idleStrategy();
        ioCpus();
        applicationCpus();
        latencyTracking();
        counters();
        warmUp();
        jvmFlags();
    }

    /**
     * @param nameOrFile a built-in profile's name ({@link #BUILT_IN}) or the path of a {@code .properties} file.
     * @throws IllegalArgumentException if there is no such profile or it does not parse.
     */
    public static ContextProfile load(final String nameOrFile)
    {
        final Path file = Paths.get(nameOrFile);
        if (nameOrFile.endsWith(".properties") || nameOrFile.contains("/") || Files.isRegularFile(file))
        {
            if (!Files.isRegularFile(file))
            {
                throw new IllegalArgumentException("no profile file " + nameOrFile);
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                return parse(nameOrFile, reader);
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read profile " + nameOrFile + ": " + ex.getMessage(), ex);
            }
        }
        final InputStream resource = ContextProfile.class.getClassLoader()
            .getResourceAsStream(RESOURCE_DIRECTORY + nameOrFile + ".properties");
        if (resource == null)
        {
            throw new IllegalArgumentException("no profile named '" + nameOrFile + "' (built in: " +
                String.join(", ", BUILT_IN) + "; or give a .properties file)");
        }
        try (Reader reader = new InputStreamReader(resource, StandardCharsets.UTF_8))
        {
            return parse(nameOrFile, reader);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read profile " + nameOrFile + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param name what errors call the profile.
     */
    public static ContextProfile parse(final String name, final Reader properties) throws IOException
    {
        final Properties loaded = new Properties();
        loaded.load(properties);
        return new ContextProfile(name, loaded);
    }

    /** @return the name or path it was loaded by. */
    public String name()
    {
        return name;
    }

    /** @return the description, or "". */
    public String description()
    {
        return properties.getProperty(DESCRIPTION, "").trim();
    }

    /**
     * Sets on {@code builder} what this profile sets; anything it leaves out keeps the builder's value.
     *
     * @return the builder.
     */
    public Context.Builder applyTo(final Context.Builder builder)
    {
        if (ioThreads() >= 0)
        {
            builder.ioThreads(ioThreads());
        }
        if (idleStrategy() != null)
        {
            builder.idleStrategy(idleStrategy());
        }
        if (ioCpus() != null)
        {
            builder.affinity(ioCpus());
        }
        if (latencyTracking() >= 0)
        {
            builder.latencyTracking(latencyTracking());
        }
        if (properties.containsKey(COUNTERS))
        {
            builder.counters(counters());
        }
        if (properties.containsKey(WARM_UP))
        {
            builder.warmUp(warmUp());
        }
        return builder;
    }

    /** @return the I/O threads the profile sets, or -1. */
    public int ioThreads()
    {
        return nonNegative(IO_THREADS);
    }

    /** @return the idle strategy the profile sets, or null. */
    public WaitStrategy idleStrategy()
    {
        final String value = value(IDLE_STRATEGY);
        if (value == null)
        {
            return null;
        }
        switch (value.toLowerCase(Locale.ROOT))
        {
            case "busy-spin":
                return WaitStrategy.BUSY_SPIN;
            case "yield":
                return WaitStrategy.YIELD;
            case "back-off":
                return WaitStrategy.BACK_OFF;
            case "block":
                return WaitStrategy.BLOCK;
            default:
                throw bad(IDLE_STRATEGY, value, "busy-spin, yield, back-off or block");
        }
    }

    /** @return the CPUs the I/O threads are pinned to, or null when the profile leaves them to the OS. */
    public int[] ioCpus()
    {
        final String value = value(IO_AFFINITY);
        return value == null ? null : CpuList.parse("profile " + name + ": " + IO_AFFINITY, value);
    }

    /** @return the CPUs the application thread is pinned to; empty when none. */
    public int[] applicationCpus()
    {
        final String value = value(APPLICATION_AFFINITY);
        return value == null ? new int[0] : CpuList.parse("profile " + name + ": " + APPLICATION_AFFINITY, value);
    }

    /**
     * Pins the calling thread (the application's: the one that uses the sockets) to the profile's
     * {@link #APPLICATION_AFFINITY} CPUs, with OpenHFT affinity; does nothing when the profile names none. A
     * busy-spinning caller on an isolated core is never descheduled, which is the point of dedicated cores.
     */
    public void pinApplicationThread()
    {
        final int[] cpus = applicationCpus();
        if (cpus.length == 0)
        {
            return;
        }
        final BitSet set = new BitSet();
        for (final int cpu : cpus)
        {
            set.set(cpu);
        }
        Affinity.setAffinity(set);
    }

    /** @return the latency tracking the profile sets, or -1. */
    public int latencyTracking()
    {
        return nonNegative(LATENCY_TRACKING);
    }

    /** @return whether the profile keeps the counters file (true unless it says false). */
    public boolean counters()
    {
        return bool(COUNTERS, true);
    }

    /** @return whether the profile warms the JIT up before the first message (false unless it says true). */
    public boolean warmUp()
    {
        return bool(WARM_UP, false);
    }

    /**
     * The JVM flags the profile wants, complete: heap, direct memory and collector always (the launcher's defaults,
     * -Xms64m -Xmx1g, 1g direct, Parallel, where the profile says nothing), then pre-touch, the GC log and any
     * other flags. {@code bin/ringmq} starts the JVM with these instead of its defaults when given {@code --profile}.
     */
    public List<String> jvmFlags()
    {
        final List<String> flags = new ArrayList<>();
        final String heap = size(JVM_HEAP);
        if (heap == null)
        {
            flags.add("-Xms64m");
            flags.add("-Xmx1g");
        }
        else
        {
            // A fixed heap: it never resizes, so no collection is spent growing it.
            flags.add("-Xms" + heap);
            flags.add("-Xmx" + heap);
        }
        final String direct = size(JVM_DIRECT_MEMORY);
        flags.add("-XX:MaxDirectMemorySize=" + (direct == null ? "1g" : direct));
        flags.add(collector());
        if (bool(JVM_PRE_TOUCH, false))
        {
            flags.add("-XX:+AlwaysPreTouch");
        }
        final String gcLog = value(JVM_GC_LOG);
        if (gcLog != null && !"none".equals(gcLog))
        {
            checkNoSpace(JVM_GC_LOG, gcLog);
            // Five files of 20 MB at most: a long-running process keeps a bounded history.
            flags.add("-Xlog:gc*:file=" + gcLog + ":time,uptime,level,tags:filecount=5,filesize=20m");
        }
        final String options = value(JVM_OPTIONS);
        if (options != null && !options.isEmpty())
        {
            flags.addAll(Arrays.asList(options.split("\\s+")));
        }
        return flags;
    }

    private String collector()
    {
        final String gc = value(JVM_GC);
        switch (gc == null ? "parallel" : gc.toLowerCase(Locale.ROOT))
        {
            case "parallel":
                return "-XX:+UseParallelGC";
            case "g1":
                return "-XX:+UseG1GC";
            case "z":
                return "-XX:+UseZGC";
            case "serial":
                return "-XX:+UseSerialGC";
            default:
                throw bad(JVM_GC, gc, "parallel, g1, z or serial");
        }
    }

    private String value(final String key)
    {
        final String value = properties.getProperty(key);
        return value == null ? null : value.trim();
    }

    private int nonNegative(final String key)
    {
        final String value = value(key);
        if (value == null)
        {
            return -1;
        }
        try
        {
            final int number = Integer.parseInt(value);
            if (number >= 0)
            {
                return number;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below
        }
        throw bad(key, value, "a number, 0 or more");
    }

    private boolean bool(final String key, final boolean absent)
    {
        final String value = value(key);
        if (value == null)
        {
            return absent;
        }
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value))
        {
            return Boolean.parseBoolean(value);
        }
        throw bad(key, value, "true or false");
    }

    private String size(final String key)
    {
        final String value = value(key);
        if (value != null && !SIZE.matcher(value).matches())
        {
            throw bad(key, value, "a size such as 512m or 2g");
        }
        return value;
    }

    private void checkNoSpace(final String key, final String value)
    {
        if (!NO_SPACE.matcher(value).matches())
        {
            throw bad(key, value, "a path without spaces");
        }
    }

    private IllegalArgumentException bad(final String key, final String value, final String expected)
    {
        return new IllegalArgumentException("profile " + name + ": " + key + " is '" + value + "', expected " +
            expected);
    }

    /** @return the profile as key = value lines, keys in order. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (final String key : new TreeSet<>(properties.stringPropertyNames()))
        {
            text.append(key).append(" = ").append(value(key)).append('\n');
        }
        return text.toString();
    }
}
