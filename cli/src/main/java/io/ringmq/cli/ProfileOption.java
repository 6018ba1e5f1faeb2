package io.ringmq.cli;

import io.ringmq.engine.ContextProfile;
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
