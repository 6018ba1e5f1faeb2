package io.ringmq.capture;

/**
 * The layout of a traffic journal: one file header, then records back to back, each aligned to
 * {@link #RECORD_ALIGNMENT}. All numbers are little-endian (the byte order chronicle-bytes writes on x86 and ARM).
 *
 * <pre>
 * File header, {@link #FILE_HEADER_LENGTH} bytes:
 *   0  int   magic            {@link #MAGIC}, "RMQJ" read as ASCII bytes
 *   4  int   version          {@link #VERSION}
 *   8  int   header length    {@link #FILE_HEADER_LENGTH}: a later version may grow the header, records start here
 *  12  int   reserved         0
 *  16  long  start epoch ns   wall-clock time the capture started (for people; replay uses the arrival times)
 *  24  ...   reserved, 0
 *
 * Record, {@link #RECORD_HEADER_LENGTH} bytes then the frames:
 *   0  int   record length    header + frames, before padding; 0 where no record was committed yet (end of journal)
 *   4  int   frame count      at least 1: ZeroMQ has no message without a frame
 *   8  long  arrival ns       nanoseconds since the capture started, on a monotonic clock
 *  16  frame 0: int length, then the bytes; frame 1 follows at once, and so on
 * </pre>
 *
 * <p>The record length is written last, with a store-release, so a reader (or a journal whose recorder was killed)
 * sees either a whole record or none: a mapped file reads as zeros past what was written.
 */
public final class JournalDescriptor
{
    /** "RMQJ" as it reads in a hex dump of the file. */
    public static final int MAGIC = 'R' | 'M' << 8 | 'Q' << 16 | 'J' << 24;
    public static final int VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int HEADER_LENGTH_OFFSET = 8;
    public static final int START_EPOCH_NS_OFFSET = 16;
    public static final int FILE_HEADER_LENGTH = 64;

    public static final int RECORD_LENGTH_OFFSET = 0;
    public static final int FRAME_COUNT_OFFSET = 4;
    public static final int ARRIVAL_NS_OFFSET = 8;
    public static final int RECORD_HEADER_LENGTH = 16;
    /** Each frame's bytes are preceded by their length. */
    public static final int FRAME_LENGTH_PREFIX = 4;
    /** Records start on 8-byte boundaries so the arrival time and the record length are never torn. */
    public static final int RECORD_ALIGNMENT = 8;

    private JournalDescriptor()
    {
    }

    /**
     * @return the offset of the record after one of {@code recordLength} bytes at {@code recordOffset}.
     */
    public static long nextRecordOffset(final long recordOffset, final int recordLength)
    {
        return recordOffset + align(recordLength);
    }

    static long align(final long length)
    {
        return (length + RECORD_ALIGNMENT - 1) & -RECORD_ALIGNMENT;
    }
}
