package io.ringmq.bench.gate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The file {@code ringmq bench --save} writes and {@code --baseline} reads: plain text, one run of one scenario a
 * line, each with its full histogram ({@link HistogramText}) so nothing is lost to a summary.
 * <pre>
 * ringmq-bench-samples 1
 * machine cpu="..." cores=2 kernel="Linux 6.1" jdk="17.0.15"
 * args --transports tcp --sizes 64 --count 10000
 * run tcp-64 412345.6 HISTFAAAA...
 * </pre>
 */
public final class SamplesFile
{
    private static final String MAGIC = "ringmq-bench-samples 1";

    private SamplesFile()
    {
    }

    public static void write(final Path file, final BuildSamples samples) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            out.write(MAGIC + "\n");
            out.write("machine " + samples.machine() + "\n");
            out.write("args " + String.join(" ", samples.runArguments()) + "\n");
            for (final String scenario : samples.scenarios())
            {
                for (final RunSample run : samples.runs(scenario))
                {
                    out.write(String.format(Locale.ROOT, "run %s %.1f %s%n",
                        scenario, run.msgPerSecond(), HistogramText.encode(run.roundTrips())));
                }
            }
        }
    }

    /**
     * @throws IllegalArgumentException when the file is not one {@link #write} wrote.
     */
    public static BuildSamples read(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 3 || !lines.get(0).equals(MAGIC) || !lines.get(1).startsWith("machine ") ||
            !lines.get(2).startsWith("args"))
        {
            throw new IllegalArgumentException(file + " is not a file written by ringmq bench --save");
        }
        final String args = lines.get(2).substring("args".length()).trim();
        final BuildSamples samples = new BuildSamples(lines.get(1).substring("machine ".length()),
            args.isEmpty() ? List.of() : Arrays.asList(args.split(" ")));
        for (int i = 3; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.isBlank())
            {
                continue;
            }
            final String[] fields = line.split(" ");
            if (fields.length != 4 || !fields[0].equals("run"))
            {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not a run: '" + line + "'");
            }
            samples.add(fields[1], new RunSample(HistogramText.decode(fields[3]), Double.parseDouble(fields[2])));
        }
        return samples;
    }
}
