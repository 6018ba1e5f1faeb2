package io.ringmq.cli;

import io.ringmq.capture.JournalReader;
import io.ringmq.capture.JournalWriter;
import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ringmq record} then {@code ringmq replay}: the replayed traffic has the recorded bodies, frame for frame, in
 * the recorded order, and the recorded spacing scaled by {@code --speed}. Timing is asserted loosely (the machine is
 * shared): the replay never runs shorter than the scaled span, and each message lands near its scaled time.
 */
class CliRecordReplayIT
{
    private static final int MESSAGES = 40;
    private static final Pattern REPLAYED =
        Pattern.compile("replayed: (\\d+) messages in ([0-9.]+) s \\(scheduled span ([0-9.]+) s\\)");
    /** How far a replayed message may land from its scaled time: generous, a noisy host stalls for tens of ms. */
    private static final long SPACING_TOLERANCE_NS = 250_000_000L;

    @TempDir
    Path dir;

    @Test
    void replayReproducesTheRecordedBodiesOrderAndSpacing() throws Exception
    {
        final Path journal = dir.resolve("traffic.rmqj");
        final List<byte[][]> sent = messages();
        try (RingMqProcess record = RingMqProcess.start("record", "tcp://127.0.0.1:*", "--bind", "--type", "PULL",
            "--out", journal.toString(), "--count", Integer.toString(MESSAGES), "--timeout", "60");
            Context context = Context.builder().build();
            Socket push = context.socket(SocketType.PUSH))
        {
            push.connect(record.boundEndpoint());
            for (int i = 0; i < MESSAGES; i++)
            {
                send(push, sent.get(i));
                // Uneven gaps, 2 to 30 ms, so the spacing is something to reproduce.
                Thread.sleep(2 + (i * 7) % 29);
            }
            assertEquals(0, record.await(60), record.stderr());
            assertTrue(record.stderr().contains("recorded: " + MESSAGES + " messages"), record.stderr());
        }

        final long[] recordedNs = new long[MESSAGES];
        try (JournalReader reader = JournalReader.open(journal))
        {
            final byte[] buffer = new byte[1024];
            for (int i = 0; i < MESSAGES; i++)
            {
                assertTrue(reader.next(), "record " + i);
                recordedNs[i] = reader.arrivalNs();
                assertEquals(sent.get(i).length, reader.frameCount(), "frames of message " + i);
                for (final byte[] frame : sent.get(i))
                {
                    final int length = reader.readFrame(buffer);
                    assertArrayEquals(frame, Arrays.copyOf(buffer, length), "message " + i);
                }
                assertTrue(i == 0 || recordedNs[i] >= recordedNs[i - 1], "arrival times never go back");
            }
            assertFalse(reader.next(), "exactly " + MESSAGES + " records");
        }

        final double speed = 2;
        final long[] replayedNs = new long[MESSAGES];
        try (Context context = Context.builder().build(); Socket pull = context.socket(SocketType.PULL))
        {
            pull.bind("tcp://127.0.0.1:0");
            pull.setOption(SocketOption.RCVTIMEO, 30_000);
            try (RingMqProcess replay = RingMqProcess.start("replay", journal.toString(), pull.lastEndpoint(),
                "--type", "PUSH", "--speed", "2", "--timeout", "30"))
            {
                for (int i = 0; i < MESSAGES; i++)
                {
                    final List<byte[]> frames = receive(pull);
                    replayedNs[i] = System.nanoTime();
                    assertEquals(sent.get(i).length, frames.size(), "frames of replayed message " + i);
                    for (int f = 0; f < frames.size(); f++)
                    {
                        assertArrayEquals(sent.get(i)[f], frames.get(f), "replayed message " + i + " frame " + f);
                    }
                }
                assertEquals(0, replay.await(30), replay.stderr());
                final Matcher line = REPLAYED.matcher(replay.stderr());
                assertTrue(line.find(), replay.stderr());
                final double elapsedS = Double.parseDouble(line.group(2));
                final double scheduledS = Double.parseDouble(line.group(3));
                final double recordedSpanS = (recordedNs[MESSAGES - 1] - recordedNs[0]) / 1e9;
                assertEquals(recordedSpanS / speed, scheduledS, 0.002, "the schedule is the recorded span / speed");
                assertTrue(elapsedS >= scheduledS, "a replay never runs ahead of its schedule: " + replay.stderr());
            }
        }
        for (int i = 1; i < MESSAGES; i++)
        {
            final long scheduled = (long)((recordedNs[i] - recordedNs[0]) / speed);
            final long landed = replayedNs[i] - replayedNs[0];
            assertTrue(Math.abs(landed - scheduled) < SPACING_TOLERANCE_NS,
                "message " + i + " landed " + landed / 1_000_000 + " ms after the first, scheduled " +
                scheduled / 1_000_000 + " ms");
        }
    }

