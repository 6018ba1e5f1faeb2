package io.ringmq.engine;

import org.agrona.BitUtil;
import org.agrona.concurrent.status.CountersReader;

/**
 * The layout of a context's counters file, which {@code ringmq stat} (or any reader) maps without touching the
 * process that writes it, as Aeron's CnC file is read by {@code AeronStat}:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Layout version                            |  0: written last: 0 = not ready
 *  +---------------------------------------------------------------+
 *  |                     Counters capacity                         |  4
 *  +---------------------------------------------------------------+
 *  |                     Process id (64 bits)                      |  8
 *  +---------------------------------------------------------------+
 *  |                     Context id (64 bits)                      | 16
 *  +---------------------------------------------------------------+
 *  |                     Start time, epoch ms (64 bits)            | 24
 *  +---------------------------------------------------------------+
 *  |                     Heartbeat, epoch ms (64 bits)             | 32: refreshed every HEARTBEAT_INTERVAL_MS
 *  +---------------------------------------------------------------+
 *  |                     ... to HEADER_LENGTH                      |
 *  +---------------------------------------------------------------+
 *  |  Agrona CountersManager metadata: capacity x 512 bytes        |
 *  +---------------------------------------------------------------+
 *  |  Agrona CountersManager values:   capacity x 128 bytes        |
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class CountersFileDescriptor
{
    static final int LAYOUT_VERSION = 1;

    static final int LAYOUT_VERSION_OFFSET = 0;
    static final int CAPACITY_OFFSET = 4;
    static final int PID_OFFSET = 8;
    static final int CONTEXT_ID_OFFSET = 16;
    static final int START_TIMESTAMP_OFFSET = 24;
    static final int HEARTBEAT_TIMESTAMP_OFFSET = 32;
    /** Two cache lines: the heartbeat, written every second, shares no line with the counters. */
    static final int HEADER_LENGTH = 2 * BitUtil.CACHE_LINE_LENGTH;

    /** Counters per context file unless configured: about 40 sockets with 100 connections each. */
    static final int DEFAULT_CAPACITY = 4096;
    static final long HEARTBEAT_INTERVAL_MS = 1000;
    /** A live file's heartbeat is never this old; an older one belongs to a hung or dead process. */
    static final long STALE_AFTER_MS = 10_000;

    static final String PREFIX = "ringmq-";
    static final String SUFFIX = ".counters";

    private CountersFileDescriptor()
    {
    }

    static int metadataOffset()
    {
        return HEADER_LENGTH;
    }

    static int valuesOffset(final int capacity)
    {
        return HEADER_LENGTH + capacity * CountersReader.METADATA_LENGTH;
    }

    static int fileLength(final int capacity)
    {
        return valuesOffset(capacity) + capacity * CountersReader.COUNTER_LENGTH;
    }

    static String fileName(final long pid, final long contextId)
    {
        return PREFIX + pid + "-" + contextId + SUFFIX;
    }
}
