package io.ringmq.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up's traffic runs in the context that asked for it and leaves it as it found it: no socket, no ipc file,
 * and the context's own traffic afterwards arrives whole and in order. A short budget keeps each case to a round or
 * two (what the rounds do to the compilers is measured in latency-bench/SIDE-BY-SIDE.md, not here).
 */
class JitWarmUpTest
{
    private static final long BUDGET_NS = 300_000_000L;
    private static final int MESSAGES = 20_000;

    @ParameterizedTest(name = "{0} over {1}, {2} B")
    @CsvSource({"PUSH, TCP, 1", "PULL, IPC, 64", "REQ, TCP, 64", "REP, IPC, 1024", "PUSH, TCP, 0",
        "PULL, TCP, 1048576", "REQ, IPC, 1048576", "PUSH, IPC, 33554432"})
    void runsTheNamedTrafficThenLeavesTheContextToTheApplication(final SocketType type,
        final EndpointUri.Transport transport,
        final int size) throws IOException
    {
        final List<Path> before = warmUpDirectories();
        try (Context context = Context.builder().ioThreads(1).counters(false).build())
        {
            final JitWarmUp.Outcome outcome =
                JitWarmUp.run(context, new JitWarmUp.Traffic(type, transport, size), BUDGET_NS);

            assertNull(outcome.cutShortBy(), outcome.toString());
            assertTrue(outcome.rounds() >= 1, outcome.toString());
            assertEquals(before, warmUpDirectories(), "the ipc warm-up's temporary directory is removed");
            assertEquals(0, context.socketCount(), "the warm-up closes its sockets");
            assertApplicationTrafficArrivesInOrder(context, transport);
        }
    }

    @Test
    void refusesTrafficItCannotShapeLikeTheApplications()
    {
        final EndpointUri.Transport tcp = EndpointUri.Transport.TCP;
        assertThrows(IllegalArgumentException.class, () -> new JitWarmUp.Traffic(SocketType.PUB, tcp, 64));
        assertThrows(IllegalArgumentException.class,
            () -> new JitWarmUp.Traffic(SocketType.PUSH, EndpointUri.Transport.EPGM, 64));
        assertThrows(IllegalArgumentException.class, () -> new JitWarmUp.Traffic(SocketType.PUSH, tcp, -1));
        assertThrows(IllegalArgumentException.class,
            () -> Context.builder().warmUp(SocketType.ROUTER, EndpointUri.Transport.TCP, 64));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PUSH", "REQ"})
    void aRoundPastItsLimitIsInterruptedAndTheContextLeftToTheApplication(final SocketType type) throws IOException
    {
        // A round may run 1 ms: far less than any round takes, so this one is taken for stalled, as a round whose
        // connection was lost would be (neither end then returns by itself: no timeouts after the probe).
        try (Context context = Context.builder().ioThreads(1).counters(false).build())
        {
            final JitWarmUp.Outcome outcome = JitWarmUp.run(
                context, new JitWarmUp.Traffic(type, EndpointUri.Transport.TCP, 64), BUDGET_NS, 1_000_000L);

            assertEquals(0, outcome.rounds(), outcome.toString());
            assertTrue(String.valueOf(outcome.cutShortBy()).contains("stalled"), outcome.toString());
            assertFalse(Thread.currentThread().isInterrupted(), "the caller's thread is not interrupted");
            assertEquals(0, context.socketCount(), "the interrupted round's sockets are closed");
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("ringmq-warm-up") && thread.isAlive()),
                "the round's threads have left");
            assertApplicationTrafficArrivesInOrder(context, EndpointUri.Transport.TCP);
        }
    }

    @Test
    void aContextThatCannotWarmUpStillBuildsAndRuns()
    {
        // Closed before the warm-up: its sockets cannot open, and the warm-up reports why instead of throwing.
        final Context closed = Context.builder().counters(false).build();
        closed.close();
        final JitWarmUp.Outcome outcome =
            JitWarmUp.run(closed, new JitWarmUp.Traffic(SocketType.PUSH, EndpointUri.Transport.TCP, 64), BUDGET_NS);
        assertEquals(0, outcome.rounds());
        assertTrue(null != outcome.cutShortBy(), outcome.toString());
    }

    private static void assertApplicationTrafficArrivesInOrder(final Context context,
        final EndpointUri.Transport transport)
        throws IOException
    {
        final Path directory = Files.createTempDirectory("jit-warm-up-test");
        try (Socket pull = context.socket(SocketType.PULL);
            Socket push = context.socket(SocketType.PUSH))
        {
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            push.setOption(SocketOption.SNDTIMEO, 10_000);
            pull.bind(EndpointUri.Transport.TCP == transport ?
                "tcp://127.0.0.1:*" : "ipc://" + directory.resolve("app"));
            push.connect(pull.lastEndpoint());
            final Thread sender = new Thread(() ->
            {
                for (int i = 0; i < MESSAGES; i++)
                {
                    push.send(Integer.toString(i));
                }
            });
            sender.start();
            for (int i = 0; i < MESSAGES; i++)
            {
                assertEquals(Integer.toString(i), pull.recvString());
            }
            sender.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            Files.deleteIfExists(directory.resolve("app"));
            Files.deleteIfExists(directory);
        }
    }

    private static List<Path> warmUpDirectories() throws IOException
    {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir"))))
        {
            return files.filter(path -> path.getFileName().toString().startsWith("ringmq-warm-up")).sorted().toList();
        }
    }
}
