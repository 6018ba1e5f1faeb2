package io.ringmq.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code bin/ringmq}: libzmq's perf tools, keygen, the cat tools, proxy and bench, as ../shared/specs/cli.md
 * specifies them. Exit status 0 success, 1 runtime failure, 2 usage error; every error is one line on stderr
 * starting with {@code ringmq: }, with a stack trace only under {@code --debug}.
 */
@Command(name = "ringmq", mixinStandardHelpOptions = true, version = "ringmq 0.1.0",
    description = "ZeroMQ for the JVM, rebuilt for latency.",
    subcommands = {
        PerfCommands.LocalLat.class, PerfCommands.RemoteLat.class,
        PerfCommands.LocalThr.class, PerfCommands.RemoteThr.class,
        KeygenCommand.class, CatCommands.Send.class, CatCommands.Recv.class,
        ProxyCommand.class, BenchCommand.class, StatCommand.class,
        RecordCommand.class, ReplayCommand.class, ProfileCommand.class})
public final class RingMq implements Runnable
{
    public void run()
    {
        throw new CommandLine.ParameterException(new CommandLine(this), "no command given; try 'ringmq --help'");
    }

    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Runs one command line.
     *
     * @return the exit status.
     */
    static int execute(final String... args)
    {
        final boolean debug = java.util.Arrays.asList(args).contains("--debug");
        final CommandLine commandLine = new CommandLine(new RingMq());
        // cli.md has no argument files, and Z85 keys may begin with '@': picocli would read "@key" as a file's name
        // and turn "@@key" into "@key" (a libzmq client key lost its first character that way in CI).
        commandLine.setExpandAtFiles(false);
        ProfileOption.addWhereMissing(commandLine);
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            final PrintWriter err = ex.getCommandLine().getErr();
            err.println("ringmq: " + oneLine(ex.getMessage()));
            if (debug)
            {
                ex.printStackTrace(err);
            }
            err.flush();
            return CliException.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) ->
        {
            final PrintWriter err = cmd.getErr();
            final int exitCode;
            final String message;
            if (ex instanceof CliException)
            {
                exitCode = ((CliException)ex).exitCode();
                message = ex.getMessage();
            }
            else
            {
                exitCode = CliException.RUNTIME;
                message = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            }
            err.println("ringmq: " + oneLine(message));
            if (debug)
            {
                ex.printStackTrace(err);
            }
            err.flush();
            return exitCode;
        });
        return commandLine.execute(args);
    }

    private static String oneLine(final String message)
    {
        if (message == null)
        {
            return "failed";
        }
        final String trimmed = message.strip();
        final int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
