package io.ringmq.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code bin/ringmq} run as a subprocess, as outside test suites drive it.
 */
final class RingMqProcess implements AutoCloseable
{
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread outPump;
    private final Thread errPump;

    private RingMqProcess(final Process process)
    {
        this.process = process;
        outPump = pump(process.getInputStream(), stdout);
        errPump = pump(process.getErrorStream(), stderr);
    }

    static Path root()
    {
        Path dir = Paths.get(System.getProperty("ringmq.root", "")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/ringmq")))
        {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "bin/ringmq not found");
        return dir;
    }

    static RingMqProcess start(final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(root().resolve("bin/ringmq").toString());
        command.addAll(List.of(args));
        return new RingMqProcess(new ProcessBuilder(command).start());
    }

    /**
     * Any command with the same capture of stdout and stderr: a libzmq peer, or bin/ringmq behind
     * {@code ip netns exec} (which execs it, so {@link #pid()} is still the command's own).
     */
    static RingMqProcess exec(final List<String> command) throws IOException
    {
        return new RingMqProcess(new ProcessBuilder(command).start());
    }

    /**
     * Runs to completion with {@code input} on stdin.
     */
    static RingMqProcess run(final String input, final String... args) throws IOException, InterruptedException
    {
        final RingMqProcess process = start(args);
        process.input(input);
        process.await(60);
        return process;
    }

    void input(final String input) throws IOException
    {
        try (OutputStream in = process.getOutputStream())
        {
            if (input != null)
            {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    OutputStream stdin()
    {
        return process.getOutputStream();
    }

    int await(final int seconds) throws InterruptedException
    {
        if (!process.waitFor(seconds, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            fail("bin/ringmq did not finish within " + seconds + " s; stderr: " + stderr());
        }
        outPump.join(5_000);
        errPump.join(5_000);
        return process.exitValue();
    }

    /** @return the JVM's pid: bin/ringmq execs java, so the process started is the JVM. */
    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * SIGKILL, as a crash would end it: no linger, no goodbye on the wire beyond what the kernel sends.
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS))
        {
            fail("pid " + process.pid() + " survived SIGKILL for 10 s");
        }
        outPump.join(5_000);
        errPump.join(5_000);
    }

    /**
     * SIGTERM, as an operator stops a command that runs until killed; waits for the JVM's exit (shutdown hooks run).
     */
    void terminate() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS))
        {
            fail("pid " + process.pid() + " survived SIGTERM for 20 s");
        }
        outPump.join(5_000);
        errPump.join(5_000);
    }

    int exitCode()
    {
        return process.exitValue();
    }

    String stdout()
    {
        synchronized (stdout)
        {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    String stderr()
    {
        synchronized (stderr)
        {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    List<String> stdoutLines()
    {
        final String out = stdout();
        return out.isEmpty() ? List.of() :
            List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - (out.endsWith("\n") ? 1 : 0));
    }

    /**
     * Waits for the {@code bound: ENDPOINT} line a binding command prints for an ephemeral port.
     */
    String boundEndpoint() throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline)
        {
            for (final String line : stderr().split("\n"))
            {
                if (line.startsWith("bound: "))
                {
                    return line.substring("bound: ".length()).trim();
                }
            }
            if (!process.isAlive())
            {
                break;
            }
            Thread.sleep(20);
        }
        fail("no 'bound:' line; stderr: " + stderr());
        return null;
    }

    /**
     * Waits until stderr contains {@code text} (30 s at most).
     */
    void awaitStderr(final String text) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline)
        {
            if (stderr().contains(text))
            {
                return;
            }
            Thread.sleep(20);
        }
        fail("stderr never showed '" + text + "': " + stderr());
    }

    /**
     * Waits until stdout has {@code lines} lines.
     */
    List<String> awaitLines(final int lines) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline)
        {
            final List<String> got = stdoutLines();
            if (got.size() >= lines)
            {
                return got;
            }
            Thread.sleep(20);
        }
        fail("expected " + lines + " lines, got: " + stdout() + "; stderr: " + stderr());
        return null;
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private Thread pump(final InputStream in, final ByteArrayOutputStream out)
    {
        final Thread thread = new Thread(() ->
        {
            final byte[] buffer = new byte[8192];
            try
            {
                int read;
                while ((read = in.read(buffer)) >= 0)
                {
                    synchronized (out)
                    {
                        out.write(buffer, 0, read);
                    }
                }
            }
            catch (final IOException ignore)
            {
                // process ended
            }
        }, "ringmq-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
