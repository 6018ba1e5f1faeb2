package io.ringmq.rings;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(10)
class PipeTest
{
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    private static void send(final Pipe.End end, final String... frames)
    {
        assertEquals(Pipe.CLAIMED, end.tryClaim());
        for (final String frame : frames)
        {
            final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
            end.append(bytes, 0, bytes.length);
        }
        end.publish();
    }

    private String[] read(final Pipe.End end)
    {
        final int count = end.beginRead();
        final String[] frames = new String[count];
        for (int i = 0; i < count; i++)
        {
            final int left = end.nextFrame(view);
            assertEquals(count - i - 1, left);
            frames[i] = view.getStringWithoutLengthAscii(0, view.capacity());
        }
        return frames;
    }

    @Test
    void messagesArriveInOrderInBothDirections()
    {
        final Pipe pipe = new Pipe(100, 100);
        for (int i = 0; i < 50; i++)
        {
            send(pipe.endA(), "a" + i);
            send(pipe.endB(), "b" + i);
        }
        for (int i = 0; i < 50; i++)
        {
            assertArrayEquals(new String[]{"a" + i}, read(pipe.endB()));
            assertArrayEquals(new String[]{"b" + i}, read(pipe.endA()));
        }
        assertEquals(0, pipe.endB().beginRead());
        assertEquals(0, pipe.endA().beginRead());
    }

    @Test
    void aReaderThatBuffersWhatItTakesKeepsItPendingUntilItHandsItOn()
    {
        final Pipe pipe = new Pipe(1000, 1000);
        final Pipe.End socket = pipe.endB();
        final Pipe.End transport = pipe.endA();
        transport.buffersWhatItReads();
        for (int i = 0; i < 300; i++)
        {
            send(socket, "m" + i);
        }
        for (int i = 0; i < 300; i++)
        {
            assertArrayEquals(new String[]{"m" + i}, read(transport));
        }
        assertEquals(0, transport.beginRead(), "the ring is empty: every message was taken and the count published");
        assertEquals(300, socket.outboundPending(), "taken into the reader's buffer is not delivered");

        transport.handedOn();
        assertEquals(0, socket.outboundPending());

        send(socket, "late");
        assertEquals(1, socket.outboundPending());
        assertArrayEquals(new String[]{"late"}, read(transport));
        transport.release();
        assertEquals(1, socket.outboundPending(), "a release hands the slot back, not the bytes on");
        transport.handedOn();
        assertEquals(0, socket.outboundPending());
    }

    @Test
    void aReaderThatDoesNotBufferDeliversByTakingAsBefore()
    {
        final Pipe pipe = new Pipe(1000, 1000);
        for (int i = 0; i < 300; i++)
        {
            send(pipe.endB(), "m" + i);
        }
        for (int i = 0; i < 300; i++)
        {
            read(pipe.endA());
        }
        assertEquals(0, pipe.endA().beginRead());
        assertEquals(0, pipe.endB().outboundPending(), "an inproc peer's taking is its delivery");
    }

    @Test
    void ringsAreAllocatedOnFirstMessageOnly()
    {
        final Pipe pipe = new Pipe(1000, 1000);
        assertFalse(pipe.endA().isOutboundAllocated());
        assertFalse(pipe.endB().isOutboundAllocated());
        assertFalse(pipe.endB().hasMessage());
        assertEquals(0, pipe.endB().beginRead());

        send(pipe.endA(), "x");
        assertTrue(pipe.endA().isOutboundAllocated());
        assertFalse(pipe.endB().isOutboundAllocated(), "the other direction stays unallocated");
        assertEquals(32, pipe.endA().outboundCapacity(), "a small first ring, whatever the mark");
    }

