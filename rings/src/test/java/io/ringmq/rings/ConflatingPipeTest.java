package io.ringmq.rings;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(30)
class ConflatingPipeTest
{
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    private static void send(final Pipe.End end, final String text)
    {
        assertEquals(Pipe.CLAIMED, end.tryClaim());
        end.append(text.getBytes(), 0, text.length());
        end.publish();
    }

    @Test
    void readerGetsOnlyTheNewestAndWriterNeverWaits()
    {
        final Pipe pipe = new Pipe(1, 1, true);
        for (int i = 0; i < 100; i++)
        {
            assertTrue(pipe.endA().isWritable());
            send(pipe.endA(), "m" + i);
        }
        assertEquals(1, pipe.endB().beginRead());
        pipe.endB().nextFrame(view);
        assertEquals("m99", view.getStringWithoutLengthAscii(0, view.capacity()));
        assertEquals(0, pipe.endB().beginRead(), "older messages were replaced, not queued");
    }

    @Test
    void theNewestMessageTakenByABufferingReaderIsPendingUntilHandedOn()
    {
        final Pipe pipe = new Pipe(1, 1, true);
        final Pipe.End socket = pipe.endA();
        final Pipe.End transport = pipe.endB();
        transport.buffersWhatItReads();
        for (int i = 0; i < 100; i++)
        {
            send(socket, "m" + i);
        }
        assertEquals(1, socket.outboundPending(), "only the newest is kept");
        assertEquals(1, transport.beginRead());
        transport.nextFrame(view);
        transport.release();
        assertEquals(1, socket.outboundPending(), "taken, not yet written");
        send(socket, "newer");
        assertEquals(2, socket.outboundPending(), "one in the slot, one in the reader's buffer");
        transport.handedOn();
        assertEquals(1, socket.outboundPending());
    }

    @Test
    void viewStaysValidWhileWriterKeepsPublishingAndLargeMessagesGrowTheBuffer()
    {
        final Pipe pipe = new Pipe(1, 1, true);
        send(pipe.endA(), "held");
        pipe.endB().beginRead();
        pipe.endB().nextFrame(view);
        for (int i = 0; i < 10; i++)
        {
            send(pipe.endA(), "x".repeat(1000 + i));
        }
        assertEquals("held", view.getStringWithoutLengthAscii(0, view.capacity()));
        assertEquals(1, pipe.endB().beginRead());
        pipe.endB().nextFrame(view);
        assertEquals(1009, view.capacity());
    }

    @Test
    void concurrentWriterAndReaderSeeIncreasingValuesOnly() throws Exception
    {
        final Pipe pipe = new Pipe(1, 1, true);
        final int count = 200_000;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
            for (int i = 0; i < count; i++)
            {
                buffer.putInt(0, i);
                buffer.putInt(4, ~i);
                assertEquals(Pipe.CLAIMED, pipe.endA().tryClaim());
                pipe.endA().append(buffer, 0, 8);
                pipe.endA().publish();
            }
            pipe.endA().close();
        });
        writer.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        writer.start();
        int last = -1;
        while (!pipe.endB().isDrainedAndPeerClosed())
        {
            if (pipe.endB().beginRead() == 0)
            {
                Thread.yield();
                continue;
            }
            pipe.endB().nextFrame(view);
            final int value = view.getInt(0);
            assertEquals(~value, view.getInt(4), "never a torn message");
            assertTrue(value > last, "never an older message after a newer one");
            last = value;
        }
        writer.join();
        assertNull(failure.get());
        assertEquals(count - 1, last, "the newest is always delivered");
    }
}