    @Test
    void aFixedRateIgnoresTheRecordedSpacing() throws Exception
    {
        final Path journal = dir.resolve("burst.rmqj");
        final int messages = 20;
        try (JournalWriter writer = JournalWriter.create(journal))
        {
            for (int i = 0; i < messages; i++)
            {
                // All recorded within a microsecond: at --rate 50 they must still take (20 - 1) / 50 s.
                writer.begin(i);
                final byte[] body = ("burst " + i).getBytes(StandardCharsets.UTF_8);
                writer.frame(body, 0, body.length);
                writer.commit();
            }
        }
        try (RingMqProcess recv = RingMqProcess.start("recv", "PULL", "tcp://127.0.0.1:*", "--bind",
            "--count", Integer.toString(messages), "--timeout", "30"))
        {
            final RingMqProcess replay = RingMqProcess.run(null, "replay", journal.toString(), recv.boundEndpoint(),
                "--type", "PUSH", "--rate", "50", "--timeout", "30");
            assertEquals(0, replay.exitCode(), replay.stderr());
            assertEquals(0, recv.await(30), recv.stderr());
            final List<String> lines = recv.stdoutLines();
            for (int i = 0; i < messages; i++)
            {
                assertEquals("burst " + i, lines.get(i));
            }
            final Matcher line = REPLAYED.matcher(replay.stderr());
            assertTrue(line.find(), replay.stderr());
            assertEquals(0.38, Double.parseDouble(line.group(3)), 1e-6);
            assertTrue(Double.parseDouble(line.group(2)) >= 0.38, replay.stderr());
        }
    }

