package io.ringmq.capture;

import net.openhft.chronicle.bytes.MappedBytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ringmq.capture.JournalDescriptor.ARRIVAL_NS_OFFSET;
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
 * Reads a journal ({@link JournalDescriptor}) front to back, a record at a time, without allocating:
 * <pre>
 * while (reader.next())
 * {
 *     long at = reader.arrivalNs();
 *     for (int i = 0; i &lt; reader.frameCount(); i++)
 *     {
 *         int length = reader.frameLength();   // of the frame about to be read
 *         reader.readFrame(buffer);            // copies it and moves to the next
 *     }
 * }
 * </pre>
 * Every length is checked against the record and the file before it is used, so a damaged journal is an
 * {@link IllegalStateException} naming the offset, never a read past the end.
 */
public final class JournalReader implements AutoCloseable
{
    private final Path file;
    private final MappedBytes bytes;
    private final long fileLength;
    private final long startEpochNs;
    private long nextOffset;
    private long recordOffset = -1;
    private long recordEnd;
    private int frameCount;
    private int framesRead;
    private long framePosition;

    private JournalReader(final Path file, final MappedBytes bytes, final long fileLength)
    {
        this.file = file;
        this.bytes = bytes;
        this.fileLength = fileLength;
        if (fileLength < JournalDescriptor.FILE_HEADER_LENGTH || bytes.readInt(MAGIC_OFFSET) != MAGIC)
        {
            close();
            throw new IllegalArgumentException(file + " is not a ringmq journal (no RMQJ magic)");
        }
        final int version = bytes.readInt(VERSION_OFFSET);
        if (version != VERSION)
        {
            close();
            throw new IllegalArgumentException(file + " is a journal of version " + version + "; this build reads " +
                VERSION);
        }
        nextOffset = bytes.readInt(HEADER_LENGTH_OFFSET);
        startEpochNs = bytes.readLong(START_EPOCH_NS_OFFSET);
    }

    public static JournalReader open(final Path file)
    {
        try
        {
            final long length = Files.size(file);
            final MappedBytes bytes = MappedBytes.mappedBytes(file.toFile(), JournalWriter.DEFAULT_CHUNK_SIZE,
                JournalWriter.OVERLAP, true);
            bytes.singleThreadedCheckDisabled(true);
            bytes.readLimit(length);
            return new JournalReader(file, bytes, length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read journal " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** @return the wall-clock time the capture started, nanoseconds since the epoch. */
    public long startEpochNs()
    {
        return startEpochNs;
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the journal.
     */
    public boolean next()
    {
        if (nextOffset + RECORD_HEADER_LENGTH > fileLength)
        {
            return false;
        }
        final int length = bytes.readVolatileInt(nextOffset + RECORD_LENGTH_OFFSET);
        if (length == 0)
        {
            return false;
        }
        if (length < RECORD_HEADER_LENGTH + FRAME_LENGTH_PREFIX || nextOffset + length > fileLength)
        {
            throw corrupt(nextOffset, "record length " + length);
        }
        recordOffset = nextOffset;
        recordEnd = recordOffset + length;
        frameCount = bytes.readInt(recordOffset + FRAME_COUNT_OFFSET);
        if (frameCount < 1 || (long)frameCount * FRAME_LENGTH_PREFIX > length - RECORD_HEADER_LENGTH)
        {
            throw corrupt(recordOffset, "frame count " + frameCount);
        }
        framesRead = 0;
        framePosition = recordOffset + RECORD_HEADER_LENGTH;
        nextOffset = JournalDescriptor.nextRecordOffset(recordOffset, length);
        return true;
    }

    /** @return the current record's arrival time, nanoseconds since the capture started. */
    public long arrivalNs()
    {
        return bytes.readLong(recordOffset + ARRIVAL_NS_OFFSET);
    }

    /** @return the current record's frames. */
    public int frameCount()
    {
        return frameCount;
    }

    /** @return the length of the frame {@link #readFrame(byte[])} reads next. */
    public int frameLength()
    {
        if (framesRead >= frameCount)
        {
            throw new IllegalStateException("all " + frameCount + " frames of the record at " + recordOffset +
                " were read");
        }
        final int length = bytes.readInt(framePosition);
        if (length < 0 || framePosition + FRAME_LENGTH_PREFIX + length > recordEnd)
        {
            throw corrupt(recordOffset, "frame " + framesRead + " length " + length);
        }
        return length;
    }

    /**
     * Copies the next frame into {@code destination} (at least {@link #frameLength()} long) and moves past it.
     *
     * @return the frame's length.
     */
    public int readFrame(final byte[] destination)
    {
        final int length = frameLength();
        if (destination.length < length)
        {
            throw new IllegalArgumentException("frame of " + length + " bytes, buffer of " + destination.length);
        }
        long from = framePosition + FRAME_LENGTH_PREFIX;
        for (int read = 0; read < length; )
        {
            final int piece = Math.min(JournalWriter.OVERLAP, length - read);
            // Positioned reads: readPosition maps the chunk holding the piece (absolute bulk reads do not switch
            // chunks), and a piece no longer than the overlap lies within that one mapping.
            bytes.readPosition(from);
            bytes.read(destination, read, piece);
            from += piece;
            read += piece;
        }
        framePosition = from;
        framesRead++;
        return length;
    }

    private IllegalStateException corrupt(final long offset, final String what)
    {
        return new IllegalStateException(file + " is damaged at offset " + offset + ": " + what);
    }

    @Override
    public void close()
    {
        bytes.releaseLast();
    }
}
