package io.ringmq.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The numbered messages of the fault-injection tests, as {@code test-peers/fault_peer.py} makes them: one text
 * line {@code SEQ:PAYLOAD:CRC}, ten digits, a payload that depends on the number (16 to 255 letters, 20,000 for
 * every 250th, so that some messages span many packets), and the CRC-32 of {@code SEQ:PAYLOAD} in hex. Whichever
 * side received them, the lines are checked here.
 */
final class Checksummed
{
    private Checksummed()
    {
    }

    static String body(final long seq)
    {
        final int size = seq % 250 == 249 ? 20_000 : 16 + (int)((seq * 37) % 240);
        final StringBuilder head = new StringBuilder(size + 11).append(String.format("%010d:", seq));
        for (int i = 0; i < size; i++)
        {
            head.append((char)('a' + (seq * 7 + i * 13L) % 26));
        }
        final CRC32 crc = new CRC32();
        crc.update(head.toString().getBytes(StandardCharsets.US_ASCII));
        return head.append(String.format(":%08x", crc.getValue())).toString();
    }

    static String lines(final long first, final long end)
    {
        final StringBuilder lines = new StringBuilder();
        for (long seq = first; seq < end; seq++)
        {
            lines.append(body(seq)).append('\n');
        }
        return lines.toString();
    }

    /**
     * @return the sequence number of a line that is a whole, intact message; fails on anything else.
     */
    static long seq(final String line)
    {
        final int lastColon = line.lastIndexOf(':');
        if (line.length() < 20 || line.charAt(10) != ':' || lastColon != line.length() - 9)
        {
            fail("not a numbered message: " + abbreviated(line));
        }
        final CRC32 crc = new CRC32();
        crc.update(line.substring(0, lastColon).getBytes(StandardCharsets.US_ASCII));
        if (!String.format("%08x", crc.getValue()).equals(line.substring(lastColon + 1)))
        {
            fail("checksum does not match, body damaged: " + abbreviated(line));
        }
        final long seq = Long.parseLong(line.substring(0, 10));
        assertEquals(body(seq), line, "message " + seq + " is not the one sent");
        return seq;
    }

    /**
     * @return the sequence numbers of a peer's message lines (fault_peer.py's "ready" and "done" lines left out;
     * an "error" line fails).
     */
    static List<Long> seqs(final List<String> lines)
    {
        final List<Long> seqs = new ArrayList<>();
        for (final String line : lines)
        {
            if (line.startsWith("ready") || line.startsWith("done"))
            {
                continue;
            }
            assertTrue(!line.startsWith("error"), line);
            seqs.add(seq(line));
        }
        return seqs;
    }

    /**
     * As {@link #seqs} for the output of a process killed with SIGKILL: its last line may have been cut short in the
     * middle of the write, and a cut line is the kill's, not a corrupt message; every other line must be whole.
     */
    static List<Long> seqsOfKilled(final List<String> lines)
    {
        if (!lines.isEmpty())
        {
            try
            {
                seq(lines.get(lines.size() - 1));
            }
            catch (final AssertionError cutByTheKill)
            {
                return seqs(lines.subList(0, lines.size() - 1));
            }
        }
        return seqs(lines);
    }

    /** Every message of 0 .. count-1 exactly once, in order. */
    static void assertExactlyOnceInOrder(final List<Long> seqs, final int count)
    {
        for (int i = 0; i < Math.min(count, seqs.size()); i++)
        {
            if (seqs.get(i) != i)
            {
                fail("message " + i + " of " + count + " is " + seqs.get(i) +
                    (seqs.subList(0, i).contains(seqs.get(i)) ? " (a duplicate)" : " (out of order or lost)"));
            }
        }
        assertEquals(count, seqs.size(), "every message, exactly once");
    }

    /**
     * Across a kill, run by run (the lines of each process that received, in the order they ran): within a run
     * the numbers follow each other; from one run to the next they only increase; the last run ends at
     * {@code last}. A gap is allowed only between two runs, where the kill was.
     *
     * @return the messages lost at each kill
     */
    static List<Long> assertIncreasingWithGapsOnlyAtKills(final List<List<Long>> runs, final long first,
        final long last)
    {
        final List<Long> gaps = new ArrayList<>();
        long previous = first - 1;
        for (int r = 0; r < runs.size(); r++)
        {
            final List<Long> run = runs.get(r);
            for (int i = 0; i < run.size(); i++)
            {
                final long seq = run.get(i);
                if (seq <= previous)
                {
                    fail("run " + r + ": " + seq + " after " + previous +
                        (seq == previous ? " (a duplicate)" : " (went back)"));
                }
                if (seq != previous + 1 && (i > 0 || r == 0))
                {
                    fail("run " + r + ": " + (seq - previous - 1) + " messages lost after " + previous +
                        " with no kill there");
                }
                if (i == 0 && r > 0)
                {
                    gaps.add(seq - previous - 1);
                }
                previous = seq;
            }
        }
        assertEquals(last, previous, "the last message arrived");
        return gaps;
    }

    private static String abbreviated(final String line)
    {
        return line.length() > 80 ? line.substring(0, 80) + "... (" + line.length() + " chars)" : line;
    }
}
