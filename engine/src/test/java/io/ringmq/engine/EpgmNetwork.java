package io.ringmq.engine;

import io.ringmq.interop.LibzmqPeer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two network namespaces joined by a veth pair (A = 10.251.0.1, B = 10.251.0.2), made by
 * {@code scripts/epgm-netns.sh hold} and removed when its stdin closes ({@link #close()}, or this JVM's end however
 * it ends). Processes run inside with {@code ip netns exec}: the libzmq peer ({@code test-peers/epgm_peer.py}) or a
 * ringmq JVM running {@link EpgmPeer}.
 */
final class EpgmNetwork implements AutoCloseable
{
    static final String REQUIREMENT = "the epgm interop tests need root (network namespaces, a veth pair, nftables) " +
        "and the ip (iproute2) and nft (nftables) commands: run as root, apt-get install -y iproute2 nftables";
    static final String A = "10.251.0.1";
    static final String B = "10.251.0.2";

    private final Process holder;
    private final String nsA;
    private final String nsB;
    private final List<Process> started = new ArrayList<>();

    private EpgmNetwork(final Process holder, final String nsA, final String nsB)
    {
        this.holder = holder;
        this.nsA = nsA;
        this.nsB = nsB;
    }

    /**
     * @throws AssertionError (the test fails, it is never skipped) saying what is needed when this machine cannot.
     */
    static EpgmNetwork open(final int dropPercent) throws IOException, InterruptedException
    {
        final Process check = new ProcessBuilder(script(), "check").redirectErrorStream(true).start();
        final String problem = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (check.waitFor() != 0)
        {
            fail(REQUIREMENT + " (" + problem + ")");
        }
        final Process holder = new ProcessBuilder(script(), "--drop", Integer.toString(dropPercent), "hold")
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final String ready = new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (ready == null || !ready.startsWith("ready ringmq-test-"))
        {
            holder.destroy();
            fail("scripts/epgm-netns.sh hold made no namespaces (" + ready + "); " + REQUIREMENT);
        }
        final String[] names = ready.split(" ");
        return new EpgmNetwork(holder, names[1], names[2]);
    }

    private static String script()
    {
        return LibzmqPeer.root().resolve("scripts/epgm-netns.sh").toString();
    }

    static String endpoint(final String address)
    {
        return "epgm://" + address + ";239.192.1.1:5555";
    }

    /**
     * @return the UDP datagrams the two namespaces' nftables rules dropped so far.
     */
    long dropped() throws IOException, InterruptedException
    {
        long total = 0;
        for (final String name : new String[]{nsA, nsB})
        {
            final Process stats = new ProcessBuilder(script(), "stats", name).redirectErrorStream(true).start();
            final String line = new String(stats.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            stats.waitFor();
            if (line.startsWith("dropped="))
            {
                total += Long.parseLong(line.substring("dropped=".length()));
            }
        }
        return total;
    }

    /** The libzmq peer in namespace A (address A) or B. */
    Process libzmq(final boolean inA, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-u",
            LibzmqPeer.root().resolve("test-peers/epgm_peer.py").toString()));
        command.addAll(List.of(args));
        return inside(inA, command);
    }

    /** ringmq's {@link EpgmPeer} in a JVM of its own in namespace A or B. */
    Process ringmq(final boolean inA, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-"))
            {
                command.add(argument);
            }
        }
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EpgmPeer.class.getName());
        command.addAll(List.of(args));
        return inside(inA, command);
    }

    private Process inside(final boolean inA, final List<String> command) throws IOException
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", inA ? nsA : nsB));
        full.addAll(command);
        final Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    /**
     * Reads the process's output until a line starting with {@code prefix}, or its end.
     *
     * @return that line, or null.
     */
    static String awaitLine(final Process process, final String prefix, final StringBuilder transcript)
        throws IOException
    {
        final BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null)
        {
            transcript.append(line).append('\n');
            if (line.startsWith(prefix))
            {
                return line;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception
    {
        for (final Process process : started)
        {
            process.destroyForcibly();
        }
        holder.getOutputStream().close();
        if (!holder.waitFor(30, TimeUnit.SECONDS))
        {
            holder.destroy();
        }
    }
}
