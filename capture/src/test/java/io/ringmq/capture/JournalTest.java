package io.ringmq.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest
{
    /** Small chunks so a few messages cross chunk boundaries (the case a mapped journal must get right). */
    private static final long SMALL_CHUNK = 64 << 10;

    @TempDir
    Path dir;

    @Test
    void aJournalReadsBackEveryFrameAndArrivalTimeInOrder()
    {
        final Path file = dir.resolve("traffic.rmqj");
        final List<byte[][]> written = new ArrayList<>();
        try (JournalWriter writer = JournalWriter.create(file, SMALL_CHUNK))
        {
            for (int i = 0; i < 2_000; i++)
            {
                final byte[][] frames = i % 3 == 0 ?
                    new byte[][] {text("topic"), text("body " + i), new byte[0]} :
                    new byte[][] {filled(i % 700, (byte)i)};
                writer.begin(1_000L * i);
                for (final byte[] frame : frames)
                {
                    writer.frame(frame, 0, frame.length);
                }
                writer.commit();
                written.add(frames);
            }
            assertEquals(2_000, writer.messages());
            assertTrue(writer.length() > 4 * SMALL_CHUNK, "the journal crossed several chunks");
        }

        try (JournalReader reader = JournalReader.open(file))
        {
            final byte[] buffer = new byte[1024];
            for (int i = 0; i < written.size(); i++)
            {
                assertTrue(reader.next(), "record " + i);
                assertEquals(1_000L * i, reader.arrivalNs());
                assertEquals(written.get(i).length, reader.frameCount());
                for (final byte[] expected : written.get(i))
                {
                    final int length = reader.readFrame(buffer);
                    assertArrayEquals(expected, Arrays.copyOf(buffer, length));
                }
            }
            assertFalse(reader.next(), "nothing after the last record");
        }
    }

    @Test
    void aFrameLargerThanAChunkAndItsOverlapIsWrittenInPieces()
    {
        final Path file = dir.resolve("large.rmqj");
        final byte[] large = filled(3 * JournalWriter.OVERLAP + 17, (byte)0x5A);
        large[large.length - 1] = 1;
        try (JournalWriter writer = JournalWriter.create(file, SMALL_CHUNK))
        {
            writer.begin(7);
            writer.frame(large, 0, large.length);
            writer.commit();
        }
        try (JournalReader reader = JournalReader.open(file))
        {
            assertTrue(reader.next());
            final byte[] buffer = new byte[reader.frameLength()];
            reader.readFrame(buffer);
            assertArrayEquals(large, buffer);
        }
    }

    @Test
    void aMessageBegunAndNotCommittedIsNotInTheJournal()
    {
        final Path file = dir.resolve("cut.rmqj");
        try (JournalWriter writer = JournalWriter.create(file, SMALL_CHUNK))
        {
            writer.begin(1);
            writer.frame(text("kept"), 0, 4);
            writer.commit();
            writer.begin(2);
            writer.frame(text("lost"), 0, 4);
        }
        try (JournalReader reader = JournalReader.open(file))
        {
            assertTrue(reader.next());
            assertEquals(1, reader.arrivalNs());
            assertFalse(reader.next(), "the uncommitted message has length 0, the end mark");
        }
    }

    @Test
    void theFileStartsWithTheDocumentedHeader() throws Exception
    {
        final Path file = dir.resolve("header.rmqj");
        try (JournalWriter writer = JournalWriter.create(file, SMALL_CHUNK))
        {
            writer.begin(42);
            writer.frame(text("hi"), 0, 2);
            writer.commit();
        }
        final ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RMQJ", new String(Arrays.copyOf(raw.array(), 4), StandardCharsets.US_ASCII));
        assertEquals(JournalDescriptor.VERSION, raw.getInt(JournalDescriptor.VERSION_OFFSET));
        final int record = raw.getInt(JournalDescriptor.HEADER_LENGTH_OFFSET);
        assertEquals(JournalDescriptor.FILE_HEADER_LENGTH, record);
        assertEquals(JournalDescriptor.RECORD_HEADER_LENGTH + 4 + 2, raw.getInt(record));
        assertEquals(1, raw.getInt(record + JournalDescriptor.FRAME_COUNT_OFFSET));
        assertEquals(42, raw.getLong(record + JournalDescriptor.ARRIVAL_NS_OFFSET));
        assertEquals(2, raw.getInt(record + JournalDescriptor.RECORD_HEADER_LENGTH));
    }

    @Test
    void aFileThatIsNotAJournalIsRefusedByName() throws Exception
    {
        final Path file = dir.resolve("notes.txt");
        Files.write(file, filled(100, (byte)'x'));
        final IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> JournalReader.open(file));
        assertTrue(refused.getMessage().contains("notes.txt is not a ringmq journal"), refused.getMessage());
    }

    @Test
    void aDamagedFrameLengthIsReportedWithItsOffset() throws Exception
    {
        final Path file = dir.resolve("damaged.rmqj");
        try (JournalWriter writer = JournalWriter.create(file, SMALL_CHUNK))
        {
            writer.begin(1);
            writer.frame(text("abc"), 0, 3);
            writer.commit();
        }
        final byte[] raw = Files.readAllBytes(file);
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(JournalDescriptor.FILE_HEADER_LENGTH + JournalDescriptor.RECORD_HEADER_LENGTH, 1_000_000);
        Files.write(file, raw);
        try (JournalReader reader = JournalReader.open(file))
        {
            assertTrue(reader.next());
            final IllegalStateException damaged = assertThrows(IllegalStateException.class, reader::frameLength);
            assertTrue(damaged.getMessage().contains("damaged at offset 64"), damaged.getMessage());
        }
    }

    private static byte[] text(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(final int length, final byte value)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
