package io.ringmq.crypto;

import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.UnaryOperator;

/**
 * Runs two mechanisms against each other in memory, letting a test rewrite any command on its way.
 */
final class MechanismPair
{
    final SecurityMechanism client;
    final SecurityMechanism server;
    /** Rewrites client-to-server command bodies (return the bytes to deliver). */
    UnaryOperator<byte[]> toServer = UnaryOperator.identity();
    UnaryOperator<byte[]> toClient = UnaryOperator.identity();

    MechanismPair(final SecurityMechanism client, final SecurityMechanism server)
    {
        this.client = client;
        this.server = server;
    }

    /**
     * Moves commands both ways until neither side has one to send.
     */
    void pump()
    {
        boolean moved = true;
        while (moved)
        {
            moved = move(client, server, toServer) | move(server, client, toClient);
        }
    }

    private static boolean move(final SecurityMechanism from, final SecurityMechanism to,
        final UnaryOperator<byte[]> rewrite)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16384]);
        final int length = from.produceCommand(buffer, 0);
        if (length <= 0)
        {
            return false;
        }
        final byte[] body = new byte[length];
        buffer.getBytes(0, body);
        final byte[] delivered = rewrite.apply(body);
        if (delivered != null && to.status() == SecurityMechanism.HANDSHAKING)
        {
            to.consumeCommand(new UnsafeBuffer(delivered), 0, delivered.length);
        }
        return true;
    }
}
