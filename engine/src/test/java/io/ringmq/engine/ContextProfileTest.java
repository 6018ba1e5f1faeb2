package io.ringmq.engine;

import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment profiles of tuning-guides/profiles, loaded by name from the classpath and applied to a context.
 * No test here starts an I/O thread (they start at the first tcp or ipc bind or connect), so dedicated-cores'
 * busy-spin is loaded and checked, never run.
 */
class ContextProfileTest
{
    @TempDir
    Path dir;

    @Test
    void dedicatedCoresSpinsAndPinsTheIoThreadsAndTheApplicationThread()
    {
        // The profile warms the JIT up (seconds of loopback traffic on both cores); the test checks that it says so
        // and builds the context without it, as any builder setting after the profile wins.
        try (Context context = Context.builder().profile("dedicated-cores").counters(false).warmUp(false).build())
        {
            assertEquals(2, context.ioThreads());
            assertEquals(WaitStrategy.BUSY_SPIN, context.idleStrategy());
            assertArrayEquals(new int[] {2, 3}, context.affinity());
        }
        final ContextProfile profile = ContextProfile.load("dedicated-cores");
        assertArrayEquals(new int[] {4}, profile.applicationCpus());
        assertFalse(profile.warmUp(), "the profile's generic warm-up traffic is not the application's");
        assertFalse(ContextProfile.load("shared-host").warmUp());
        assertTrue(profile.jvmFlags().containsAll(List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
            "-XX:+UseParallelGC", "-XX:MaxDirectMemorySize=1g")), profile.jvmFlags().toString());
        assertNoIoThreadLeft();
    }

    @Test
    void sharedHostBacksOffOnOneUnpinnedIoThread()
    {
        try (Context context = Context.builder().profile("shared-host").counters(false).build())
        {
            assertEquals(1, context.ioThreads());
            assertEquals(WaitStrategy.BACK_OFF, context.idleStrategy());
            assertArrayEquals(new int[0], context.affinity());
        }
        assertTrue(ContextProfile.load("shared-host").jvmFlags().contains("-XX:+UseG1GC"));
    }

    @Test
    void lowCpuBlocksOnOneIoThread()
    {
        try (Context context = Context.builder().profile("low-cpu").counters(false).build())
        {
            assertEquals(1, context.ioThreads());
            assertEquals(WaitStrategy.BLOCK, context.idleStrategy());
        }
        assertTrue(ContextProfile.load("low-cpu").jvmFlags().contains("-XX:+UseSerialGC"));
    }

    @Test
    void curveHeavySpreadsTheBoxesOverTwoIoThreads()
    {
        try (Context context = Context.builder().profile("curve-heavy").counters(false).warmUp(false).build())
        {
            assertEquals(2, context.ioThreads());
            assertEquals(WaitStrategy.BACK_OFF, context.idleStrategy());
        }
    }

    @Test
    void whatTheBuilderSetsAfterTheProfileWins()
    {
        try (Context context = Context.builder().profile("dedicated-cores").idleStrategy(WaitStrategy.BLOCK)
            .ioThreads(1).affinity().counters(false).warmUp(false).build())
        {
            assertEquals(1, context.ioThreads());
            assertEquals(WaitStrategy.BLOCK, context.idleStrategy());
            assertArrayEquals(new int[0], context.affinity());
        }
    }

    @Test
    void everyBuiltInProfileIsAFileInTuningGuides() throws Exception
    {
        final Path profiles = Paths.get(System.getProperty("ringmq.root", "..")).resolve("tuning-guides/profiles");
        try (Stream<Path> files = Files.list(profiles))
        {
            assertEquals(new TreeSet<>(ContextProfile.BUILT_IN), files.map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(".properties")).map(n -> n.substring(0, n.length() - ".properties".length()))
                .collect(Collectors.toCollection(TreeSet::new)));
        }
        for (final String name : ContextProfile.BUILT_IN)
        {
            assertFalse(ContextProfile.load(name).description().isEmpty(), name + " says what it is for");
        }
    }

    @Test
    void aProfileFileIsLoadedByPath() throws Exception
    {
        final Path file = dir.resolve("mine.properties");
        Files.writeString(file, "# two threads, blocking\nio.threads = 2\nidle.strategy = block\njvm.heap = 256m\n" +
            "jit.warm-up = true\n");
        try (Context context = Context.builder().profile(file.toString()).counters(false).build())
        {
            assertEquals(2, context.ioThreads());
            assertEquals(WaitStrategy.BLOCK, context.idleStrategy());
        }
        final ContextProfile mine = ContextProfile.load(file.toString());
        assertTrue(mine.warmUp());
        assertEquals(List.of("-Xms256m", "-Xmx256m", "-XX:MaxDirectMemorySize=1g", "-XX:+UseParallelGC"),
            mine.jvmFlags());
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheKey()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ContextProfile.parse("typo", new StringReader("io.thread = 2\n")));
        assertTrue(error.getMessage().startsWith("profile typo: unknown key 'io.thread'"), error.getMessage());
    }

    @Test
    void aBadValueIsAnErrorNamingTheKeyAndTheValue()
    {
        assertRefused("idle.strategy = spin\n",
            "idle.strategy is 'spin', expected busy-spin, yield, back-off or block");
        assertRefused("io.threads = -1\n", "io.threads is '-1'");
        assertRefused("io.affinity = 3-1\n", "range 3-1 runs backwards");
        assertRefused("jvm.heap = lots\n", "jvm.heap is 'lots', expected a size");
        assertRefused("jvm.gc = cms\n", "jvm.gc is 'cms'");
        assertRefused("jvm.pre-touch = yes\n", "jvm.pre-touch is 'yes', expected true or false");
    }

    @Test
    void anUnknownNameListsTheBuiltInProfiles()
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> Context.builder().profile("fastest"));
        assertTrue(error.getMessage().contains("no profile named 'fastest' (built in: dedicated-cores, shared-host"),
            error.getMessage());
    }

    @Test
    void theApplicationThreadIsPinnedToTheProfilesCpus() throws Exception
    {
        final ContextProfile profile =
            ContextProfile.parse("cpu0", new StringReader("application.affinity = 0\n"));
        final AtomicReference<BitSet> pinned = new AtomicReference<>();
        final Thread application = new Thread(() ->
        {
            profile.pinApplicationThread();
            pinned.set(Affinity.getAffinity());
        });
        application.start();
        application.join();
        final BitSet cpu0 = new BitSet();
        cpu0.set(0);
        assertEquals(cpu0, pinned.get());
    }

    @Test
    void cpuListsTakeRangesAsIsolcpusWritesThem()
    {
        assertArrayEquals(new int[] {0, 4, 5, 6}, CpuList.parse("test", "0,4-6"));
        assertArrayEquals(new int[0], CpuList.parse("test", " "));
    }

    private static void assertRefused(final String properties, final String expected)
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ContextProfile.parse("bad", new StringReader(properties)));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    private static void assertNoIoThreadLeft()
    {
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().contains("ringmq-io")),
            "no I/O thread runs (let alone spins) after the profile's context closed");
    }
}
