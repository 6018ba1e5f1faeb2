package io.ringmq.bench.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one line that says where samples were measured: cpu model, cores the JVM sees, kernel and JDK. A baseline from
 * another machine compares hardware, not builds; the gate prints both lines so a reader sees which it was.
 */
public final class MachineDescription
{
    private MachineDescription()
    {
    }

    /**
     * @return e.g. {@code cpu="AMD EPYC 7B13" cores=2 kernel="Linux 6.1.0-25-cloud-amd64" jdk="17.0.15+6"}.
     */
    public static String ofThisMachine()
    {
        return "cpu=\"" + cpuModel() + "\" cores=" + Runtime.getRuntime().availableProcessors() +
            " kernel=\"" + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\"" +
            " jdk=\"" + System.getProperty("java.runtime.version") + " " + System.getProperty("java.vm.name") + "\"";
    }

    private static String cpuModel()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8))
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).trim().replace('"', '\'');
                }
            }
        }
        catch (final IOException | SecurityException ex)
        {
            // not Linux, or not readable: say so below
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }
}
