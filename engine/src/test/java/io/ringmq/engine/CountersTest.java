package io.ringmq.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A context's counters, read the way {@code ringmq stat} reads them: through its file, with {@link CounterFile}.
 */
class CountersTest
{
    private static final int MESSAGES = 5_000;

    @TempDir
    Path dir;

    @Test
    void aPushPullPairOverTcpCountsEveryMessageAndByteInItsFile() throws Exception
    {
        try (Context context = Context.builder().countersDirectory(dir).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.bind("tcp://127.0.0.1:*");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect(pull.lastEndpoint());
            final byte[] payload = new byte[100];
            for (int i = 0; i < MESSAGES; i++)
            {
                assertEquals(Status.OK, push.send(payload, 0));
                assertEquals(payload.length, pull.recv(0));
            }
            final List<CounterFile> files = CounterFile.list(dir);
            assertEquals(1, files.size(), files.toString());
            final CounterFile file = files.get(0);
            assertEquals(ProcessHandle.current().pid(), file.pid());
            assertEquals(context.id(), file.contextId());
            assertFalse(file.isStale(System.currentTimeMillis()));
            assertEquals(context.countersPath().orElseThrow(), file.path());
            assertEquals(MESSAGES, value(file, pull.id(), "messages-received"));
            assertEquals(MESSAGES * 100L, value(file, pull.id(), "bytes-received"));
            assertEquals(MESSAGES, value(file, push.id(), "messages-sent"));
            assertEquals(MESSAGES * 100L, value(file, push.id(), "bytes-sent"));
            final String label = "PULL-" + pull.id() + " messages received";
            assertTrue(file.counters().stream().anyMatch(c -> c.label().equals(label)));
        }
        assertTrue(CounterFile.list(dir).isEmpty(), "a closed context removes its file");
    }

    @Test
    void multipartMessagesCountOncePerMessageAndEveryFrameIsBytes() throws Exception
    {
        try (Context context = Context.builder().countersDirectory(dir).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.bind("inproc://parts");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect("inproc://parts");
            for (int i = 0; i < 1000; i++)
            {
                push.sendMore(new byte[3]);
                push.send(new byte[7], 0);
                pull.recv(0);
                pull.recv(0);
            }
            final CounterFile file = CounterFile.list(dir).get(0);
            assertEquals(1000, value(file, push.id(), "messages-sent"));
            assertEquals(10_000, value(file, push.id(), "bytes-sent"));
            assertEquals(1000, value(file, pull.id(), "messages-received"));
        }
    }

    @Test
    void aPubWithAStuckSubscriberCountsWhatItDropped() throws Exception
    {
        try (Context context = Context.builder().countersDirectory(dir).build())
        {
            final Socket pub = context.socket(SocketType.PUB);
            pub.setOption(SocketOption.SNDHWM, 100);
            pub.bind("inproc://feed");
            final Socket sub = context.socket(SocketType.SUB);
            sub.setOption(SocketOption.RCVHWM, 100);
            sub.setOption(SocketOption.SUBSCRIBE, new byte[0]);
            sub.setOption(SocketOption.RCVTIMEO, 0);
            sub.connect("inproc://feed");
            final int published = 10_000;
            for (int i = 0; i < published; i++)
            {
                assertEquals(Status.OK, pub.send(new byte[8], 0));
            }
            int delivered = 0;
            while (sub.recv(Socket.DONTWAIT) >= 0)
            {
                delivered++;
            }
            final CounterFile file = CounterFile.list(dir).get(0);
            final long dropped = value(file, pub.id(), "dropped-at-hwm");
            assertTrue(delivered > 0 && dropped > 0, "delivered " + delivered + ", dropped " + dropped);
            assertEquals(published, delivered + dropped, "every message is either delivered or counted as dropped");
            assertEquals(published, value(file, pub.id(), "messages-sent"),
                "a drop is still a successful send, as in libzmq");
        }
    }

