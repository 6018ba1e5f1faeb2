package io.ringmq.engine;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static io.ringmq.engine.CountersFileDescriptor.*;

/**
 * A context's counters file seen from outside the process that writes it: what {@code ringmq stat} reads. Every
 * context (unless built without counters) keeps one, named {@code ringmq-<pid>-<context id>.counters}, in
 * {@link #defaultDirectory()} or the directory its builder was given; the file is removed when the context closes,
 * and a file whose process is gone or whose heartbeat stopped is {@linkplain #isStale stale}: the next context to
 * start in that directory, or {@link #removeStale}, deletes it.
 */
public final class CounterFile
{
    /** One counter: a socket's or a connection's figure, named by its label. */
    public record Counter(int id, String type, long socketId, long connectionId, String label, long value)
    {
    }

    private final Path path;
    private final long pid;
    private final long contextId;
    private final long startTimeMs;
    private final long heartbeatMs;
    private final int capacity;

    private CounterFile(
        final Path path, final long pid, final long contextId, final long startTimeMs, final long heartbeatMs,
        final int capacity)
    {
        this.path = path;
        this.pid = pid;
        this.contextId = contextId;
        this.startTimeMs = startTimeMs;
        this.heartbeatMs = heartbeatMs;
        this.capacity = capacity;
    }

    /** @return {@code <java.io.tmpdir>/ringmq}, or the {@code ringmq.counters.dir} system property when set. */
    public static Path defaultDirectory()
    {
        final String configured = System.getProperty("ringmq.counters.dir");
        return null != configured ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"), "ringmq");
    }

    /** @return the counters files in {@code directory} that are ready to read, oldest process first. */
    public static List<CounterFile> list(final Path directory) throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return Collections.emptyList();
        }
        final List<CounterFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX))
        {
            for (final Path entry : entries)
            {
                try
                {
                    open(entry).ifPresent(files::add);
                }
                catch (final java.nio.file.NoSuchFileException gone)
                {
                    // Its context closed between the listing and the read.
                }
            }
        }
        files.sort((a, b) -> a.pid != b.pid ? Long.compare(a.pid, b.pid) : Long.compare(a.contextId, b.contextId));
        return files;
    }

    /**
     * Reads a file's header.
     *
     * @return empty if the file is not a ready ringmq counters file (too short, being created, another layout).
     */
    public static Optional<CounterFile> open(final Path file) throws IOException
    {
        return withMapping(file, (mapped, length) ->
        {
            if (length < HEADER_LENGTH)
            {
                return Optional.<CounterFile>empty();
            }
            final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
            final int capacity = header.getInt(CAPACITY_OFFSET);
            if (header.getIntVolatile(LAYOUT_VERSION_OFFSET) != LAYOUT_VERSION || capacity <= 0 ||
                fileLength(capacity) > length)
            {
                return Optional.<CounterFile>empty();
            }
            return Optional.of(new CounterFile(file, header.getLong(PID_OFFSET), header.getLong(CONTEXT_ID_OFFSET),
                header.getLong(START_TIMESTAMP_OFFSET), header.getLongVolatile(HEARTBEAT_TIMESTAMP_OFFSET), capacity));
        });
    }

    /**
     * Deletes the stale files in {@code directory} (see {@link #isStale}).
     *
     * @return how many it deleted.
     */
    public static int removeStale(final Path directory, final long nowMs) throws IOException
    {
        int removed = 0;
        for (final CounterFile file : list(directory))
        {
            if (file.isStale(nowMs) && Files.deleteIfExists(file.path))
            {
                removed++;
            }
        }
        return removed;
    }

    public Path path()
    {
        return path;
    }

    public long pid()
    {
        return pid;
    }

    public long contextId()
    {
        return contextId;
    }

    public long startTimeMs()
    {
        return startTimeMs;
    }

    /** @return the heartbeat read when this file was opened, in epoch milliseconds. */
    public long heartbeatMs()
    {
        return heartbeatMs;
    }

    /**
     * @return true if the process that wrote the file is gone (or its pid now names a process started after the
     * file), or its heartbeat is older than ten seconds: a hung or killed process.
     */
    public boolean isStale(final long nowMs)
    {
        final Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive())
        {
            return true;
        }
        final Optional<java.time.Instant> started = process.get().info().startInstant();
        // A reused pid: that process started after this file was written (a second of slack for clock rounding).
        if (started.isPresent() && started.get().toEpochMilli() > startTimeMs + 1000)
        {
            return true;
        }
        return nowMs - heartbeatMs > STALE_AFTER_MS;
    }

    /** @return every allocated counter with its current value, in id order. */
    public List<Counter> counters() throws IOException
    {
        return withMapping(path, (mapped, length) ->
        {
            final List<Counter> counters = new ArrayList<>();
            if (fileLength(capacity) > length)
            {
                return counters;
            }
            final CountersReader reader = new CountersReader(
                new UnsafeBuffer(mapped, metadataOffset(), capacity * CountersReader.METADATA_LENGTH),
                new UnsafeBuffer(mapped, valuesOffset(capacity), capacity * CountersReader.COUNTER_LENGTH),
                java.nio.charset.StandardCharsets.UTF_8);
            reader.forEach((value, counterId, label) -> counters.add(new Counter(counterId,
                CounterType.name(reader.getCounterTypeId(counterId)), reader.getCounterOwnerId(counterId),
                reader.getCounterReferenceId(counterId), label, value)));
            return counters;
        });
    }

    @FunctionalInterface
    private interface MappedReader<T>
    {
        T read(MappedByteBuffer mapped, long length) throws IOException;
    }

    private static <T> T withMapping(final Path file, final MappedReader<T> reader) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file))
        {
            final long length = channel.size();
            final MappedByteBuffer mapped =
                channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(length, Integer.MAX_VALUE));
            try
            {
                return reader.read(mapped, length);
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
        }
    }
}
