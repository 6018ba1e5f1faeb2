package io.ringmq.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A network namespace of its own, made and removed by {@code scripts/netns.sh hold}: loopback only, at an Ethernet
 * MTU, with nftables dropping a share of its tcp packets. Processes run inside it through {@code ip netns exec}, so
 * both peers of a test see the same lossy loopback and nothing else. The namespace lives as long as the script's
 * stdin is open: {@link #close()} closes it, and so does the end of this JVM, however it ends.
 */
final class LossyNetwork implements AutoCloseable
{
    /** What the machine needs, as scripts/test.sh installs it. */
    static final String REQUIREMENT =
        "fault injection needs root and the ip (iproute2) and nft (nftables) commands: " +
        "apt-get install -y iproute2 nftables";
    private static final Pattern COUNTERS = Pattern.compile("tcp=(\\d+) dropped=(\\d+)");

    private final Process holder;
    private final String name;

    private LossyNetwork(final Process holder, final String name)
    {
        this.holder = holder;
        this.name = name;
    }

    /**
     * @throws AssertionError (the test fails, it is never skipped) saying what to install when this machine cannot
     * make namespaces or nftables rules.
     */
    static LossyNetwork dropping(final int percent) throws IOException, InterruptedException
    {
        final String check = run(script(), "check");
        if (check != null)
        {
            fail(REQUIREMENT + " (" + check.trim() + ")");
        }
        final Process holder = new ProcessBuilder(script(), "--drop", Integer.toString(percent), "hold")
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final String ready = new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (ready == null || !ready.startsWith("ready " + "ringmq-test-"))
        {
            holder.destroy();
            fail("scripts/netns.sh hold did not make a namespace (" + ready + "); " + REQUIREMENT);
        }
        return new LossyNetwork(holder, ready.substring("ready ".length()).trim());
    }

    String name()
    {
        return name;
    }

    /** {@code bin/ringmq ARGS} inside the namespace. */
    RingMqProcess ringmq(final String... args) throws IOException
    {
        return inside(RingMqProcess.root().resolve("bin/ringmq").toString(), args);
    }

    /** {@code test-peers/fault_peer.py ARGS}, the libzmq 4.3 peer, inside the namespace. */
    RingMqProcess libzmq(final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("-u",
            RingMqProcess.root().resolve("test-peers/fault_peer.py").toString()));
        command.addAll(List.of(args));
        return inside("/usr/bin/python3", command.toArray(new String[0]));
    }

    private RingMqProcess inside(final String program, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, program));
        command.addAll(List.of(args));
        return RingMqProcess.exec(command);
    }

    /**
     * @return {tcp packets sent in the namespace so far, how many of them the rule dropped}
     */
    long[] counters() throws IOException, InterruptedException
    {
        final Process stats = new ProcessBuilder(script(), "stats", name).redirectErrorStream(true).start();
        final String out = new String(stats.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final Matcher matcher = COUNTERS.matcher(out);
        if (!stats.waitFor(30, TimeUnit.SECONDS) || stats.exitValue() != 0 || !matcher.find())
        {
            fail("netns.sh stats " + name + ": " + out);
        }
        return new long[]{Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }

    /**
     * Ends the script's stdin: it kills whatever still runs inside and deletes the namespace (its nftables table
     * with it). Checks that the namespace is gone.
     */
    @Override
    public void close() throws IOException, InterruptedException
    {
        holder.getOutputStream().close();
        if (!holder.waitFor(30, TimeUnit.SECONDS))
        {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        final String namespaces = run("ip", "netns", "list");
        assertFalse(namespaces != null && namespaces.contains(name), "namespace " + name + " left behind");
    }

    private static String script()
    {
        return RingMqProcess.root().resolve("scripts/netns.sh").toString();
    }

    /**
     * @return null if the command succeeded with no output, else its output (or why it could not run).
     */
    private static String run(final String... command) throws InterruptedException
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return command[0] + " did not finish";
            }
            return process.exitValue() == 0 && out.isBlank() ?
                null : (out.isBlank() ? "exit " + process.exitValue() : out);
        }
        catch (final IOException ex)
        {
            return ex.getMessage();
        }
    }
}