    @Test
    void ringsGrowUpToTheMarkAndTheReaderFollowsInOrder()
    {
        final Pipe pipe = new Pipe(1000, 1000);
        for (int i = 0; i < 1000; i++)
        {
            send(pipe.endA(), "m" + i, "second");
        }
        assertEquals(Pipe.FULL, pipe.endA().tryClaim(), "the mark is exact however the rings grew");
        assertEquals(1024, pipe.endA().outboundCapacity(), "grown by doubling: 32, 64, ... 1024");
        for (int i = 0; i < 1000; i++)
        {
            assertArrayEquals(new String[]{"m" + i, "second"}, read(pipe.endB()));
            // Room comes back in batches (a quarter of the mark, at most 64 messages, or when the ring is found
            // empty), as libzmq's reader returns it at its low-water mark: after 100 reads there is room.
            if (i % 100 == 99)
            {
                send(pipe.endA(), "late" + i);
            }
        }
        for (int i = 99; i < 1000; i += 100)
        {
            assertArrayEquals(new String[]{"late" + i}, read(pipe.endB()));
        }
        assertFalse(pipe.endB().hasMessage());
        assertEquals(0, pipe.endB().beginRead());
    }

    @Test
    void markCanBeRaisedAfterTheFirstMessage()
    {
        final Pipe pipe = new Pipe(2, 2);
        send(pipe.endA(), "a");
        send(pipe.endA(), "b");
        assertEquals(Pipe.FULL, pipe.endA().tryClaim());
        pipe.endA().outboundHwm(100); // inproc boosts the mark when the bind happens after the connect
        for (int i = 0; i < 98; i++)
        {
            send(pipe.endA(), "c" + i);
        }
        assertEquals(Pipe.FULL, pipe.endA().tryClaim());
        assertEquals("a", read(pipe.endB())[0]);
        assertEquals("b", read(pipe.endB())[0]);
        for (int i = 0; i < 98; i++)
        {
            assertEquals("c" + i, read(pipe.endB())[0]);
        }
    }

    @Test
    void multipartIsInvisibleUntilPublishedThenWhole()
    {
        final Pipe pipe = new Pipe(10, 10);
        final Pipe.End a = pipe.endA();
        assertEquals(Pipe.CLAIMED, a.tryClaim());
        a.append("one".getBytes(), 0, 3);
        a.append("two".getBytes(), 0, 3);
        assertFalse(pipe.endB().hasMessage(), "nothing visible before publish");
        assertEquals(0, pipe.endB().beginRead());
        a.append("three".getBytes(), 0, 5);
        a.publish();
        assertTrue(pipe.endB().hasMessage());
        assertArrayEquals(new String[]{"one", "two", "three"}, read(pipe.endB()));
    }

    @Test
    void abandonedMessageIsNeverSeenAndDoesNotCountAgainstHwm()
    {
        final Pipe pipe = new Pipe(1, 1);
        final Pipe.End a = pipe.endA();
        assertEquals(Pipe.CLAIMED, a.tryClaim());
        a.append("partial".getBytes(), 0, 7);
        a.abandon();
        assertEquals(0, pipe.endB().beginRead());
        send(a, "whole");
        assertArrayEquals(new String[]{"whole"}, read(pipe.endB()));
    }

    @Test
    void hwmIsExactInMessagesNotFramesOrSlots()
    {
        final int hwm = 5; // ring is 8 slots, the counter stops at exactly 5
        final Pipe pipe = new Pipe(hwm, hwm);
        for (int i = 0; i < hwm; i++)
        {
            assertTrue(pipe.endA().isWritable());
            send(pipe.endA(), "m" + i, "second frame", "third frame");
        }
        assertFalse(pipe.endA().isWritable());
        assertEquals(Pipe.FULL, pipe.endA().tryClaim());

        assertArrayEquals(new String[]{"m0", "second frame", "third frame"}, read(pipe.endB()));
        assertEquals(Pipe.CLAIMED, pipe.endA().tryClaim(), "one read frees exactly one message");
        pipe.endA().append("m5".getBytes(), 0, 2);
        pipe.endA().publish();
        assertEquals(Pipe.FULL, pipe.endA().tryClaim());

        for (int i = 1; i <= hwm; i++)
        {
            assertEquals("m" + i, read(pipe.endB())[0]);
        }
        // The reader still holds the last slot (views stay valid) yet the full mark is available again.
        for (int i = 0; i < hwm; i++)
        {
            send(pipe.endA(), "n" + i);
        }
        assertEquals(Pipe.FULL, pipe.endA().tryClaim());
    }

