package io.ringmq.engine;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ringmq.engine.CountersFileDescriptor.*;

/**
 * The writing side of a context's counters file: Agrona's {@link CountersManager} over a memory-mapped file, so
 * another process reads every counter while this one runs (see {@link CountersFileDescriptor} for the layout).
 * Counters are allocated and freed under this object's lock (sockets and connections come and go on several
 * threads); each counter is then written by one thread only, with release stores.
 */
final class CountersFile implements AutoCloseable
{
    private final Path path;
    /** Held so that the mapping lives as long as this file object (see close). */
    private final MappedByteBuffer mapped;
    private final AtomicBuffer header;
    private final CountersManager manager;
    /** Connections whose queue depths the heartbeat thread samples; added by sockets' threads. */
    private final java.util.Queue<ConnectionCounters> sampled = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong connectionIds = new java.util.concurrent.atomic.AtomicLong();
    private boolean closed;

    private CountersFile(final Path path, final MappedByteBuffer mapped, final int capacity)
    {
        this.path = path;
        this.mapped = mapped;
        this.header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final UnsafeBuffer metadata =
            new UnsafeBuffer(mapped, metadataOffset(), capacity * CountersReader.METADATA_LENGTH);
        final UnsafeBuffer values =
            new UnsafeBuffer(mapped, valuesOffset(capacity), capacity * CountersReader.COUNTER_LENGTH);
        this.manager = new CountersManager(metadata, values, StandardCharsets.UTF_8);
    }

    /**
     * Creates the file {@code ringmq-<pid>-<contextId>.counters} in {@code directory} (made if missing), sized for
     * {@code capacity} counters, with its header written and the layout version published last.
     */
    static CountersFile create(final Path directory, final long contextId, final int capacity, final long nowMs)
        throws IOException
    {
        Files.createDirectories(directory);
        final long pid = ProcessHandle.current().pid();
        final Path path = directory.resolve(fileName(pid, contextId));
        final int length = fileLength(capacity);
        final MappedByteBuffer mapped;
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
        {
            file.setLength(0);
            file.setLength(length);
            mapped = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
        final CountersFile counters = new CountersFile(path, mapped, capacity);
        final AtomicBuffer header = counters.header;
        header.putInt(CAPACITY_OFFSET, capacity);
        header.putLong(PID_OFFSET, pid);
        header.putLong(CONTEXT_ID_OFFSET, contextId);
        header.putLong(START_TIMESTAMP_OFFSET, nowMs);
        header.putLongRelease(HEARTBEAT_TIMESTAMP_OFFSET, nowMs);
        // Readers take a file whose version is 0 as not ready yet: everything above is visible before it.
        header.putIntRelease(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        return counters;
    }

    Path path()
    {
        return path;
    }

    /**
     * @return a new counter, or null when the file is full (the caller then runs without it: counting never fails
     * a socket or a connection).
     */
    synchronized AtomicCounter newCounter(
        final int typeId, final long ownerId, final long referenceId, final String label)
    {
        if (closed || manager.available() <= 0)
        {
            return null;
        }
        try
        {
            final AtomicCounter counter = manager.newCounter(label, typeId);
            manager.setCounterOwnerId(counter.id(), ownerId);
            manager.setCounterReferenceId(counter.id(), referenceId);
            return counter;
        }
        catch (final IllegalStateException | IllegalArgumentException full)
        {
            return null;
        }
    }

    synchronized void free(final AtomicCounter counter)
    {
        if (!closed && null != counter)
        {
            manager.free(counter.id());
        }
    }

    long nextConnectionId()
    {
        return connectionIds.incrementAndGet();
    }

    void sampled(final ConnectionCounters connection)
    {
        sampled.add(connection);
    }

    /** Heartbeat thread: the beat, then each connection's queue depths (connections gone are freed). */
    void heartbeat(final long nowMs)
    {
        header.putLongRelease(HEARTBEAT_TIMESTAMP_OFFSET, nowMs);
        sampled.removeIf(connection -> !connection.sample());
    }

    /**
     * Deletes the file: a context that closed leaves nothing behind. The mapping is not unmapped here: a socket or
     * connection still finishing on another thread may write a counter once more, and a write to unmapped memory
     * would crash the JVM; the pages of the deleted file go when the last counter referencing them is collected.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        sampled.clear();
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignore)
        {
            // The next context or `ringmq stat` removes it as stale (its process is gone).
        }
    }
}
