package io.ringmq.codecs;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static io.ringmq.codecs.FrameDescriptor.*;

/**
 * Streaming decoder of ZMTP 2.0/3.x frames: any split of the input yields the same frames.
 * <p>
 * A frame that arrives whole inside one input chunk is handed over in place, without a copy. A frame split
 * across chunks is reassembled in a buffer owned by the decoder. Nothing is allocated on the peer's word: the
 * buffer grows with the bytes that have actually arrived (doubling, from {@value #MIN_ASSEMBLY_CAPACITY} bytes,
 * never past the announced size), so a header announcing 2 GiB followed by ten bytes costs 4 KiB, not 2 GiB.
 * A buffer that grew past {@value #RETAINED_ASSEMBLY_CAPACITY} bytes is dropped once its frame is delivered, so one
 * large message does not pin its size for the life of the connection; smaller ones are kept, and steady state
 * allocates nothing. Every size is checked against the current limit, and read as unsigned so sizes near 2^64
 * cannot wrap (CVE-2019-6250), before a byte is copied.
 * <p>
 * The limit applies per frame, as libzmq's {@code ZMQ_MAXMSGSIZE} does, and may be changed between frames
 * ({@link #maxFrameLength(long)}): the stream engine holds commands to a small limit until the handshake is
 * done. Not thread-safe: one per connection.
 */
public final class FrameDecoder
{
    private static final int STATE_FLAGS = 0;
    private static final int STATE_SIZE = 1;
    private static final int STATE_BODY = 2;
    private static final int STATE_FAILED = 3;
    static final int MIN_ASSEMBLY_CAPACITY = 4096;
    static final int RETAINED_ASSEMBLY_CAPACITY = 64 * 1024;

    private int maxFrameLength;
    private final UnsafeBuffer sizeBytes = new UnsafeBuffer(new byte[LONG_SIZE_LENGTH]);
    // On-heap: reassembly is a copy either way, and the garbage collector frees an outgrown or dropped array at
    // once, where a direct buffer waits for its cleaner and counts against MaxDirectMemorySize meanwhile.
    private final UnsafeBuffer assembly = new UnsafeBuffer(new byte[0]);
    private int state = STATE_FLAGS;
    private int flags;
    private int sizeLength;
    private int sizeRead;
    private int frameLength;
    private int bodyRead;
    private WireError error = WireError.NONE;

    /**
     * @param maxMessageSize the largest frame body accepted, as libzmq's {@code ZMQ_MAXMSGSIZE}; negative means
     *                       no limit beyond {@link FrameDescriptor#MAX_FRAME_LENGTH}.
     */
    public FrameDecoder(final long maxMessageSize)
    {
        maxFrameLength(maxMessageSize);
    }

    /**
     * Sets the largest frame body accepted from the next frame header on.
     *
     * @param maxMessageSize as for the constructor: negative means no limit beyond
     *                       {@link FrameDescriptor#MAX_FRAME_LENGTH}.
     */
    public void maxFrameLength(final long maxMessageSize)
    {
        this.maxFrameLength = maxMessageSize < 0 || maxMessageSize > MAX_FRAME_LENGTH ?
            MAX_FRAME_LENGTH : (int)maxMessageSize;
    }

