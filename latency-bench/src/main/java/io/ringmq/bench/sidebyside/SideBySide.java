package io.ringmq.bench.sidebyside;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side run of issue 4's Performance section: every contender, every scenario, runs alternating
 * between contenders (A B C A B C ...) so that a slow minute of the machine hits all of them alike, then the
 * median per metric as a Markdown table with ratios to the raw floor and to libzmq.
 *
 * <pre>
 * java -cp latency-bench/target/benchmarks.jar io.ringmq.bench.sidebyside.SideBySide [options]
 *   --contenders raw,libzmq,jeromq   which contenders, in table order (default: raw,libzmq,jeromq,
 *                                    plus ringmq when bin/ringmq exists)
 *   --contender NAME=TEMPLATE        define or override a contender (every role); repeatable
 *   --contender NAME.ROLE=TEMPLATE   only that role's template (local_lat, remote_lat, local_thr, remote_thr)
 *   --tests lat,thr                  --lat-sizes 1,64        --thr-sizes 1,64,1024
 *   --roundtrips 20000               --messages 1000000      --runs 5
 *   --warmup 0                       untimed round trips before the timed ones ({warmup-opt} in templates);
 *                                    0, libzmq's protocol, by default
 *   --cpus 0,1                       bind side's CPU, connect side's CPU (taskset -c); --no-pin to not pin
 *   --timeout 120                    seconds per run, then both peers are killed and the run counts as failed
 *   --floor raw --baseline libzmq    the contenders the ratio columns divide by
 *   --out FILE                       also write the report (Markdown) to FILE
 *   --logs DIR                       keep each peer's argv, stdout and stderr there (default: a temp dir)
 *   --root DIR  --c-dir DIR          repository root; compiled C peers (default ROOT/latency-bench/target/c)
 *   --list                           print the contenders' templates and exit
 *   --dry-run                        print the commands of one run per contender and scenario, run nothing
 * </pre>
 */
public final class SideBySide
{
    private SideBySide()
    {
    }

