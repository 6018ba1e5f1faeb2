package io.ringmq.crypto;

import io.ringmq.codecs.CommandName;
import io.ringmq.codecs.Mechanism;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * NULL with a ZAP_DOMAIN set, as libzmq runs it: before this side sends READY it asks the ZAP handler (mechanism
 * "NULL", no credentials); 200 sends READY, 300/400/500 send ERROR with the status code. Without a ZAP domain use
 * {@link NullMechanism}. The peer's READY may arrive while the reply is pending; it is checked at once.
 */
public final class ZapNullMechanism extends HandshakeBase
{
    private boolean zapAsked;
    private boolean zapDone;
    private boolean readySent;
    private boolean readyReceived;

    /**
     * @param zap how to ask ZAP; its domain is the socket's ZAP_DOMAIN.
     */
    public ZapNullMechanism(final MechanismConfig config, final ZapSettings zap)
    {
        super(config, zap);
        if (zap == null)
        {
            throw new IllegalArgumentException("ZapSettings are required; use NullMechanism without ZAP");
        }
    }

    public Mechanism mechanism()
    {
        return Mechanism.NULL;
    }

    public int produceCommand(final MutableDirectBuffer buffer, final int offset)
    {
        if (status() != HANDSHAKING || readySent)
        {
            return 0;
        }
        if (!zapAsked)
        {
            zapAsked = true;
            zapDone = startZap(Mechanism.NULL);
        }
        if (!zapDone)
        {
            zapDone = pollZap();
            if (!zapDone)
            {
                return 0;
            }
        }
        readySent = true;
        final byte[] name = CommandName.READY.wireName();
        buffer.putByte(offset, (byte)name.length);
        buffer.putBytes(offset + 1, name);
        final int length = 1 + name.length + writeMetadata(buffer, offset + 1 + name.length);
        if (readyReceived)
        {
            ready();
        }
        return length;
    }

    int consumeHandshakeCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        if (command.name() != CommandName.READY || readyReceived)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "unexpected command in the NULL handshake", false);
        }
        if (!readMetadata(buffer, command.dataOffset(), command.dataLength()))
        {
            return status();
        }
        readyReceived = true;
        if (readySent)
        {
            ready();
        }
        return status();
    }

    void wipe()
    {
        // NULL holds no secrets.
    }
}