    @Test
    void recordStoppedBySigtermLeavesAWholeJournal() throws Exception
    {
        final Path journal = dir.resolve("stopped.rmqj");
        try (RingMqProcess record = RingMqProcess.start("record", "tcp://127.0.0.1:*", "--bind", "--type", "PULL",
            "--out", journal.toString()))
        {
            final String endpoint = record.boundEndpoint();
            final RingMqProcess send = RingMqProcess.run("one\ntwo\nthree\n", "send", "PUSH", endpoint,
                "--timeout", "30");
            assertEquals(0, send.exitCode(), send.stderr());
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (!record.stderr().contains("recorded:") && countRecords(journal) < 3 &&
                System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            ProcessHandle.of(record.pid()).ifPresent(ProcessHandle::destroy);
            assertEquals(143, record.await(30), "128 + SIGTERM: " + record.stderr());
            assertTrue(record.stderr().contains("recorded: 3 messages"), record.stderr());
        }
        assertEquals(3, countRecords(journal));
    }

    @Test
    void recordKeepsWhatAProxysCaptureSocketPublishes() throws Exception
    {
        final Path journal = dir.resolve("captured.rmqj");
        try (RingMqProcess proxy = RingMqProcess.start("proxy", "PULL", "tcp://127.0.0.1:*", "PUSH",
            "tcp://127.0.0.1:*", "--capture", "tcp://127.0.0.1:*");
            Context context = Context.builder().build();
            Socket producer = context.socket(SocketType.PUSH);
            Socket consumer = context.socket(SocketType.PULL))
        {
            final List<String> bound = awaitBound(proxy, 3);
            producer.connect(bound.get(0));
            consumer.connect(bound.get(1));
            consumer.setOption(SocketOption.RCVTIMEO, 10_000);
            try (RingMqProcess record = RingMqProcess.start("record", bound.get(2), "--out", journal.toString(),
                "--count", "5", "--timeout", "60"))
            {
                // A SUB joins late (PUB's slow joiner): keep the traffic flowing until it has kept five messages.
                for (int i = 0; record.isAlive() && i < 1_000; i++)
                {
                    send(producer, new byte[][] {("m " + i).getBytes(StandardCharsets.UTF_8), new byte[] {(byte)i}});
                    assertEquals(2, receive(consumer).size(), "the proxy still forwards to its backend");
                    Thread.sleep(20);
                }
                assertEquals(0, record.await(30), record.stderr());
            }
        }
        try (JournalReader reader = JournalReader.open(journal))
        {
            final byte[] buffer = new byte[64];
            int first = -1;
            for (int i = 0; i < 5; i++)
            {
                assertTrue(reader.next());
                assertEquals(2, reader.frameCount(), "the capture keeps a message's frames together");
                final String text = new String(buffer, 0, reader.readFrame(buffer), StandardCharsets.UTF_8);
                first = first < 0 ? Integer.parseInt(text.substring(2)) : first;
                assertEquals("m " + (first + i), text, "consecutive, in order");
            }
            assertFalse(reader.next());
        }
    }

    private static List<String> awaitBound(final RingMqProcess process, final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline)
        {
            final List<String> bound = new ArrayList<>();
            for (final String line : process.stderr().split("\n"))
            {
                if (line.startsWith("bound: "))
                {
                    bound.add(line.substring("bound: ".length()).trim());
                }
            }
            if (bound.size() >= count)
            {
                return bound;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not " + count + " 'bound:' lines: " + process.stderr());
    }

    @Test
    void replayOfAFileThatIsNotAJournalFailsWithOneLine() throws Exception
    {
        final Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "not a journal at all, just some text long enough for a header\n");
        final RingMqProcess replay = RingMqProcess.run(null, "replay", notes.toString(), "tcp://127.0.0.1:1",
            "--timeout", "1");
        assertEquals(1, replay.exitCode(), replay.stderr());
        assertTrue(replay.stderr().startsWith("ringmq: "), replay.stderr());
        assertTrue(replay.stderr().contains("notes.txt is not a ringmq journal"), replay.stderr());
    }

    private static int countRecords(final Path journal)
    {
        if (!Files.exists(journal))
        {
            return 0;
        }
        try (JournalReader reader = JournalReader.open(journal))
        {
            int records = 0;
            while (reader.next())
            {
                records++;
            }
            return records;
        }
        catch (final RuntimeException ex)
        {
            return 0;
        }
    }

    private static List<byte[][]> messages()
    {
        final List<byte[][]> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++)
        {
            final byte[] body = ("body " + i).getBytes(StandardCharsets.UTF_8);
            messages.add(i % 4 == 0 ?
                new byte[][] {"topic".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[] {0, (byte)i, -1}} :
                new byte[][] {body});
        }
        return messages;
    }

    private static void send(final Socket socket, final byte[][] frames)
    {
        for (int f = 0; f < frames.length; f++)
        {
            final int status = socket.send(frames[f], f < frames.length - 1 ? Socket.SNDMORE : 0);
            assertEquals(Status.OK, status, "send: " + Status.name(status));
        }
    }

    private static List<byte[]> receive(final Socket socket)
    {
        final List<byte[]> frames = new ArrayList<>();
        do
        {
            final int length = socket.recv(0);
            assertTrue(length >= 0, "receive: " + Status.name(length));
            final byte[] frame = new byte[length];
            socket.frame().getBytes(0, frame);
            frames.add(frame);
        }
        while (socket.hasMore());
        return frames;
    }
}
