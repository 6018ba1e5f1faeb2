package io.ringmq.transports.pgm;

import io.ringmq.codecs.pgm.PgmDescriptor;
import io.ringmq.codecs.pgm.Zmtp10Decoder;
import io.ringmq.codecs.pgm.Zmtp10Descriptor;
import io.ringmq.rings.Pipe;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One source (TSI) as a receiver sees it: the receive window (next sequence number to deliver, packets that came
 * early, the ones missing with their NAK timers), the ZMTP/1.0 decoder, and the message being assembled. Missing
 * packets are NAKed after a random back-off of up to 50 ms, again every 200 ms without an NCF or 200 ms after one
 * without the RDATA, up to 50 times (libzmq's settings for OpenPGM); then, or when the source's trail passes them,
 * they are lost: the decoder drops the message in progress and waits for the next message boundary.
 */
final class PgmSource
{
    static final long NAK_BACKOFF_NS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long NAK_REPEAT_NS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long RDATA_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(200);
    static final int NAK_RETRIES = 50;
    /** A jump further than this restarts the window (the gap is taken as lost, not NAKed packet by packet). */
    static final int MAX_GAP = 8192;

    private static final byte[] LOST = new byte[0];

    /** A missing sequence number's NAK state. */
    static final class Missing
    {
        long dueNs;
        int tries;
    }

    final long gsi;
    final int sourcePort;
    int nla;
    long lastHeardNs;
    private boolean started;
    private int next;
    private int highest;
    private final Int2ObjectHashMap<byte[]> held = new Int2ObjectHashMap<>();
    final Int2ObjectHashMap<Missing> missing = new Int2ObjectHashMap<>();
    private final Zmtp10Decoder decoder;
    private final Pipe.End end;
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer(1024);
    private int[] frameEnds = new int[8];
    private int frames;
    private long delivered;
    private long dropped;
    private long lost;

    PgmSource(final long gsi, final int sourcePort, final Pipe.End end, final long maxMessageSize)
    {
        this.gsi = gsi;
        this.sourcePort = sourcePort;
        this.end = end;
        decoder = new Zmtp10Decoder(this::onFrame, maxMessageSize);
    }

    /**
     * An SPM: the source's address, and its lead (packets sent that we may not have seen) and trail.
     */
    void onSpm(final int spmNla, final int trail, final int lead, final long nowNs)
    {
        nla = spmNla;
        if (!started)
        {
            // A late joiner starts after what was already sent: nothing older is NAKed.
            started = true;
            next = lead + 1;
            highest = lead;
            return;
        }
        expect(lead, false, nowNs);
        advanceTrail(trail);
    }

    /**
     * @param buffer null for a packet that arrived but cannot be used (it counts as lost: no NAK, a resync).
     */
    void onData(final int sqn, final int trail, final DirectBuffer buffer, final int offset, final int length,
        final long nowNs)
    {
        if (!started)
        {
            started = true;
            next = sqn;
            highest = sqn - 1;
        }
        if (PgmDescriptor.sqnAfter(next, sqn) || held.containsKey(sqn))
        {
            return;
        }
        if (sqn - next > MAX_GAP)
        {
            restartAt(sqn);
        }
        missing.remove(sqn);
        if (buffer == null)
        {
            held.put(sqn, LOST);
        }
        else if (sqn == next)
        {
            decoder.onTsdu(buffer, offset, length);
            next++;
        }
        else
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            held.put(sqn, copy);
        }
        expect(sqn, true, nowNs);
        advanceTrail(trail);
        drain();
    }

    /**
     * An NCF: the source has the packets and will repair them; wait for the RDATA before asking again.
     */
    void onNcf(final int sqn, final long nowNs)
    {
        final Missing entry = missing.get(sqn);
        if (entry != null)
        {
            entry.dueNs = nowNs + RDATA_WAIT_NS;
        }
    }

    /**
     * Declares a missing packet lost (retries exhausted).
     */
    void lose(final int sqn)
    {
        if (missing.remove(sqn) == null)
        {
            return;
        }
        if (!PgmDescriptor.sqnAfter(next, sqn))
        {
            held.put(sqn, LOST);
        }
        drain();
    }

    /**
     * Everything after the highest sequence number seen up to {@code lead} was sent: what has not arrived is
     * missing. {@code leadArrived} when {@code lead} itself is the packet in hand.
     */
    private void expect(final int lead, final boolean leadArrived, final long nowNs)
    {
        if (!PgmDescriptor.sqnAfter(lead, highest))
        {
            return;
        }
        if (lead - next > MAX_GAP)
        {
            restartAt(leadArrived ? lead : lead + 1);
            return;
        }
        final int last = leadArrived ? lead - 1 : lead;
        for (int s = highest + 1; s - last <= 0; s++)
        {
            if (s - next >= 0 && !held.containsKey(s) && !missing.containsKey(s))
            {
                final Missing entry = new Missing();
                entry.dueNs = nowNs + ThreadLocalRandom.current().nextLong(NAK_BACKOFF_NS);
                missing.put(s, entry);
            }
        }
        highest = lead;
    }

    private void advanceTrail(final int trail)
    {
        if (trail - next > MAX_GAP)
        {
            // A trail far ahead (a long silence, or a forged packet): everything before it is gone at once.
            restartAt(trail);
            return;
        }
        while (PgmDescriptor.sqnAfter(trail, next))
        {
            if (!held.containsKey(next))
            {
                missing.remove(next);
                held.put(next, LOST);
            }
            drainOne();
        }
    }

    private void drain()
    {
        while (held.containsKey(next))
        {
            drainOne();
        }
    }

    private void drainOne()
    {
        final byte[] tsdu = held.remove(next);
        if (tsdu == LOST)
        {
            lost++;
            decoder.reset();
            frames = 0;
        }
        else if (tsdu != null)
        {
            decoder.onTsdu(new org.agrona.concurrent.UnsafeBuffer(tsdu), 0, tsdu.length);
        }
        next++;
    }

    private void restartAt(final int sqn)
    {
        lost += Math.max(0, sqn - next);
        held.clear();
        missing.clear();
        decoder.reset();
        frames = 0;
        next = sqn;
        highest = sqn - 1;
    }

    private boolean onFrame(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean more = (flags & Zmtp10Descriptor.FLAG_MORE) != 0;
        if (frames == 0 && !more)
        {
            if (end.tryClaim() == Pipe.CLAIMED)
            {
                end.append(buffer, offset, length);
                end.publish();
                delivered++;
            }
            else
            {
                dropped++;
            }
            return true;
        }
        final int start = frames == 0 ? 0 : frameEnds[frames - 1];
        message.putBytes(start, buffer, offset, length);
        if (frames == frameEnds.length)
        {
            frameEnds = java.util.Arrays.copyOf(frameEnds, frames * 2);
        }
        frameEnds[frames++] = start + length;
        if (!more)
        {
            if (end.tryClaim() == Pipe.CLAIMED)
            {
                int from = 0;
                for (int i = 0; i < frames; i++)
                {
                    end.append(message, from, frameEnds[i] - from);
                    from = frameEnds[i];
                }
                end.publish();
                delivered++;
            }
            else
            {
                dropped++;
            }
            frames = 0;
        }
        return true;
    }

    long delivered()
    {
        return delivered;
    }

    long dropped()
    {
        return dropped;
    }

    long lost()
    {
        return lost;
    }
}
