package io.ringmq.bench.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ringmq bench --save / --baseline / --against}: the regression gate. {@code bin/ringmq bench} starts this
 * class from the benchmarks jar with its options already checked:
 * <pre>
 * --home ROOT --runs N --min-effect PCT [--save FILE] [--baseline FILE] [--against HOME] [--plot DIR]
 * [--hgrm-dir DIR] [--progress] [--explicit] -- BENCH-ARGS...
 * </pre>
 * Each run measures every scenario once, in one fresh JVM per build ({@link BuildUnderTest}); with two builds the
 * runs alternate A B B A ... so a slow drift of the machine hits both alike. Exit 0 when no row is slower, 1 when
 * one is (or a run failed), 2 for a bad baseline file.
 */
public final class RegressionGate
{
    private RegressionGate()
    {
    }

    public static void main(final String[] args)
    {
        int status;
        try
        {
            status = run(args, System.out);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringmq: " + ex.getMessage());
            status = 2;
        }
        catch (final Exception ex)
        {
            System.err.println("ringmq: bench: " + ex.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    static int run(final String[] args, final PrintStream out) throws IOException, InterruptedException
    {
        final GateOptions options = GateOptions.parse(args);
        BuildSamples saved = null;
        List<String> runArguments = options.runArguments;
        if (options.baselineFile != null)
        {
            saved = SamplesFile.read(options.baselineFile);
            if (!options.explicitRunArguments)
            {
                runArguments = saved.runArguments();
            }
        }
        final String machine = MachineDescription.ofThisMachine();
        final List<BuildUnderTest> builds = new ArrayList<>();
        builds.add(new BuildUnderTest("candidate", options.home, new BuildSamples(machine, runArguments)));
        if (options.against != null)
        {
            builds.add(new BuildUnderTest("baseline", options.against, new BuildSamples(machine, runArguments)));
        }
        for (int run = 0; run < options.runs; run++)
        {
            for (int k = 0; k < builds.size(); k++)
            {
                // A B, B A, A B ...: each build goes first as often as second.
                final BuildUnderTest build = builds.get(run % 2 == 0 ? k : builds.size() - 1 - k);
                if (options.progress)
                {
                    System.err.print("\r\033[Kringmq bench run " + (run + 1) + "/" + options.runs + ": " +
                        build.name());
                    System.err.flush();
                }
                build.runOnce();
            }
        }
        if (options.progress)
        {
            System.err.print("\r\033[K");
            System.err.flush();
        }
        final BuildSamples candidate = builds.get(0).samples();
        if (options.save != null)
        {
            SamplesFile.write(options.save, candidate);
        }
        final BuildSamples baseline = options.against != null ? builds.get(1).samples() : saved;
        final String baselineName = options.against != null ? "baseline " + options.against :
            options.baselineFile != null ? "baseline " + options.baselineFile : null;
        out.println("ringmq bench: " + options.runs + " runs per build, every scenario once per run" +
            (builds.size() > 1 ? ", the two builds alternating" : "") + "; bench " + String.join(" ", runArguments));
        out.println("candidate " + options.home + ": " + candidate.machine());
        if (baseline != null)
        {
            out.println(baselineName + ": " + baseline.machine());
        }
        final GatePlots plots = options.plotDir == null ? null : new GatePlots(options.plotDir);
        final int status = baseline == null ? GateReport.summary(candidate, out) :
            GateReport.compare(baseline, candidate, options.minEffect, out);
        if (options.save != null)
        {
            out.println("saved: " + options.save);
        }
        if (plots != null)
        {
            plots.write(baseline, candidate);
            out.println("plots: " + options.plotDir);
        }
        if (options.hgrmDir != null)
        {
            new GatePlots(options.hgrmDir).writeHgrm(baseline, candidate);
        }
        out.flush();
        return status;
    }

    /**
     * The options {@code bin/ringmq bench} hands over; it has checked them, so a bad one here is a bug there.
     */
    static final class GateOptions
    {
        Path home;
        int runs = 10;
        double minEffect = 0.05;
        Path save;
        Path baselineFile;
        Path against;
        Path plotDir;
        Path hgrmDir;
        boolean progress;
        boolean explicitRunArguments;
        List<String> runArguments = List.of();

        static GateOptions parse(final String[] args)
        {
            final GateOptions options = new GateOptions();
            int i = 0;
            while (i < args.length && !args[i].equals("--"))
            {
                final String option = args[i++];
                switch (option)
                {
                    case "--progress":
                        options.progress = true;
                        continue;
                    case "--explicit":
                        options.explicitRunArguments = true;
                        continue;
                    default:
                        break;
                }
                if (i >= args.length)
                {
                    throw new IllegalArgumentException("gate option " + option + " needs a value");
                }
                final String value = args[i++];
                switch (option)
                {
                    case "--home": options.home = Path.of(value); break;
                    case "--runs": options.runs = Integer.parseInt(value); break;
                    case "--min-effect": options.minEffect = Double.parseDouble(value) / 100.0; break;
                    case "--save": options.save = Path.of(value); break;
                    case "--baseline": options.baselineFile = Path.of(value); break;
                    case "--against": options.against = Path.of(value); break;
                    case "--plot": options.plotDir = Path.of(value); break;
                    case "--hgrm-dir": options.hgrmDir = Path.of(value); break;
                    default: throw new IllegalArgumentException("unknown gate option '" + option + "'");
                }
            }
            if (i < args.length)
            {
                options.runArguments = List.copyOf(Arrays.asList(args).subList(i + 1, args.length));
            }
            if (options.home == null)
            {
                throw new IllegalArgumentException("gate: --home is required");
            }
            return options;
        }
    }

    static void writeText(final Path file, final String text) throws IOException
    {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static String percent(final double fraction)
    {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