    @Test
    void withJmxOnEachSocketsCountersAreAnMXBeanOfThePlatformServer() throws Exception
    {
        final javax.management.MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try (Context context = Context.builder().countersDirectory(dir).jmx(true).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.bind("inproc://jmx");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect("inproc://jmx");
            for (int i = 0; i < 2000; i++)
            {
                push.send(new byte[4], 0);
                pull.recv(0);
            }
            final javax.management.ObjectName pullName = new javax.management.ObjectName(
                "io.ringmq:type=Socket,context=" + context.id() + ",socket=PULL-" + pull.id());
            assertEquals(2, server.queryNames(new javax.management.ObjectName(
                "io.ringmq:type=Socket,context=" + context.id() + ",*"), null).size());
            assertEquals(2000L, server.getAttribute(pullName, "MessagesReceived"));
            assertEquals(8000L, server.getAttribute(pullName, "BytesReceived"));
            assertEquals("PULL", server.getAttribute(pullName, "Type"));
            pull.close();
            assertFalse(server.isRegistered(pullName), "a closed socket's MBean is gone");
        }
    }

    @Test
    void aFullFileCostsTheCountersNotTheSockets() throws Exception
    {
        try (Context context = Context.builder().countersDirectory(dir).countersCapacity(3).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.bind("inproc://full");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect("inproc://full");
            for (int i = 0; i < 1000; i++)
            {
                assertEquals(Status.OK, push.send(new byte[1], 0));
                assertEquals(1, pull.recv(0));
            }
            assertEquals(3, CounterFile.list(dir).get(0).counters().size(), "the file holds what fits");
        }
    }

