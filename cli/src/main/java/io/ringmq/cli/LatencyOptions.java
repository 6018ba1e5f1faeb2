package io.ringmq.cli;

import picocli.CommandLine.Option;

/**
 * {@code --latency[=SECONDS]} and {@code --hgrm FILE} of {@code send}, {@code recv} and {@code proxy}: track the
 * command's sockets' latency, print a percentile line per interval on stderr, write the distribution at exit.
 */
final class LatencyOptions
{
    @Option(names = "--latency", arity = "0..1", fallbackValue = "1", paramLabel = "SECONDS",
        description = "Track the sockets' latency and print percentiles on stderr every SECONDS (default 1).")
    String latency;

    @Option(names = "--hgrm", paramLabel = "FILE",
        description = "Track latency and write its percentile distribution (microseconds) to FILE at exit.")
    String hgrm;

    boolean tracking()
    {
        return null != latency || null != hgrm;
    }

    /** @return milliseconds between percentile lines, 0 for none. */
    long intervalMs()
    {
        if (null == latency)
        {
            return 0;
        }
        final double seconds = Numbers.decimal("--latency", latency);
        if (!(seconds > 0))
        {
            throw CliException.usage("--latency must be a positive number of seconds: '" + latency + "'");
        }
        return Math.max(1, Math.round(seconds * 1000));
    }
}
