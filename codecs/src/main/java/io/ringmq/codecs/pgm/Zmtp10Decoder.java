package io.ringmq.codecs.pgm;

import io.ringmq.codecs.FrameHandler;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static io.ringmq.codecs.pgm.Zmtp10Descriptor.*;

/**
 * The receiving side of libzmq's framing over PGM for one source: feed it each TSDU in sequence order
 * ({@link #onTsdu}) and it hands complete frames to a {@link FrameHandler} (flags: MORE 0x01 only). It starts
 * unsynchronised, skips TSDUs whose offset header is 0xFFFF and starts decoding at the first message boundary
 * announced; after a gap the caller calls {@link #reset} and it waits for the next boundary again. A frame may span
 * TSDUs: its body is gathered in a buffer that grows with the bytes that arrived, never to the size a header
 * announces, and never beyond {@code maxMessageSize}. A malformed stream (zero length, a size beyond the limit, an
 * offset beyond the TSDU) makes the decoder drop what it holds and resynchronise; nothing here throws on input.
 * Multicast has no back-pressure towards the source: the handler's return value is not consulted (a receiver at
 * its high-water mark drops, as libzmq's does).
 */
public final class Zmtp10Decoder
{
    private final FrameHandler handler;
    private final long maxFrameLength;
    private final ExpandableArrayBuffer partial = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[LONG_HEADER_LENGTH]);
    private boolean synced;
    private int headerHave;
    private long bodyLength;
    private int bodyHave;
    private int flags;
    private boolean inBody;
    private boolean messageOpen;
    private long malformed;

    /**
     * @param maxMessageSize libzmq's MAXMSGSIZE for one frame, -1 for none (bounded by what a buffer can hold).
     */
    public Zmtp10Decoder(final FrameHandler handler, final long maxMessageSize)
    {
        this.handler = handler;
        this.maxFrameLength = maxMessageSize < 0 ? Integer.MAX_VALUE - 16 : Math.min(maxMessageSize,
            Integer.MAX_VALUE - 16);
    }

    /**
     * Forgets any partly decoded frame and waits for the next message boundary (after loss).
     */
    public void reset()
    {
        synced = false;
        headerHave = 0;
        inBody = false;
        bodyHave = 0;
        messageOpen = false;
    }

    /**
     * @return true while a multipart message has delivered some frames but not its last.
     */
    public boolean inMessage()
    {
        return messageOpen;
    }

    /**
     * @return how many times the stream was found malformed and resynchronised.
     */
    public long malformedCount()
    {
        return malformed;
    }

    public boolean isSynced()
    {
        return synced;
    }

    /**
     * Decodes one TSDU, offset header included.
     */
    public void onTsdu(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < TSDU_OFFSET_LENGTH)
        {
            return;
        }
        final int start = buffer.getShort(offset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        final int dataOffset = offset + TSDU_OFFSET_LENGTH;
        final int dataLength = length - TSDU_OFFSET_LENGTH;
        if (!synced)
        {
            if (start == NO_MESSAGE_START || start > dataLength)
            {
                return;
            }
            synced = true;
            decode(buffer, dataOffset + start, dataLength - start);
            return;
        }
        if (start != NO_MESSAGE_START && start > dataLength)
        {
            malformed();
            return;
        }
        decode(buffer, dataOffset, dataLength);
    }

    private void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        int at = offset;
        final int end = offset + length;
        while (at < end && synced)
        {
            if (!inBody)
            {
                at = readHeader(buffer, at, end);
                continue;
            }
            final long want = bodyLength - bodyHave;
            final int available = end - at;
            if (bodyHave == 0 && available >= want)
            {
                deliver(buffer, at, (int)want);
                at += (int)want;
                continue;
            }
            final int take = (int)Math.min(want, available);
            partial.putBytes(bodyHave, buffer, at, take);
            bodyHave += take;
            at += take;
            if (bodyHave == bodyLength)
            {
                deliver(partial, 0, bodyHave);
            }
        }
    }

    private int readHeader(final DirectBuffer buffer, final int start, final int end)
    {
        int at = start;
        while (at < end)
        {
            header.putByte(headerHave++, buffer.getByte(at++));
            final int first = header.getByte(0) & 0xFF;
            final int need = first == LONG_MARKER ? LONG_HEADER_LENGTH : SHORT_HEADER_LENGTH;
            if (headerHave < need)
            {
                continue;
            }
            final long size = first == LONG_MARKER ?
                header.getLong(LONG_SIZE_OFFSET, ByteOrder.BIG_ENDIAN) : first;
            flags = header.getByte(need - 1) & FLAG_MORE;
            headerHave = 0;
            if (size < 1 || size - 1 > maxFrameLength)
            {
                malformed();
                return end;
            }
            bodyLength = size - 1;
            bodyHave = 0;
            inBody = true;
            if (bodyLength == 0)
            {
                deliver(buffer, at, 0);
            }
            return at;
        }
        return at;
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        inBody = false;
        bodyHave = 0;
        messageOpen = (flags & FLAG_MORE) != 0;
        handler.onFrame(flags, buffer, offset, length);
    }

    private void malformed()
    {
        malformed++;
        reset();
    }
}