    @Test
    void hwmZeroMeansDocumentedMaximum()
    {
        final Pipe pipe = new Pipe(0, 0);
        assertEquals(Pipe.MAX_HWM, pipe.endA().outboundHwm());
        assertEquals(2000, Pipe.inprocHwm(1000, 1000));
        assertEquals(0, Pipe.inprocHwm(0, 1000));
    }

    @Test
    void largeMessagesOverflowIntoPooledBuffersAndAreRecycled()
    {
        final Pipe pipe = new Pipe(4, 4);
        final byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++)
        {
            big[i] = (byte)i;
        }
        for (int round = 0; round < 10; round++)
        {
            assertEquals(Pipe.CLAIMED, pipe.endA().tryClaim());
            pipe.endA().append("hdr".getBytes(), 0, 3);
            pipe.endA().append(big, 0, big.length);
            pipe.endA().publish();

            assertEquals(2, pipe.endB().beginRead());
            pipe.endB().nextFrame(view);
            assertEquals("hdr", view.getStringWithoutLengthAscii(0, 3));
            pipe.endB().nextFrame(view);
            final byte[] copy = new byte[view.capacity()];
            view.getBytes(0, copy);
            assertArrayEquals(big, copy);
        }
        pipe.endB().release();
        // The reader holds one buffer while the writer fills the next, so two buffers alternate for all ten messages.
        assertEquals(2, ((MessageRingProbe)() -> pipe).pooled());
    }

    /** Reaches into the ring for the pool count without widening the public API. */
    @FunctionalInterface
    interface MessageRingProbe
    {
        Pipe pipe();

        default int pooled()
        {
            try
            {
                final java.lang.reflect.Field field = Pipe.class.getDeclaredField("aToB");
                field.setAccessible(true);
                return ((MessageRing)field.get(pipe())).pooledBuffers();
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new AssertionError(ex);
            }
        }
    }

    @Test
    void readerSeesPublishedMessagesAfterWriterClosesThenClosed()
    {
        final Pipe pipe = new Pipe(10, 10);
        send(pipe.endA(), "last words");
        pipe.endA().close();
        assertFalse(pipe.endB().isDrainedAndPeerClosed());
        assertArrayEquals(new String[]{"last words"}, read(pipe.endB()));
        assertTrue(pipe.endB().isDrainedAndPeerClosed());
        assertTrue(pipe.endB().isPeerClosed(), "A no longer reads either");
        assertEquals(Pipe.CLOSED, pipe.endB().tryClaim());
    }

    @Test
    void slotCarriesWriterMetadata()
    {
        final Pipe pipe = new Pipe(10, 10);
        final Object peerAddress = "tcp://10.0.0.1:5555";
        pipe.endA().metadata(peerAddress);
        send(pipe.endA(), "x");
        pipe.endB().beginRead();
        assertSame(peerAddress, pipe.endB().readMetadata());
    }

    @Test
    void viewsStayValidUntilNextRead()
    {
        final Pipe pipe = new Pipe(1, 1);
        send(pipe.endA(), "first");
        assertArrayEquals(new String[]{"first"}, read(pipe.endB()));
        send(pipe.endA(), "second"); // must not overwrite the slot the reader still holds
        assertEquals("first", view.getStringWithoutLengthAscii(0, view.capacity()));
        assertEquals(Arrays.asList("second"), Arrays.asList(read(pipe.endB())));
    }
}
