package io.ringmq.cli;

import io.ringmq.engine.ContextProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code ringmq profile NAME|FILE [--jvm-flags]}: shows a deployment profile, or prints the JVM flags it wants on one
 * line (what bin/ringmq starts the JVM with when a command is given {@code --profile}).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Show a deployment profile, or with --jvm-flags the JVM flags it wants.")
final class ProfileCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "NAME|FILE",
        description = "dedicated-cores, shared-host, low-cpu, curve-heavy, or a .properties file.")
    String nameOrFile;

    @Option(names = "--jvm-flags", description = "Print only the JVM flags, space-separated, on one line.")
    boolean jvmFlags;

    public Integer call()
    {
        final ContextProfile profile = ProfileOption.load(nameOrFile);
        final String flags = String.join(" ", profile.jvmFlags());
        if (jvmFlags)
        {
            System.out.println(flags);
        }
        else
        {
            System.out.println("profile: " + profile.name());
            System.out.print(profile);
            System.out.println("jvm flags: " + flags);
        }
        System.out.flush();
        return 0;
    }
}
