package io.ringmq.cli;

import io.ringmq.engine.ContextProfile;
import picocli.CommandLine;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code --profile NAME|FILE}: a deployment profile ({@link ContextProfile}) for the command's context. bin/ringmq
 * reads the same option before the JVM starts and starts it with the profile's flags
 * ({@code ringmq profile NAME --jvm-flags}).
 */
final class ProfileOption
{
    @Option(names = "--profile", paramLabel = "NAME|FILE",
        description = "A deployment profile: dedicated-cores, shared-host, low-cpu, curve-heavy or a .properties " +
            "file (tuning-guides/profiles); its JVM flags too. Options given here win over it.")
    String nameOrFile;

    private ContextProfile profile;

    /**
     * @return the profile, or null without {@code --profile}.
     * @throws CliException (usage) if it does not load or names a CPU this machine does not have.
     */
    ContextProfile profile()
    {
        if (nameOrFile != null && profile == null)
        {
            profile = load(nameOrFile);
            checkCpusExist(profile, profile.ioCpus());
            checkCpusExist(profile, profile.applicationCpus());
        }
        return profile;
    }

    /**
     * Gives {@code --profile} to the commands that build no context from the common options (keygen, stat, bench,
     * which keeps its own fixed contexts so its rows stay comparable): there the profile sets the JVM's flags only,
     * through bin/ringmq, and is still loaded here so a bad name or key is the same usage error.
     */
    static void addWhereMissing(final CommandLine ringmq)
    {
        for (final CommandLine command : ringmq.getSubcommands().values())
        {
            if (command.getCommandSpec().findOption("--profile") != null ||
                command.getCommand() instanceof ProfileCommand)
            {
                continue;
            }
            command.getCommandSpec().addOption(OptionSpec.builder("--profile")
                .paramLabel("NAME|FILE")
                .type(String.class)
                .description("A deployment profile (tuning-guides/profiles); for this command, its JVM flags only.")
                .setter(new ISetter()
                {
                    public <T> T set(final T value)
                    {
                        if (value != null)
                        {
                            try
                            {
                                ContextProfile.load((String)value);
                            }
                            catch (final IllegalArgumentException ex)
                            {
                                throw new CommandLine.ParameterException(command, ex.getMessage());
                            }
                        }
                        return null;
                    }
                })
                .build());
        }
    }

    static ContextProfile load(final String nameOrFile)
    {
        try
        {
            return ContextProfile.load(nameOrFile);
        }
        catch (final IllegalArgumentException ex)
        {
            throw CliException.usage(ex.getMessage());
        }
    }

    private static void checkCpusExist(final ContextProfile profile, final int[] cpus)
    {
        final int available = Runtime.getRuntime().availableProcessors();
        if (cpus == null)
        {
            return;
        }
        for (final int cpu : cpus)
        {
            if (cpu >= available)
            {
                throw CliException.usage("profile " + profile.name() + " names CPU " + cpu +
                    ", which does not exist (CPUs 0-" + (available - 1) + "); copy it and change the CPUs");
            }
        }
    }
}
