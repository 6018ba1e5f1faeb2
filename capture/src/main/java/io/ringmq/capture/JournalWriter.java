package io.ringmq.capture;

import net.openhft.chronicle.bytes.MappedBytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import static io.ringmq.capture.JournalDescriptor.ARRIVAL_NS_OFFSET;
import static io.ringmq.capture.JournalDescriptor.FILE_HEADER_LENGTH;
import static io.ringmq.capture.JournalDescriptor.FRAME_COUNT_OFFSET;
import static io.ringmq.capture.JournalDescriptor.FRAME_LENGTH_PREFIX;
import static io.ringmq.capture.JournalDescriptor.HEADER_LENGTH_OFFSET;
import static io.ringmq.capture.JournalDescriptor.MAGIC;
import static io.ringmq.capture.JournalDescriptor.MAGIC_OFFSET;
import static io.ringmq.capture.JournalDescriptor.RECORD_HEADER_LENGTH;
import static io.ringmq.capture.JournalDescriptor.RECORD_LENGTH_OFFSET;
import static io.ringmq.capture.JournalDescriptor.START_EPOCH_NS_OFFSET;
import static io.ringmq.capture.JournalDescriptor.VERSION;
import static io.ringmq.capture.JournalDescriptor.VERSION_OFFSET;

/**
 * Appends messages to a journal ({@link JournalDescriptor}): {@link #begin(long)}, one {@link #frame} per frame,
 * {@link #commit()}. Single-threaded and allocation-free per message.
 *
 * <p>The file is mapped through chronicle-bytes {@link MappedBytes} one chunk at a time: moving into a new chunk
 * maps it and releases the one before, so however large the journal grows the process holds at most a chunk or two
 * of it in memory, and those pages are the file's (the kernel writes them back and may drop them), not the heap's.
 */
public final class JournalWriter implements AutoCloseable
{
    /** Mapped at a time; large enough that remapping is rare, small enough to be cheap to hold. */
    public static final long DEFAULT_CHUNK_SIZE = 64L << 20;
    /**
     * Each chunk is mapped this much past its end, so any write of up to this many bytes lands in one mapping;
     * frames longer than this are written in pieces.
     */
    static final int OVERLAP = 1 << 20;

    private final Path file;
    private final MappedBytes bytes;
    private final long startNs;
    private long position = FILE_HEADER_LENGTH;
    private long recordOffset = -1;
    private int frameCount;
    private long messages;

    private JournalWriter(final Path file, final MappedBytes bytes, final long startNs)
    {
        this.file = file;
        this.bytes = bytes;
        this.startNs = startNs;
    }

    /**
     * Creates (or truncates) a journal and writes its header; arrival times count from now.
     */
    public static JournalWriter create(final Path file)
    {
        return create(file, DEFAULT_CHUNK_SIZE);
    }

    /**
     * @param chunkSize bytes mapped at a time (a multiple of the page size; tests use small ones to cross chunks).
     */
    public static JournalWriter create(final Path file, final long chunkSize)
    {
        try
        {
            // A fresh file: a journal that kept an older, longer capture's tail would replay it after ours.
            Files.deleteIfExists(file);
            final MappedBytes bytes = MappedBytes.mappedBytes(file.toFile(), chunkSize, OVERLAP, false);
            // The recorder may be closed by a shutdown hook, on another thread than the one that wrote.
            bytes.singleThreadedCheckDisabled(true);
            bytes.writeInt(MAGIC_OFFSET, MAGIC);
            bytes.writeInt(VERSION_OFFSET, VERSION);
            bytes.writeInt(HEADER_LENGTH_OFFSET, FILE_HEADER_LENGTH);
            bytes.writeLong(START_EPOCH_NS_OFFSET, epochNanos());
            return new JournalWriter(file, bytes, System.nanoTime());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static long epochNanos()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * @return the writer's clock: nanoseconds since the journal was created, what {@link #begin(long)} takes.
     */
    public long nowNs()
    {
        return System.nanoTime() - startNs;
    }

    /**
     * Starts a message that arrived at {@code arrivalNs} (see {@link #nowNs()}).
     */
    public void begin(final long arrivalNs)
    {
        if (recordOffset >= 0)
        {
            throw new IllegalStateException("begin without commit of the message at " + recordOffset);
        }
        recordOffset = position;
        bytes.writeLong(recordOffset + ARRIVAL_NS_OFFSET, arrivalNs);
        position = recordOffset + RECORD_HEADER_LENGTH;
        frameCount = 0;
    }

    /**
     * Appends one frame of the message begun.
     */
    public void frame(final byte[] data, final int offset, final int length)
    {
        if (recordOffset < 0)
        {
            throw new IllegalStateException("frame outside a message: begin first");
        }
        if (position - recordOffset + FRAME_LENGTH_PREFIX + (long)length > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("message longer than a record holds (2 GiB)");
        }
        bytes.writeInt(position, length);
        position += FRAME_LENGTH_PREFIX;
        for (int written = 0; written < length; )
        {
            final int piece = Math.min(OVERLAP, length - written);
            bytes.write(position, data, offset + written, piece);
            position += piece;
            written += piece;
        }
        frameCount++;
    }

    /**
     * Publishes the message: its frame count, then (store-release) its length, which makes it visible.
     */
    public void commit()
    {
        if (recordOffset < 0 || frameCount == 0)
        {
            throw new IllegalStateException("commit of a message without frames");
        }
        bytes.writeInt(recordOffset + FRAME_COUNT_OFFSET, frameCount);
        bytes.writeOrderedInt(recordOffset + RECORD_LENGTH_OFFSET, (int)(position - recordOffset));
        position = JournalDescriptor.nextRecordOffset(recordOffset, (int)(position - recordOffset));
        recordOffset = -1;
        messages++;
    }

    /** @return messages committed. */
    public long messages()
    {
        return messages;
    }

    /** @return bytes of the journal in use: header and committed records. */
    public long length()
    {
        return recordOffset < 0 ? position : recordOffset;
    }

    /**
     * Releases the mapping and cuts the file to the records written (it grew a chunk at a time); a message begun and
     * not committed is left out. A journal whose writer never closed (a killed recorder) still reads: its tail past
     * the last record is zeros, which read as the end.
     */
    @Override
    public void close()
    {
        final long used = length();
        recordOffset = -1;
        bytes.releaseLast();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            // Zero-padded to a record boundary, so the reader's end-of-journal check still sees a 0 length.
            channel.truncate(used + JournalDescriptor.RECORD_HEADER_LENGTH);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot trim journal " + file + ": " + ex.getMessage(), ex);
        }
    }
}
