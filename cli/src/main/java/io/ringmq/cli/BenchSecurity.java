package io.ringmq.cli;

import io.ringmq.engine.Socket;

/**
 * CURVE for the bench's secured row. Until the engine takes CURVE options, the row is left out.
 */
final class BenchSecurity
{
    static final boolean AVAILABLE = false;

    private BenchSecurity()
    {
    }

    static void server(final Socket socket, final boolean curve)
    {
    }

    static void client(final Socket socket, final boolean curve)
    {
    }
}
