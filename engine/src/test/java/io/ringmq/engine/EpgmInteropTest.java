package io.ringmq.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ringmq.engine.EpgmNetwork.A;
import static io.ringmq.engine.EpgmNetwork.B;
import static io.ringmq.engine.EpgmNetwork.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * epgm against libzmq 4.3.4/OpenPGM, each peer a process in its own network namespace (sender in A, receiver in
 * B, joined by a veth pair): 10,000 messages (one in ten multipart, one in a hundred 8 KiB, which spans six TSDUs)
 * arrive once and in order; a receiver that joins late starts at a message boundary and then misses nothing; with
 * 5% of the UDP datagrams each namespace receives dropped by nftables, NAK → NCF → RDATA repairs every loss. RATE
 * is set on both sides (100 Mbit/s, so a run takes seconds; 2 Mbit/s for the late joiner, to stretch the stream).
 * Needs root: without it the tests fail saying so.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class EpgmInteropTest
{
    private static final String COUNT = "10000";
    private static final String FAST = "100000";
    private static final Pattern RESULT = Pattern.compile("received (\\d+) first (-?\\d+) last (-?\\d+) bad (\\d+)");

    /** [received, first, last, bad] from the receiver's report. */
    private static long[] run(
        final int drop, final boolean ringmqSends, final boolean ringmqReceives, final String rate,
        final String joinDelay) throws Exception
    {
        try (EpgmNetwork network = EpgmNetwork.open(drop))
        {
            final String[] receiverArgs = {"sub", endpoint(B), rate, COUNT, "20"};
            final StringBuilder transcript = new StringBuilder();
            final String[] senderArgs = {"pub", endpoint(A), rate, COUNT, "1.0"};
            Process receiver = null;
            if (joinDelay == null)
            {
                receiver = start(network, false, ringmqReceives, receiverArgs);
                assertNotNull(EpgmNetwork.awaitLine(receiver, "joined", transcript), transcript.toString());
            }
            final Process sender = start(network, true, ringmqSends, senderArgs);
            if (joinDelay != null)
            {
                Thread.sleep((long)(Double.parseDouble(joinDelay) * 1000));
                receiver = start(network, false, ringmqReceives, receiverArgs);
            }
            final String line = EpgmNetwork.awaitLine(receiver, "received", transcript);
            sender.destroy();
            assertNotNull(line, "receiver's output: " + transcript + "\nsender's: " + output(sender));
            final Matcher matcher = RESULT.matcher(line);
            assertTrue(matcher.matches(), line);
            if (drop > 0)
            {
                assertTrue(network.dropped() > 0, "the namespaces' rules dropped datagrams");
            }
            return new long[]{Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3)), Long.parseLong(matcher.group(4))};
        }
    }

    private static Process start(
        final EpgmNetwork network, final boolean inA, final boolean ringmq, final String[] args) throws IOException
    {
        return ringmq ? network.ringmq(inA, args) : network.libzmq(inA, args);
    }

    private static String output(final Process process)
    {
        try
        {
            process.waitFor(5, TimeUnit.SECONDS);
            return new String(process.getInputStream().readAllBytes());
        }
        catch (final IOException | InterruptedException ex)
        {
            return ex.toString();
        }
    }

    private static void assertEverything(final long[] result)
    {
        assertEquals(10_000, result[0], "received");
        assertEquals(0, result[1], "first");
        assertEquals(9_999, result[2], "last");
        assertEquals(0, result[3], "out of order, repeated or malformed");
    }

    @Test
    void ringmqPublisherToLibzmqSubscriber() throws Exception
    {
        assertEverything(run(0, true, false, FAST, null));
    }

    @Test
    void libzmqPublisherToRingmqSubscriber() throws Exception
    {
        assertEverything(run(0, false, true, FAST, null));
    }

    @Test
    void lossIsRepairedFromRingmqToLibzmq() throws Exception
    {
        assertEverything(run(5, true, false, FAST, null));
    }

    @Test
    void lossIsRepairedFromLibzmqToRingmq() throws Exception
    {
        assertEverything(run(5, false, true, FAST, null));
    }

    @Test
    void lossIsRepairedFromRingmqToRingmq() throws Exception
    {
        assertEverything(run(5, true, true, FAST, null));
    }

    @Test
    void ringmqSubscriberJoiningLateStartsAtAMessageBoundary() throws Exception
    {
        final long[] result = run(0, false, true, "2000", "2.0");
        assertTrue(result[1] > 0, "joined late: first message " + result[1]);
        assertEquals(9_999, result[2], "last");
        assertEquals(10_000 - result[1], result[0], "everything after the first");
        assertEquals(0, result[3], "out of order, repeated or malformed");
    }

    @Test
    void libzmqSubscriberJoiningLateToRingmq() throws Exception
    {
        final long[] result = run(0, true, false, "2000", "2.0");
        assertTrue(result[1] > 0, "joined late: first message " + result[1]);
        assertEquals(9_999, result[2], "last");
        assertEquals(10_000 - result[1], result[0], "everything after the first");
        assertEquals(0, result[3], "out of order, repeated or malformed");
    }
}
