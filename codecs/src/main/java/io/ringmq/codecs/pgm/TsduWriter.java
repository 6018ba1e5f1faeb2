package io.ringmq.codecs.pgm;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static io.ringmq.codecs.pgm.Zmtp10Descriptor.*;

/**
 * The sending side of libzmq's framing over PGM: frames are written as one ZMTP/1.0 byte stream cut into TSDUs of
 * at most {@code maxTsdu} bytes, each starting with the offset of the first message that begins in it (0xFFFF when
 * none does), as libzmq's pgm sender does. A large message therefore spans several TSDUs, each its own APDU, and no
 * OPT_FRAGMENT is needed. A TSDU is handed to the {@link Sink} when it is full or on {@link #flush}.
 */
public final class TsduWriter
{
    /**
     * Receives each finished TSDU; the bytes are valid only during the call.
     */
    @FunctionalInterface
    public interface Sink
    {
        void onTsdu(DirectBuffer buffer, int offset, int length);
    }

    private final Sink sink;
    private final int maxTsdu;
    private final UnsafeBuffer tsdu;
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[LONG_HEADER_LENGTH]);
    private int position = TSDU_OFFSET_LENGTH;
    private int messageStart = NO_MESSAGE_START;
    private boolean firstFrame = true;

    public TsduWriter(final int maxTsdu, final Sink sink)
    {
        if (maxTsdu < TSDU_OFFSET_LENGTH + 1)
        {
            throw new IllegalArgumentException("maxTsdu " + maxTsdu + " too small");
        }
        this.maxTsdu = maxTsdu;
        this.sink = sink;
        this.tsdu = new UnsafeBuffer(new byte[maxTsdu]);
    }

    /**
     * Appends one frame; the first frame after a frame without MORE begins a message.
     */
    public void writeFrame(final DirectBuffer body, final int offset, final int length, final boolean more)
    {
        if (firstFrame && messageStart == NO_MESSAGE_START)
        {
            messageStart = position - TSDU_OFFSET_LENGTH;
        }
        firstFrame = !more;
        final int headerLength = Zmtp10Descriptor.encodeHeader(header, 0, length, more);
        append(header, 0, headerLength);
        append(body, offset, length);
    }

    /**
     * Hands over the TSDU in progress, if it holds any bytes.
     */
    public void flush()
    {
        if (position > TSDU_OFFSET_LENGTH)
        {
            emit();
        }
    }

    /**
     * @return true when a message has begun and its last frame is not written yet.
     */
    public boolean inMessage()
    {
        return !firstFrame;
    }

    private void append(final DirectBuffer source, final int offset, final int length)
    {
        int done = 0;
        while (done < length)
        {
            final int take = Math.min(length - done, maxTsdu - position);
            tsdu.putBytes(position, source, offset + done, take);
            position += take;
            done += take;
            if (position == maxTsdu)
            {
                emit();
            }
        }
    }

    private void emit()
    {
        final MutableDirectBuffer buffer = tsdu;
        buffer.putShort(0, (short)messageStart, ByteOrder.BIG_ENDIAN);
        sink.onTsdu(buffer, 0, position);
        position = TSDU_OFFSET_LENGTH;
        messageStart = NO_MESSAGE_START;
    }
}
