package io.ringmq.codecs.pgm;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hostile datagrams are normal input: arbitrary bytes, and captured packets with random bytes changed or cut, never
 * make the packet flyweight or the ZMTP/1.0 decoder throw. And what {@link TsduWriter} writes, cut at any TSDU size
 * and joined at any TSDU, decodes to the messages that began at or after the join.
 */
class PgmRandomInputTest
{
    @Test
    void arbitraryBytesNeverThrow()
    {
        final SplittableRandom random = new SplittableRandom(0x96A1);
        final PgmPacket packet = new PgmPacket();
        final Zmtp10Decoder decoder = new Zmtp10Decoder((flags, buffer, offset, length) -> true, 1 << 16);
        final List<byte[]> seeds = new ArrayList<>(PgmFixtures.load("basic.hex"));
        seeds.addAll(PgmFixtures.load("repair.hex"));
        seeds.addAll(PgmFixtures.load("large-message.hex"));
        for (int i = 0; i < 200_000; i++)
        {
            final byte[] bytes;
            if ((i & 1) == 0)
            {
                bytes = new byte[random.nextInt(80)];
                random.nextBytes(bytes);
            }
            else
            {
                final byte[] seed = seeds.get(random.nextInt(seeds.size()));
                bytes = java.util.Arrays.copyOf(seed, Math.max(0, seed.length - random.nextInt(4)));
                for (int flips = random.nextInt(1, 4); flips > 0 && bytes.length > 0; flips--)
                {
                    bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                }
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            final boolean verify = (i & 2) == 0;
            if (packet.wrap(buffer, 0, bytes.length, verify))
            {
                packet.gsi();
                packet.tsi();
                for (int n = 0; n < packet.nakListCount(); n++)
                {
                    packet.nakListSqn(n);
                }
                if (packet.type() == PgmDescriptor.TYPE_ODATA || packet.type() == PgmDescriptor.TYPE_RDATA)
                {
                    decoder.onTsdu(packet.buffer(), packet.tsduOffset(), packet.tsduLength());
                }
            }
            decoder.onTsdu(buffer, 0, bytes.length);
        }
    }

    @RepeatedTest(100)
    void writerAndDecoderRoundTripFromAnyJoin(final RepetitionInfo repetition)
    {
        final long seed = 0x75D0_0000L + repetition.getCurrentRepetition();
        final SplittableRandom random = new SplittableRandom(seed);
        final int maxTsdu = random.nextInt(3, 1500);
        final List<byte[]> tsdus = new ArrayList<>();
        final TsduWriter writer = new TsduWriter(maxTsdu, (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            tsdus.add(copy);
        });
        final List<String> sent = new ArrayList<>();
        final List<Integer> firstTsduOfMessage = new ArrayList<>();
        final int messages = random.nextInt(1, 60);
        for (int m = 0; m < messages; m++)
        {
            firstTsduOfMessage.add(tsdus.size());
            final int parts = random.nextInt(1, 4);
            final StringBuilder message = new StringBuilder();
            for (int p = 0; p < parts; p++)
            {
                final int size = random.nextInt(10) == 0 ? random.nextInt(300, 9000) : random.nextInt(40);
                final byte[] body = new byte[size];
                random.nextBytes(body);
                final boolean more = p < parts - 1;
                writer.writeFrame(new UnsafeBuffer(body), 0, size, more);
                message.append(java.util.HexFormat.of().formatHex(body)).append(more ? "+" : "|");
            }
            sent.add(message.toString());
            if (random.nextInt(4) == 0)
            {
                writer.flush();
            }
        }
        writer.flush();
        final int join = random.nextInt(tsdus.size());
        final List<String> received = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        final Zmtp10Decoder decoder = new Zmtp10Decoder((flags, buffer, offset, length) ->
        {
            final byte[] body = new byte[length];
            buffer.getBytes(offset, body);
            final boolean more = (flags & Zmtp10Descriptor.FLAG_MORE) != 0;
            current.append(java.util.HexFormat.of().formatHex(body)).append(more ? "+" : "|");
            if (!more)
            {
                received.add(current.toString());
                current.setLength(0);
            }
            return true;
        }, -1);
        for (int t = join; t < tsdus.size(); t++)
        {
            decoder.onTsdu(new UnsafeBuffer(tsdus.get(t)), 0, tsdus.get(t).length);
        }
        int firstWhole = 0;
        while (firstWhole < messages && firstTsduOfMessage.get(firstWhole) < join)
        {
            firstWhole++;
        }
        // a message that began in the joined TSDU itself may be the first one delivered, or the one after
        final List<String> expected = sent.subList(firstWhole, messages);
        final List<String> expectedEarlier = firstWhole > 0 ? sent.subList(firstWhole - 1, messages) : expected;
        if (!received.equals(expected))
        {
            assertEquals(expectedEarlier, received, "seed " + seed + " maxTsdu " + maxTsdu + " join " + join);
        }
        assertEquals(0, decoder.malformedCount(), "seed " + seed);
    }
}
