package io.ringmq.bench.sidebyside;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one contender in one scenario: both sides as separate processes, each pinned with {@code taskset -c} to its
 * own CPU, the binding side first, the connecting side once the port listens. Both outputs go to files (no pipe
 * can fill up and stall a peer mid-measurement, and the logs stay for a post-mortem), both are parsed, and every
 * process is killed on every path out: timeout, early failure, or the harness itself being interrupted.
 */
final class PeerRunner
{
    private static final long POLL_MS = 5;

    private final Contender.Vars template;
    private final int bindCpu;
    private final int connectCpu;
    private final long timeoutMs;
    private final Path logDir;
    private final boolean pin;
    private final boolean ipc;
    /** Every live peer of this harness, so a shutdown hook can kill them if the harness is stopped mid-run. */
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    PeerRunner(
        final Contender.Vars template,
        final int bindCpu,
        final int connectCpu,
        final long timeoutMs,
        final Path logDir,
        final boolean pin,
        final boolean ipc)
    {
        this.ipc = ipc;
        this.template = template;
        this.bindCpu = bindCpu;
        this.connectCpu = connectCpu;
        this.timeoutMs = timeoutMs;
        this.logDir = logDir;
        this.pin = pin;
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "side-by-side-reaper"));
    }

    RunResult run(final Contender contender, final Scenario scenario, final String runId)
    {
        final int port;
        try
        {
            port = freePort();
        }
        catch (final IOException ex)
        {
            return RunResult.failed(scenario, contender.name, "no free port: " + ex);
        }
        final Path ipcPath = ipcPath(port);
        final Contender.Vars vars = new Contender.Vars(endpoint(port), port, scenario.size,
            scenario.count, template.root, template.cdir, template.java, template.warmup);
        final Role bindRole = scenario.test.bindRole();
        final Role connectRole = scenario.test.connectRole();
        final String base = runId + "-" + contender.name + "-" + scenario.test.id + "-" + scenario.size;
        final Side bind = new Side(bindRole, pinned(bindCpu, contender.command(bindRole, vars)), base);
        final Side connect = new Side(connectRole, pinned(connectCpu, contender.command(connectRole, vars)), base);

        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try
        {
            bind.start();
            final String notListening = ipc ? awaitIpcListening(ipcPath, bind, deadline) :
                awaitListening(port, bind, deadline);
            if (notListening != null)
            {
                return RunResult.failed(scenario, contender.name, notListening + bind.stderrTail());
            }
            connect.start();
            for (final Side side : new Side[] {connect, bind})
            {
                final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0 || !side.process.waitFor(leftMs, TimeUnit.MILLISECONDS))
                {
                    return RunResult.failed(scenario, contender.name,
                        side.role.id + " still running after the " + timeoutMs + " ms timeout; killed both");
                }
                if (side.process.exitValue() != 0)
                {
                    return RunResult.failed(scenario, contender.name,
                        side.role.id + " exited " + side.process.exitValue() + side.stderrTail());
                }
            }
            final Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
            // Whichever side prints the figures (remote_lat for latency, local_thr for throughput), both are read:
            // a contender printing on the other side, or both, still parses.
            OutputParser.parseInto(bind.stdout(), metrics);
            OutputParser.parseInto(connect.stdout(), metrics);
            return RunResult.validate(scenario, contender.name, metrics);
        }
        catch (final IOException ex)
        {
            return RunResult.failed(scenario, contender.name, "could not start " + ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return RunResult.failed(scenario, contender.name, "interrupted");
        }
        finally
        {
            connect.kill();
            bind.kill();
            if (ipc)
            {
                try
                {
                    Files.deleteIfExists(ipcPath);
                }
                catch (final IOException ignore)
                {
                    // A leftover socket file in /tmp costs nothing; the next run uses another name.
                }
            }
        }
    }

    /** The argv of each side as it will be started, for --dry-run and the logs. */
    List<List<String>> commands(final Contender contender, final Scenario scenario)
    {
        final Contender.Vars vars = new Contender.Vars(
            ipc ? "ipc://" + ipcPath(0) : "tcp://127.0.0.1:PORT", 0, scenario.size, scenario.count,
            template.root, template.cdir, template.java, template.warmup);
        return List.of(
            pinned(bindCpu, contender.command(scenario.test.bindRole(), vars)),
            pinned(connectCpu, contender.command(scenario.test.connectRole(), vars)));
    }

    private List<String> pinned(final int cpu, final List<String> command)
    {
        if (!pin)
        {
            return command;
        }
        final List<String> argv = new ArrayList<>(command.size() + 3);
        argv.add("taskset");
        argv.add("-c");
        argv.add(Integer.toString(cpu));
        argv.addAll(command);
        return argv;
    }

    private String awaitListening(final int port, final Side bind, final long deadline) throws InterruptedException
    {
        if (!ListenProbe.supported())
        {
            Thread.sleep(1000); // no /proc/net/tcp: a JVM peer binds within a second on an idle machine
            return bind.process.isAlive() ? null : bind.role.id + " exited " + bind.process.exitValue() + " early";
        }
        while (System.nanoTime() < deadline)
        {
            if (ListenProbe.isListening(port))
            {
                return null;
            }
            if (!bind.process.isAlive())
            {
                return bind.role.id + " exited " + bind.process.exitValue() + " before listening";
            }
            Thread.sleep(POLL_MS); // sleeps, never spins: the peers own both cores
        }
        return bind.role.id + " did not listen on port " + port + " within the " + timeoutMs + " ms timeout";
    }

    /** @return the endpoint both sides of a run use: loopback tcp on {@code port}, or an ipc path named after it. */
    private String endpoint(final int port)
    {
        return ipc ? "ipc://" + ipcPath(port) : "tcp://127.0.0.1:" + port;
    }

    private static Path ipcPath(final int port)
    {
        return Path.of(System.getProperty("java.io.tmpdir"), "ringmq-sidebyside-" + port + ".ipc");
    }

    /** The ipc peers create their socket file when they bind: its appearance is the listen. */
    private String awaitIpcListening(final Path path, final Side bind, final long deadline) throws InterruptedException
    {
        while (System.nanoTime() < deadline)
        {
            if (Files.exists(path))
            {
                return null;
            }
            if (!bind.process.isAlive())
            {
                return bind.role.id + " exited " + bind.process.exitValue() + " before listening";
            }
            Thread.sleep(POLL_MS);
        }
        return bind.role.id + " did not bind " + path + " within the " + timeoutMs + " ms timeout";
    }

    /**
     * An ephemeral port the kernel just handed out and took back. A fresh port per run keeps a run clear of the
     * previous run's TIME_WAIT sockets; another process grabbing it in between only fails that one run.
     */
    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private void killAll()
    {
        for (final Process process : live)
        {
            kill(process);
        }
    }

    private static void kill(final Process process)
    {
        // Descendants first: a launcher script (bin/ringmq) may have started the JVM as its child.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** One side of a run: its process and its output files. */
    private final class Side
    {
        final Role role;
        final List<String> argv;
        final Path out;
        final Path err;
        Process process;

        Side(final Role role, final List<String> argv, final String base)
        {
            this.role = role;
            this.argv = argv;
            this.out = logDir.resolve(base + "-" + role.id + ".out");
            this.err = logDir.resolve(base + "-" + role.id + ".err");
        }

        void start() throws IOException
        {
            Files.writeString(logDir.resolve(out.getFileName() + ".cmd"), String.join(" ", argv) + "\n");
            process = new ProcessBuilder(argv)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
            live.add(process);
            process.getOutputStream().close(); // stdin: empty, so a peer that reads it sees EOF rather than hanging
        }

        String stdout()
        {
            try
            {
                return Files.readString(out, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                return "";
            }
        }

        String stderrTail()
        {
            try
            {
                final List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
                final List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
                return tail.isEmpty() ? "" : " (stderr: " + String.join(" | ", tail) + ")";
            }
            catch (final IOException ex)
            {
                return "";
            }
        }

        void kill()
        {
            if (process == null)
            {
                return;
            }
            if (process.isAlive())
            {
                PeerRunner.kill(process);
                try
                {
                    process.waitFor(5, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            live.remove(process);
        }
    }
}