    @Test
    void aKilledProcessLeavesAFileThatIsRecognisedAsStaleAndRemoved() throws Exception
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
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CountersFileHolder.class.getName());
        command.add(dir.toString());
        final Process holder = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            final BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8));
            final String path = out.readLine();
            assertNotNull(path, "the holder process printed no path");
            final CounterFile live = CounterFile.open(Path.of(path)).orElseThrow();
            assertEquals(holder.pid(), live.pid());
            assertFalse(live.isStale(System.currentTimeMillis()), "a running process's file is live");
            holder.destroyForcibly(); // SIGKILL: no close, no shutdown hook
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.exists(Path.of(path)), "a killed process leaves its file");
            assertTrue(CounterFile.open(Path.of(path)).orElseThrow().isStale(System.currentTimeMillis()));
            assertEquals(1, CounterFile.removeStale(dir, System.currentTimeMillis()));
            assertFalse(Files.exists(Path.of(path)));
        }
        finally
        {
            holder.destroyForcibly();
        }
    }

    @Test
    void eachConnectionShowsItsQueueDepthsUntilTheSocketLetsGoOfIt() throws Exception
    {
        try (Context context = Context.builder().countersDirectory(dir).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.bind("tcp://127.0.0.1:*");
            final Socket push = context.socket(SocketType.PUSH);
            push.connect(pull.lastEndpoint());
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            // The socket takes the connection on its own thread, at its next call: one message first, then the
            // consumer pauses.
            assertEquals(Status.OK, push.send(new byte[16], 0));
            assertEquals(16, pull.recv(0));
            // A reader hands its progress back when it next finds the pipe empty (or every batch), not per message.
            assertEquals(Status.WOULD_BLOCK, pull.recv(Socket.DONTWAIT));
            for (int i = 0; i < 500; i++)
            {
                assertEquals(Status.OK, push.send(new byte[16], 0));
            }
            final CounterFile file = CounterFile.list(dir).get(0);
            // The heartbeat thread samples the depths once a second; the application reads nothing meanwhile.
            awaitConnection(file, pull.id(), "queue-depth-in", 500);
            assertTrue(file.counters().stream().anyMatch(c -> c.socketId() == pull.id() && c.connectionId() > 0 &&
                c.label().startsWith("PULL-" + pull.id() + " accepted on " + pull.lastEndpoint())),
                "a connection is named after its socket and endpoint");
            awaitConnection(file, push.id(), "queue-depth-out", 0);
            for (int i = 0; i < 500; i++)
            {
                assertEquals(16, pull.recv(0));
            }
            awaitConnection(file, pull.id(), "queue-depth-in", 0, () -> pull.recv(Socket.DONTWAIT));
            assertEquals(1, value(file, pull.id(), "handshakes-succeeded"));
            assertEquals(1, value(file, push.id(), "handshakes-succeeded"));

            push.close();
            // The PULL lets go of the connection when it sees it closed (while receiving); its counters are freed.
            awaitConnection(file, pull.id(), "queue-depth-in", -1, () -> pull.recv(Socket.DONTWAIT));
        }
    }

    @Test
    void aConnectThatFindsNobodyCountsItsReconnects() throws Exception
    {
        final int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0))
        {
            port = free.getLocalPort();
        }
        try (Context context = Context.builder().countersDirectory(dir).build())
        {
            final Socket push = context.socket(SocketType.PUSH);
            push.setOption(SocketOption.RECONNECT_IVL, 10);
            push.connect("tcp://127.0.0.1:" + port);
            final CounterFile file = CounterFile.list(dir).get(0);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (value(file, push.id(), "reconnects") < 3 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertTrue(value(file, push.id(), "reconnects") >= 3, "a refused connect is retried and counted");
            assertEquals(0, value(file, push.id(), "handshakes-succeeded"));
        }
    }

    private static void awaitConnection(final CounterFile file, final int socketId, final String type,
        final long expected) throws Exception
    {
        awaitConnection(file, socketId, type, expected, Thread::onSpinWait);
    }

    @Test
    void curveConnectionsCountTheBytesTheyBoxAndTheIoAgentCountsItsDutyCycles() throws Exception
    {
        final CurveKeyPair server = CurveKeyPair.generate();
        final CurveKeyPair client = CurveKeyPair.generate();
        try (Context context = Context.builder().countersDirectory(dir).build())
        {
            final Socket pull = context.socket(SocketType.PULL);
            pull.setOption(SocketOption.CURVE_SERVER, true);
            pull.setOption(SocketOption.CURVE_SECRETKEY, server.secretKey());
            pull.setOption(SocketOption.CURVE_PUBLICKEY, server.publicKey());
            pull.setOption(SocketOption.RCVTIMEO, 10_000);
            pull.bind("tcp://127.0.0.1:*");
            final Socket push = context.socket(SocketType.PUSH);
            push.setOption(SocketOption.CURVE_SERVERKEY, server.publicKey());
            push.setOption(SocketOption.CURVE_PUBLICKEY, client.publicKey());
            push.setOption(SocketOption.CURVE_SECRETKEY, client.secretKey());
            push.connect(pull.lastEndpoint());
            for (int i = 0; i < 2_000; i++)
            {
                assertEquals(Status.OK, push.send(new byte[50], 0));
                assertEquals(50, pull.recv(0));
            }
            final CounterFile file = CounterFile.list(dir).get(0);
            // Every message frame is boxed once; a PING the heartbeat may add would only add more.
            assertTrue(value(file, push.id(), "bytes-encrypted") >= 2_000 * 50L);
            assertTrue(value(file, pull.id(), "bytes-decrypted") >= 2_000 * 50L);
            assertEquals(0, value(file, pull.id(), "bytes-encrypted"), "a PULL sends no messages");
            final long cycles = file.counters().stream()
                .filter(c -> c.type().equals("duty-cycles") && c.label().startsWith("io-agent-0 "))
                .mapToLong(CounterFile.Counter::value).sum();
            assertTrue(cycles > 0, "the I/O agent counts its duty cycles");
            assertTrue(file.counters().stream().anyMatch(c -> c.type().equals("longest-duty-cycle-ns") &&
                c.value() > 0));
        }
    }

    /**
     * Waits until a connection counter of the socket reads {@code expected} (-1: until the socket has none left),
     * running {@code between} while it waits.
     */
    private static void awaitConnection(final CounterFile file, final int socketId, final String type,
        final long expected, final Runnable between) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Long> values = List.of();
        while (System.nanoTime() < deadline)
        {
            values = file.counters().stream()
                .filter(c -> c.socketId() == socketId && c.connectionId() > 0 && c.type().equals(type))
                .map(CounterFile.Counter::value).toList();
            if (expected < 0 ? values.isEmpty() : values.size() == 1 && values.get(0) == expected)
            {
                return;
            }
            between.run();
            Thread.sleep(20);
        }
        throw new AssertionError(type + " of socket " + socketId + "'s connections: " + values + ", expected " +
            (expected < 0 ? "none" : expected));
    }

    private static long value(final CounterFile file, final int socketId, final String type) throws Exception
    {
        return file.counters().stream()
            .filter(c -> c.socketId() == socketId && c.connectionId() == 0 && c.type().equals(type))
            .findFirst().orElseThrow(() -> new AssertionError("no " + type + " counter for socket " + socketId))
            .value();
    }
}
