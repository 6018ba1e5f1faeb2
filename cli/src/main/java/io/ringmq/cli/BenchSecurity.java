package io.ringmq.cli;

import io.ringmq.engine.CurveKeyPair;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketOption;

/**
 * CURVE for the bench's secured row: one server key pair and one client key pair per run, no ZAP (every client
 * with a valid vouch is accepted, as libzmq does without a handler).
 */
final class BenchSecurity
{
    static final boolean AVAILABLE = true;
    private static final CurveKeyPair SERVER = CurveKeyPair.generate();
    private static final CurveKeyPair CLIENT = CurveKeyPair.generate();

    private BenchSecurity()
    {
    }

    static void server(final Socket socket, final boolean curve)
    {
        if (curve)
        {
            socket.setOption(SocketOption.CURVE_SERVER, true);
            socket.setOption(SocketOption.CURVE_PUBLICKEY, SERVER.publicKey());
            socket.setOption(SocketOption.CURVE_SECRETKEY, SERVER.secretKey());
        }
    }

    static void client(final Socket socket, final boolean curve)
    {
        if (curve)
        {
            socket.setOption(SocketOption.CURVE_SERVERKEY, SERVER.publicKey());
            socket.setOption(SocketOption.CURVE_PUBLICKEY, CLIENT.publicKey());
            socket.setOption(SocketOption.CURVE_SECRETKEY, CLIENT.secretKey());
        }
    }
}