    public static void main(final String[] args)
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("sidebyside: " + ex.getMessage());
            System.exit(2);
            return;
        }
        try
        {
            System.exit(run(options));
        }
        catch (final IOException ex)
        {
            System.err.println("sidebyside: " + ex.getMessage());
            System.exit(1);
        }
    }

    static int run(final Options o) throws IOException
    {
        if (o.list)
        {
            for (final Contender c : o.all.values())
            {
                System.out.println(c.name + (Contenders.available(c.name, o.root) ? "" : "  (not available here)"));
                for (final Role role : Role.values())
                {
                    System.out.println("  " + role.id + ": " + c.template(role));
                }
            }
            return 0;
        }

        final List<Scenario> scenarios = o.scenarios();
        final Path logs = o.logs != null ? Files.createDirectories(o.logs) : Files.createTempDirectory("sidebyside");
        final Contender.Vars template = new Contender.Vars(
            "", 0, 0, 0, o.root.toString(), o.cdir.toString(), javaCommand(o.root), o.warmup);
        final PeerRunner runner = new PeerRunner(template, o.bindCpu, o.connectCpu, o.timeoutSec * 1000L, logs, o.pin,
            "ipc".equals(o.transport));

        if (o.dryRun)
        {
            for (final Scenario scenario : scenarios)
            {
                for (final String name : o.selected)
                {
                    for (final List<String> argv : runner.commands(o.all.get(name), scenario))
                    {
                        System.out.println(String.join(" ", argv));
                    }
                }
            }
            return 0;
        }

        final String loadAtStart = loadAverage();
        if (busy(loadAtStart))
        {
            System.err.println("sidebyside: load average " + loadAtStart + " on " +
                Runtime.getRuntime().availableProcessors() + " CPUs: the machine is busy, figures will be inflated");
        }
        final Map<String, Summary> summaries = new LinkedHashMap<>();
        // Every run's figures, one CSV row each, next to the peer logs: the table shows medians, this keeps the rest.
        final Path csv = logs.resolve("runs.csv");
        Files.writeString(csv, RunResult.csvHeader() + "\n");
        final int total = scenarios.size() * o.runs * o.selected.size();
        int done = 0;
        for (final Scenario scenario : scenarios)
        {
            for (int run = 1; run <= o.runs; run++)
            {
                // Alternation: within a scenario each contender runs once per round, so drift of the machine
                // (another build starting, thermal state) is spread over all contenders instead of hitting one.
                for (final String name : o.selected)
                {
                    final RunResult result = runner.run(o.all.get(name), scenario, String.format("%03d", ++done));
                    summaries.computeIfAbsent(TableWriter.key(scenario, name), k -> new Summary(scenario, name))
                        .add(result);
                    Files.writeString(csv, result.csvRow(done, run) + "\n", StandardOpenOption.APPEND);
                    System.err.printf(Locale.ROOT, "[%d/%d] %s, %s, run %d/%d: %s%n",
                        done, total, name, scenario, run, o.runs, result.oneLine());
                }
            }
        }

        final String report = header(o, logs, loadAtStart, loadAverage()) +
            new TableWriter(scenarios, o.selected, summaries, o.floor, o.baseline)
                .over("ipc".equals(o.transport) ? "ipc" : "loopback tcp").write();
        System.out.print(report);
        if (o.out != null)
        {
            Files.writeString(o.out, report);
        }
        final boolean anyFailed = summaries.values().stream().anyMatch(s -> s.okRuns() < s.runs());
        return anyFailed ? 1 : 0;
    }

    private static String header(final Options o, final Path logs, final String loadAtStart, final String loadAtEnd)
    {
        return String.format(Locale.ROOT,
            "Side-by-side run of %s on %s, %d CPUs, JDK %s; bind side on CPU %s, connect side on CPU %s; " +
            "median of %d alternating runs per contender; %d round trips per latency run (after %d untimed), " +
            "%d messages per throughput run; load average at start %s, at end %s; peer logs and runs.csv in %s.%n%n",
            String.join(", ", o.selected),
            ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            o.pin ? Integer.toString(o.bindCpu) : "any",
            o.pin ? Integer.toString(o.connectCpu) : "any",
            o.runs, o.roundtrips, o.warmup, o.messages, loadAtStart, loadAtEnd, logs) +
            (o.runs < 5 ?
            "Fewer than the 5 runs per figure issue 4 asks for: a development run, not a result.\n\n" : "");
    }

    /** A 1-minute load average of 1 or more: something else is running on a machine these runs want whole. */
    private static boolean busy(final String loadAverage)
    {
        try
        {
            return Double.parseDouble(loadAverage.split("/")[0]) >= 1.0;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    /**
     * The 1, 5 and 15-minute load averages: on a machine shared with builds, the figure that says whether the other
     * core was really free while the table was made.
     */
    private static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "n/a";
        }
    }

    /**
     * What {@code {java}} stands for: this JDK's java with the repository's jvm.options (the one place the build
     * keeps JVM flags), a fixed heap so GC sizing does not differ between runs, and this harness's class path.
     */
    private static List<String> javaCommand(final Path root)
    {
        final List<String> java = new ArrayList<>();
        java.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        final Path jvmOptions = root.resolve("jvm.options");
        if (Files.isReadable(jvmOptions))
        {
            java.add("@" + jvmOptions);
        }
        java.add("-Xms256m");
        java.add("-Xmx256m");
        java.add("-cp");
        // Absolute entries: the peers must find the classes whatever directory they are started from.
        final List<String> classPath = new ArrayList<>();
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            classPath.add(Paths.get(entry).toAbsolutePath().toString());
        }
        java.add(String.join(File.pathSeparator, classPath));
        return java;
    }

    /** Command-line options; hand-parsed to keep the harness free of dependencies the root pom does not pin. */
    static final class Options
    {
        final Map<String, Contender> all = Contenders.builtIn();
        List<String> selected;
        List<Test> tests = List.of(Test.LAT, Test.THR);
        List<Integer> latSizes = List.of(1, 64);
        List<Integer> thrSizes = List.of(1, 64, 1024);
        long roundtrips = 20_000;
        long messages = 1_000_000;
        long warmup = 0;
        int runs = 5;
        int bindCpu = 0;
        int connectCpu = 1;
        boolean pin = true;
        int timeoutSec = 120;
        String floor = Contenders.RAW;
        String baseline = Contenders.LIBZMQ;
        Path out;
        Path logs;
        Path root;
        Path cdir;
        boolean list;
        boolean dryRun;
        /** tcp (loopback, the default) or ipc (Unix domain sockets; the raw floor and JeroMQ speak tcp only). */
        String transport = "tcp";

        static String transport(final String name)
        {
            if (!"tcp".equals(name) && !"ipc".equals(name))
            {
                throw new IllegalArgumentException("--transport is tcp or ipc, not '" + name + "'");
            }
            return name;
        }

        static Options parse(final String[] args)
        {
            final Options o = new Options();
            final List<String> defined = new ArrayList<>();
            for (int i = 0; i < args.length; i++)
            {
                final String arg = args[i];
                switch (arg)
                {
                    case "--contenders": o.selected = csv(value(args, ++i, arg)); break;
                    case "--contender": defined.add(Contenders.define(o.all, value(args, ++i, arg))); break;
                    case "--tests":
                        o.tests = new ArrayList<>();
                        for (final String t : csv(value(args, ++i, arg)))
                        {
                            o.tests.add(Test.byId(t));
                        }
                        break;
                    case "--lat-sizes": o.latSizes = ints(value(args, ++i, arg), arg); break;
                    case "--thr-sizes": o.thrSizes = ints(value(args, ++i, arg), arg); break;
                    case "--roundtrips": o.roundtrips = positive(value(args, ++i, arg), arg); break;
                    case "--messages": o.messages = positive(value(args, ++i, arg), arg); break;
                    case "--warmup": o.warmup = nonNegative(value(args, ++i, arg), arg); break;
                    case "--runs": o.runs = (int)positive(value(args, ++i, arg), arg); break;
                    case "--cpus":
                        final List<Integer> cpus = ints(value(args, ++i, arg), arg);
                        if (cpus.size() != 2)
                        {
                            throw new IllegalArgumentException("--cpus takes two CPUs, e.g. 0,1");
                        }
                        o.bindCpu = cpus.get(0);
                        o.connectCpu = cpus.get(1);
                        break;
                    case "--no-pin": o.pin = false; break;
                    case "--transport": o.transport = transport(value(args, ++i, arg)); break;
                    case "--timeout": o.timeoutSec = (int)positive(value(args, ++i, arg), arg); break;
                    case "--floor": o.floor = value(args, ++i, arg); break;
                    case "--baseline": o.baseline = value(args, ++i, arg); break;
                    case "--out": o.out = Paths.get(value(args, ++i, arg)); break;
                    case "--logs": o.logs = Paths.get(value(args, ++i, arg)); break;
                    case "--root": o.root = Paths.get(value(args, ++i, arg)); break;
                    case "--c-dir": o.cdir = Paths.get(value(args, ++i, arg)); break;
                    case "--list": o.list = true; break;
                    case "--dry-run": o.dryRun = true; break;
                    default: throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            o.root = (o.root != null ? o.root : findRoot()).toAbsolutePath().normalize();
            o.cdir = (o.cdir != null ? o.cdir : o.root.resolve("latency-bench/target/c")).toAbsolutePath();
            if (o.selected == null)
            {
                o.selected = new ArrayList<>(List.of(Contenders.RAW, Contenders.LIBZMQ, "jeromq"));
                if (Contenders.available("ringmq", o.root))
                {
                    o.selected.add("ringmq");
                }
                for (final String name : defined)
                {
                    if (!o.selected.contains(name))
                    {
                        o.selected.add(name); // a contender defined on the command line is meant to run
                    }
                }
            }
            for (final String name : o.selected)
            {
                final Contender c = o.all.get(name);
                if (c == null)
                {
                    throw new IllegalArgumentException("unknown contender '" + name + "' (known: " + o.all.keySet() +
                        "; define one with --contender NAME=TEMPLATE)");
                }
                for (final Test test : o.tests)
                {
                    if (!c.supports(test.bindRole()) || !c.supports(test.connectRole()))
                    {
                        throw new IllegalArgumentException("contender '" + name + "' has no template for " +
                            test.bindRole().id + "/" + test.connectRole().id);
                    }
                }
            }
            return o;
        }

        List<Scenario> scenarios()
        {
            final List<Scenario> scenarios = new ArrayList<>();
            for (final Test test : tests)
            {
                for (final int size : test == Test.LAT ? latSizes : thrSizes)
                {
                    scenarios.add(new Scenario(test, size, test == Test.LAT ? roundtrips : messages));
                }
            }
            return scenarios;
        }

        /**
         * -Dringmq.root, then $RINGMQ_ROOT, then the nearest directory upwards holding jvm.options and latency-bench.
         */
        private static Path findRoot()
        {
            final String property = System.getProperty("ringmq.root", System.getenv("RINGMQ_ROOT"));
            if (property != null && !property.isEmpty())
            {
                return Paths.get(property);
            }
            for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent())
            {
                if (Files.isRegularFile(dir.resolve("jvm.options")) && Files.isDirectory(dir.resolve("latency-bench")))
                {
                    return dir;
                }
            }
            throw new IllegalArgumentException("cannot find the repository root; give --root DIR");
        }

        private static String value(final String[] args, final int i, final String option)
        {
            if (i >= args.length)
            {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static List<String> csv(final String text)
        {
            final List<String> items = new ArrayList<>();
            for (final String item : text.split(","))
            {
                if (!item.trim().isEmpty())
                {
                    items.add(item.trim());
                }
            }
            return items;
        }

        private static List<Integer> ints(final String text, final String option)
        {
            final List<Integer> values = new ArrayList<>();
            for (final String item : csv(text))
            {
                values.add((int)nonNegative(item, option));
            }
            return values;
        }

        private static long positive(final String text, final String option)
        {
            final long v = nonNegative(text, option);
            if (v == 0)
            {
                throw new IllegalArgumentException(option + " must be at least 1, not '" + text + "'");
            }
            return v;
        }

        private static long nonNegative(final String text, final String option)
        {
            try
            {
                final long v = Long.parseLong(text.replace("_", ""));
                if (v < 0)
                {
                    throw new NumberFormatException();
                }
                return v;
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(option + ": bad number '" + text + "'");
            }
        }
    }
}
