package io.ringmq.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Tells when the binding side listens, without connecting to it. A probe connection would be taken by the raw
 * floor's server as its one peer, and would show up in a zmq socket's monitor; reading the kernel's socket table
 * disturbs nobody. The connecting side is started only then, so neither a slow JVM start nor the connect retry
 * interval lands inside remote_lat's clock (which, as libzmq's, starts before the first send).
 */
final class ListenProbe
{
    private static final String TCP_LISTEN = "0A";
    private static final List<Path> TABLES = List.of(Paths.get("/proc/net/tcp"), Paths.get("/proc/net/tcp6"));

    private ListenProbe()
    {
    }

    /** True when /proc/net/tcp can be read here (Linux); otherwise callers fall back to a fixed delay. */
    static boolean supported()
    {
        return Files.isReadable(TABLES.get(0));
    }

    static boolean isListening(final int port)
    {
        final String hexPort = String.format(":%04X", port);
        for (final Path table : TABLES)
        {
            final List<String> lines;
            try
            {
                lines = Files.readAllLines(table);
            }
            catch (final IOException ex)
            {
                continue;
            }
            for (int i = 1; i < lines.size(); i++)
            {
                if (isListenLine(lines.get(i), hexPort))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /** A row is "sl local_address rem_address st ...", addresses as HEXIP:HEXPORT, st 0A for LISTEN. */
    static boolean isListenLine(final String line, final String hexPort)
    {
        final String[] fields = line.trim().split("\\s+");
        return fields.length > 3 && fields[1].endsWith(hexPort) && TCP_LISTEN.equals(fields[3]);
    }
}