    /**
     * Decodes as many frames as {@code src} holds, handing each to {@code handler}.
     *
     * @return bytes consumed (less than {@code length} only if the handler asked to stop), or -1 if the input is
     * refused: {@link #error()} says why, and the decoder refuses everything after.
     */
    public int decode(final DirectBuffer src, final int offset, final int length, final FrameHandler handler)
    {
        int position = offset;
        final int end = offset + length;
        while (position < end)
        {
            switch (state)
            {
                case STATE_FLAGS:
                {
                    final int flagsByte = src.getByte(position++) & 0xFF;
                    if ((flagsByte & RESERVED_FLAGS_MASK) != 0)
                    {
                        return fail(WireError.RESERVED_FLAGS);
                    }
                    flags = flagsByte;
                    sizeLength = (flagsByte & FLAG_LONG) != 0 ? LONG_SIZE_LENGTH : SHORT_SIZE_LENGTH;
                    sizeRead = 0;
                    state = STATE_SIZE;
                    break;
                }
                case STATE_SIZE:
                {
                    final long size;
                    if (sizeRead == 0 && end - position >= sizeLength)
                    {
                        size = readSize(src, position);
                        position += sizeLength;
                    }
                    else
                    {
                        final int chunk = Math.min(sizeLength - sizeRead, end - position);
                        sizeBytes.putBytes(sizeRead, src, position, chunk);
                        sizeRead += chunk;
                        position += chunk;
                        if (sizeRead < sizeLength)
                        {
                            break;
                        }
                        size = readSize(sizeBytes, 0);
                    }
                    // As unsigned, a long size with the top bit set is beyond any maximum: negative here.
                    if (size < 0 || size > maxFrameLength)
                    {
                        return fail(WireError.FRAME_TOO_LARGE);
                    }
                    frameLength = (int)size;
                    bodyRead = 0;
                    state = STATE_BODY;
                    if (frameLength == 0)
                    {
                        state = STATE_FLAGS;
                        if (!handler.onFrame(deliveredFlags(), src, position, 0))
                        {
                            return position - offset;
                        }
                    }
                    break;
                }
                case STATE_BODY:
                {
                    final int available = end - position;
                    if (bodyRead == 0 && available >= frameLength)
                    {
                        final int bodyOffset = position;
                        position += frameLength;
                        state = STATE_FLAGS;
                        if (!handler.onFrame(deliveredFlags(), src, bodyOffset, frameLength))
                        {
                            return position - offset;
                        }
                        break;
                    }
                    final int chunk = Math.min(frameLength - bodyRead, available);
                    ensureAssemblyCapacity(bodyRead + chunk);
                    assembly.putBytes(bodyRead, src, position, chunk);
                    bodyRead += chunk;
                    position += chunk;
                    if (bodyRead == frameLength)
                    {
                        state = STATE_FLAGS;
                        final boolean proceed = handler.onFrame(deliveredFlags(), assembly, 0, frameLength);
                        if (assembly.capacity() > RETAINED_ASSEMBLY_CAPACITY)
                        {
                            assembly.wrap(new byte[0]);
                        }
                        if (!proceed)
                        {
                            return position - offset;
                        }
                    }
                    break;
                }
                default:
                    return -1;
            }
        }
        return position - offset;
    }

    private long readSize(final DirectBuffer buffer, final int index)
    {
        return sizeLength == SHORT_SIZE_LENGTH ?
            buffer.getByte(index) & 0xFF : buffer.getLong(index, ByteOrder.BIG_ENDIAN);
    }

    private int deliveredFlags()
    {
        return flags & (FLAG_MORE | FLAG_COMMAND);
    }

    /**
     * Grows the reassembly buffer to hold {@code required} bytes: the body bytes that have arrived, never the size
     * the header announced. Doubling keeps the copying amortised linear in the frame's size.
     */
    private void ensureAssemblyCapacity(final int required)
    {
        final int capacity = assembly.capacity();
        if (capacity < required)
        {
            final long doubled = Math.max((long)capacity * 2, MIN_ASSEMBLY_CAPACITY);
            final int newCapacity = (int)Math.min(Math.max(doubled, required), frameLength);
            final byte[] grown = new byte[newCapacity];
            assembly.getBytes(0, grown, 0, bodyRead);
            assembly.wrap(grown);
        }
    }

    /**
     * @return bytes held for reassembly now (for tests and memory accounting).
     */
    public int assemblyCapacity()
    {
        return assembly.capacity();
    }

    private int fail(final WireError error)
    {
        this.error = error;
        state = STATE_FAILED;
        return -1;
    }

    /**
     * @return why the last {@link #decode} returned -1, or {@link WireError#NONE}.
     */
    public WireError error()
    {
        return error;
    }

    /**
     * @return true if no frame is partly decoded: the stream is at a frame boundary.
     */
    public boolean isAtFrameBoundary()
    {
        return state == STATE_FLAGS;
    }

    /**
     * @return the largest frame body this decoder accepts.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * Makes the decoder ready for a new stream; keeps its reassembly buffer.
     */
    public void reset()
    {
        state = STATE_FLAGS;
        error = WireError.NONE;
        bodyRead = 0;
        sizeRead = 0;
    }
}
