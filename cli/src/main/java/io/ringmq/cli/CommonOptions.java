package io.ringmq.cli;

import io.ringmq.engine.WaitStrategy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * The options every networked command takes (cli.md's table).
 */
class CommonOptions
{
    @Option(names = "--timeout", paramLabel = "SEC",
        description = "Give up with exit 1 after SEC seconds (decimal allowed) in which no awaited message, reply or " +
            "peer came (default: wait forever).")
    String timeout;

    @Option(names = "--curve-server", description = "Be a CURVE server (with --curve-secret).")
    boolean curveServer;

    @Option(names = "--curve-secret", paramLabel = "Z85", description = "This side's CURVE secret key.")
    String curveSecret;

    @Option(names = "--curve-server-key", paramLabel = "Z85",
        description = "Be a CURVE client of the server with this public key.")
    String curveServerKey;

    @Option(names = "--curve-allow", paramLabel = "Z85",
        description = "(server, repeatable) Accept only these client public keys, through ZAP.")
    List<String> curveAllow = new ArrayList<>();

    @Option(names = "--plain-user", paramLabel = "USER:PASS",
        description = "PLAIN credentials (split at the first ':').")
    String plainUser;

    @Option(names = "--plain-server",
        description = "With --plain-user: be a PLAIN server accepting only these credentials.")
    boolean plainServer;

    @Option(names = "--io-threads", paramLabel = "N", description = "I/O threads; 0 = caller-runs (default 1).")
    String ioThreads;

    @Option(names = "--affinity", paramLabel = "CPULIST", description = "Pin the I/O threads to these CPUs, e.g. 2,3.")
    String affinity;

    @Option(names = "--wait-strategy", paramLabel = "STRATEGY",
        description = "busy-spin|yield|sleep|block (default block).")
    String waitStrategy;

    @Mixin
    ProfileOption profile = new ProfileOption();

    @Option(names = "--verbose", description = "One stderr line per connection event.")
    boolean verbose;

    @Option(names = "--debug", description = "Stack traces on errors.")
    boolean debug;

    /**
     * @return the timeout in milliseconds, or -1 for none.
     */
    int timeoutMs()
    {
        if (timeout == null)
        {
            return -1;
        }
        final double seconds = Numbers.decimal("--timeout", timeout);
        if (seconds < 0)
        {
            throw CliException.usage("--timeout must not be negative: '" + timeout + "'");
        }
        return (int)Math.min(Integer.MAX_VALUE, Math.round(seconds * 1000));
    }

    /**
     * @return the epgm data rate in kbit/s, or -1 when not given (only {@link MulticastCommonOptions} takes it).
     */
    int rateKbps()
    {
        return -1;
    }

    /**
     * @return the epgm recovery interval in milliseconds, or -1 when not given.
     */
    int recoveryIvlMs()
    {
        return -1;
    }

    /**
     * @return the I/O threads {@code --io-threads} gives, or -1 when it is not given (the profile's, else 1).
     */
    int ioThreadCount()
    {
        if (ioThreads == null)
        {
            return -1;
        }
        final int threads = Numbers.integer("--io-threads", ioThreads);
        if (threads < 0)
        {
            throw CliException.usage("--io-threads must be 0 or more: '" + ioThreads + "'");
        }
        return threads;
    }

    /**
     * @return the strategy {@code --wait-strategy} gives, or null when it is not given (the profile's, else block).
     */
    WaitStrategy idleStrategy()
    {
        if (waitStrategy == null)
        {
            return null;
        }
        switch (waitStrategy)
        {
            case "busy-spin":
                return WaitStrategy.BUSY_SPIN;
            case "yield":
                return WaitStrategy.YIELD;
            case "sleep":
                return WaitStrategy.BACK_OFF;
            case "block":
                return WaitStrategy.BLOCK;
            default:
                throw CliException.usage(
                    "unknown --wait-strategy '" + waitStrategy + "': use busy-spin, yield, sleep or block");
        }
    }

    /**
     * @return the CPUs {@code --affinity} gives, or null when it is not given (the profile's, else none).
     */
    int[] cpus()
    {
        if (affinity == null)
        {
            return null;
        }
        if (affinity.isEmpty())
        {
            return new int[0];
        }
        final String[] parts = affinity.split(",");
        final int[] cpus = new int[parts.length];
        final int available = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < parts.length; i++)
        {
            cpus[i] = Numbers.integer("--affinity", parts[i].trim());
            if (cpus[i] < 0 || cpus[i] >= available)
            {
                throw CliException.usage("--affinity names CPU " + parts[i].trim() + ", which does not exist (CPUs 0-" +
                    (available - 1) + ")");
            }
        }
        return cpus;
    }
}
