package io.ringmq.codecs.pgm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Datagrams captured from libzmq 4.3.4/OpenPGM (transports/PGM-NOTES.md), one hex line each, comments with '#'.
 */
final class PgmFixtures
{
    private PgmFixtures()
    {
    }

    static List<byte[]> load(final String name)
    {
        try (InputStream in = PgmFixtures.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing fixture " + name);
            }
            final List<byte[]> packets = new ArrayList<>();
            for (final String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n"))
            {
                final String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#"))
                {
                    packets.add(HexFormat.of().parseHex(trimmed));
                }
            }
            return packets;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
