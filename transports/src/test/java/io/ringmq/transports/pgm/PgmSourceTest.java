package io.ringmq.transports.pgm;

import io.ringmq.codecs.pgm.TsduWriter;
import io.ringmq.rings.Pipe;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receive window without a network: TSDUs fed out of order, repeated, lost for good, or after a late join.
 */
class PgmSourceTest
{
    private final Pipe pipe = new Pipe(0, 0);
    private final PgmSource source = new PgmSource(0x1234L, 4000, pipe.endA(), -1);
    private final List<byte[]> tsdus = new ArrayList<>();

    private void write(final int messages, final int size)
    {
        final TsduWriter writer = new TsduWriter(100, (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            tsdus.add(copy);
        });
        for (int i = 0; i < messages; i++)
        {
            final byte[] head = String.format("%04d", i).getBytes(StandardCharsets.US_ASCII);
            final byte[] body = new byte[Math.max(size, head.length)];
            System.arraycopy(head, 0, body, 0, head.length);
            writer.writeFrame(new UnsafeBuffer(head), 0, head.length, true);
            writer.writeFrame(new UnsafeBuffer(body), 0, body.length, false);
        }
        writer.flush();
    }

    private void feed(final int sqn, final int trail)
    {
        final byte[] tsdu = tsdus.get(sqn);
        source.onData(sqn, trail, new UnsafeBuffer(tsdu), 0, tsdu.length, 0);
    }

    private List<Integer> received()
    {
        final List<Integer> indices = new ArrayList<>();
        final Pipe.End end = pipe.endB();
        final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
        while (end.hasMessage())
        {
            assertEquals(2, end.beginRead());
            end.nextFrame(frame);
            final byte[] head = new byte[frame.capacity()];
            frame.getBytes(0, head);
            indices.add(Integer.parseInt(new String(head, StandardCharsets.US_ASCII)));
            end.skipRest();
            end.release();
        }
        return indices;
    }

    private static List<Integer> range(final int from, final int to)
    {
        final List<Integer> list = new ArrayList<>();
        for (int i = from; i < to; i++)
        {
            list.add(i);
        }
        return list;
    }

    @Test
    void outOfOrderAndRepeatedPacketsDeliverOnceInOrder()
    {
        write(40, 30);
        final List<Integer> order = range(0, tsdus.size());
        Collections.shuffle(order, new java.util.Random(7));
        order.remove(Integer.valueOf(0));
        order.add(0, 0);
        for (final int sqn : order)
        {
            feed(sqn, 0);
            if (sqn % 3 == 0)
            {
                feed(sqn, 0);
            }
        }
        assertEquals(range(0, 40), received());
        assertTrue(source.missing.isEmpty());
    }

    @Test
    void gapsAreMissingUntilRepaired()
    {
        write(20, 30);
        feed(0, 0);
        feed(3, 0);
        assertEquals(2, source.missing.size(), "1 and 2 are missing");
        feed(2, 0);
        feed(1, 0);
        assertTrue(source.missing.isEmpty());
        for (int sqn = 4; sqn < tsdus.size(); sqn++)
        {
            feed(sqn, 0);
        }
        assertEquals(range(0, 20), received());
    }

    @Test
    void aLostPacketCostsTheMessagesItCarriedAndNothingAfterTheNextBoundary()
    {
        write(30, 150);
        final int lost = 5;
        for (int sqn = 0; sqn < tsdus.size(); sqn++)
        {
            if (sqn != lost)
            {
                feed(sqn, 0);
            }
        }
        source.lose(lost);
        final List<Integer> got = received();
        assertTrue(got.size() < 30 && got.size() >= 27, got.toString());
        for (int i = 1; i < got.size(); i++)
        {
            assertTrue(got.get(i) > got.get(i - 1), got.toString());
        }
        assertEquals(29, got.get(got.size() - 1));
        assertEquals(1, source.lost());
    }

    @Test
    void aTrailPassingAGapGivesItUp()
    {
        write(10, 30);
        feed(0, 0);
        feed(2, 0);
        assertEquals(1, source.missing.size());
        feed(3, 2);
        assertTrue(source.missing.isEmpty(), "the source no longer holds sqn 1");
        assertEquals(1, source.lost());
    }

    @Test
    void lateJoinerAfterAnSpmStartsAtItsLeadAndTheNextBoundary()
    {
        write(30, 150);
        source.onSpm(0x0AFB0001, 0, 9, 0);
        for (int sqn = 10; sqn < tsdus.size(); sqn++)
        {
            feed(sqn, 0);
        }
        final List<Integer> got = received();
        assertTrue(!got.isEmpty() && got.get(0) > 0, got.toString());
        assertEquals(range(got.get(0), 30), got);
        assertTrue(source.missing.isEmpty(), "nothing before the lead is asked for");
    }

    @Test
    void anUnusablePacketIsNotNakedAndTheStreamResynchronises()
    {
        write(30, 150);
        for (int sqn = 0; sqn < tsdus.size(); sqn++)
        {
            if (sqn == 4)
            {
                source.onData(sqn, 0, null, 0, 0, 0);
            }
            else
            {
                feed(sqn, 0);
            }
        }
        assertTrue(source.missing.isEmpty());
        final List<Integer> got = received();
        assertEquals(29, got.get(got.size() - 1));
        assertEquals(1, source.lost());
    }

    @Test
    void spmLeadRevealsTailLoss()
    {
        write(10, 30);
        feed(0, 0);
        source.onSpm(0x0AFB0001, 0, 3, 0);
        assertEquals(3, source.missing.size());
    }

    @Test
    void forgedSequenceNumbersCostBoundedTimeAndMemory()
    {
        write(5, 30);
        final SplittableRandom random = new SplittableRandom(5);
        final long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++)
        {
            final int sqn = random.nextInt();
            final int trail = random.nextBoolean() ? random.nextInt() : sqn - random.nextInt(100);
            final byte[] tsdu = tsdus.get(random.nextInt(tsdus.size()));
            switch (random.nextInt(4))
            {
                case 0:
                    source.onSpm(0x0AFB0001, trail, sqn, i);
                    break;
                case 1:
                    source.onNcf(sqn, i);
                    break;
                case 2:
                    source.lose(sqn);
                    break;
                default:
                    source.onData(sqn, trail, new UnsafeBuffer(tsdu), 0, tsdu.length, i);
                    break;
            }
            assertTrue(source.missing.size() <= PgmSource.MAX_GAP + 1, "missing " + source.missing.size());
        }
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "bounded work per packet");
        received();
    }

    @Test
    void randomLossAndRepairDeliversEverything()
    {
        final SplittableRandom random = new SplittableRandom(11);
        write(200, 120);
        final List<Integer> pending = new ArrayList<>();
        feed(0, 0);
        for (int sqn = 1; sqn < tsdus.size(); sqn++)
        {
            if (random.nextInt(10) == 0)
            {
                pending.add(sqn);
            }
            else
            {
                feed(sqn, 0);
            }
        }
        assertEquals(pending.size(), source.missing.size());
        Collections.reverse(pending);
        for (final int sqn : pending)
        {
            feed(sqn, 0);
        }
        assertEquals(range(0, 200), received());
    }
}
