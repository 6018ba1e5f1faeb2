package io.ringmq.cli;

import io.ringmq.engine.ContextProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each deployment profile through the command line: {@code ringmq profile NAME --jvm-flags} prints flags this JDK
 * accepts, and a command given {@code --profile NAME} runs with them (its JVM's command line has them) and with
 * the profile's context. dedicated-cores names CPUs 2-4: on a machine without them the CLI refuses it naming the
 * CPU, and a copy moved to CPUs 0 and 1 runs for the one message it takes (it busy-spins; nothing is left running).
 */
class CliProfileIT
{
    @TempDir
    Path dir;

    private final List<Long> pids = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"dedicated-cores", "shared-host", "low-cpu", "curve-heavy"})
    void theProfilesJvmFlagsAreAcceptedByThisJdk(final String name) throws Exception
    {
        final RingMqProcess flags = RingMqProcess.run(null, "profile", name, "--jvm-flags");
        assertEquals(0, flags.exitCode(), flags.stderr());
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(flags.stdout().trim().split(" ")));
        command.add("-version");
        assertTrue(command.contains("-XX:MaxDirectMemorySize=" + (name.equals("low-cpu") ? "256m" :
            name.equals("shared-host") ? "512m" : "1g")), command.toString());
        final Process java = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        final String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), command + ": " + output);
        pids.add(java.pid());
        deleteGcLogs();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared-host", "low-cpu", "curve-heavy"})
    void aCommandRunsWithTheProfileAndItsJvmFlags(final String name) throws Exception
    {
        exchangeOneMessage(name, ContextProfile.load(name).jvmFlags());
    }

    @Test
    void dedicatedCoresIsRefusedNamingACpuThisMachineLacksAndRunsWhenMovedToCpusItHas() throws Exception
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus >= 5)
        {
            exchangeOneMessage("dedicated-cores", ContextProfile.load("dedicated-cores").jvmFlags());
            return;
        }
        final RingMqProcess refused = RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:*", "--bind",
            "--profile", "dedicated-cores", "--timeout", "1");
        pids.add(refused.pid());
        deleteGcLogs();
        assertEquals(2, refused.exitCode(), refused.stderr());
        assertTrue(refused.stderr().startsWith("ringmq: profile dedicated-cores names CPU "), refused.stderr());

        // The same profile on the CPUs this machine has: one spinning I/O thread on CPU 0, the application on CPU 1.
        final Path shipped = RingMqProcess.root().resolve("tuning-guides/profiles/dedicated-cores.properties");
        final Path moved = dir.resolve("dedicated-cores-here.properties");
        Files.writeString(moved, Files.readString(shipped)
            .replace("io.threads = 2", "io.threads = 1")
            .replace("io.affinity = 2,3", "io.affinity = 0")
            .replace("application.affinity = 4", "application.affinity = " + Math.min(1, cpus - 1))
            .replace("jvm.heap = 1g", "jvm.heap = 256m"));
        exchangeOneMessage(moved.toString(), ContextProfile.load(moved.toString()).jvmFlags());
    }

    @Test
    void aProfileFileWithAnUnknownKeyIsAUsageErrorNamingTheKey() throws Exception
    {
        final Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "io.threads = 1\nidle.stratgy = block\n");
        final RingMqProcess refused = RingMqProcess.run(null, "recv", "PULL", "tcp://127.0.0.1:*", "--bind",
            "--profile", typo.toString(), "--timeout", "1");
        assertEquals(2, refused.exitCode(), refused.stderr());
        assertTrue(refused.stderr().startsWith("ringmq: profile " + typo + ": unknown key 'idle.stratgy'"),
            refused.stderr());
    }

    @Test
    void aCommandWithoutAContextTakesTheProfileForItsJvmFlags() throws Exception
    {
        final RingMqProcess keygen = RingMqProcess.run(null, "keygen", "--profile", "low-cpu");
        pids.add(keygen.pid());
        deleteGcLogs();
        assertEquals(0, keygen.exitCode(), keygen.stderr());
        assertEquals(2, keygen.stdoutLines().size(), keygen.stdout());

        final RingMqProcess missing = RingMqProcess.run(null, "keygen", "--profile", dir.resolve("none.properties")
            .toString());
        assertEquals(2, missing.exitCode(), missing.stderr());
        assertTrue(missing.stderr().startsWith("ringmq: no profile file "), missing.stderr());
    }

    @Test
    void profileWithoutFlagsShowsTheSettings() throws Exception
    {
        final RingMqProcess shown = RingMqProcess.run(null, "profile", "low-cpu");
        assertEquals(0, shown.exitCode(), shown.stderr());
        assertTrue(shown.stdoutLines().contains("idle.strategy = block"), shown.stdout());
        assertTrue(shown.stdoutLines().contains("io.threads = 1"), shown.stdout());
    }

    /**
     * A recv with the profile receives one message from a plain send; its JVM was started with the profile's flags.
     */
    private void exchangeOneMessage(final String profile, final List<String> expectedFlags) throws Exception
    {
        try (RingMqProcess recv = RingMqProcess.start("recv", "PULL", "tcp://127.0.0.1:*", "--bind", "--count", "1",
            "--profile", profile, "--timeout", "30"))
        {
            pids.add(recv.pid());
            final String endpoint = recv.boundEndpoint();
            final List<String> jvmCommandLine = commandLine(recv.pid());
            assertTrue(jvmCommandLine.containsAll(expectedFlags), jvmCommandLine.toString());
            final RingMqProcess send = RingMqProcess.run("profiled\n", "send", "PUSH", endpoint, "--timeout", "30");
            assertEquals(0, send.exitCode(), send.stderr());
            assertEquals(0, recv.await(30), recv.stderr());
            assertEquals(List.of("profiled"), recv.stdoutLines());
        }
        finally
        {
            deleteGcLogs();
        }
    }

    private static List<String> commandLine(final long pid) throws IOException
    {
        final byte[] raw = Files.readAllBytes(Paths.get("/proc/" + pid + "/cmdline"));
        return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    }

    /** The profiles log GC to /tmp/ringmq-gc-PID.log: the tests remove what their own processes wrote. */
    private void deleteGcLogs() throws IOException
    {
        try (Stream<Path> files = Files.list(Paths.get("/tmp")))
        {
            files.filter(f -> pids.stream().anyMatch(pid ->
                f.getFileName().toString().startsWith("ringmq-gc-" + pid + ".log")))
                .forEach(f -> f.toFile().delete());
        }
    }
}
