package io.ringmq.transports.zmtp;

import io.ringmq.crypto.ZapClient;
import io.ringmq.crypto.ZapCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A ZAP handler in the test: it answers 200 (with a User-Id) when the credentials match, 400 otherwise, and
 * only after being polled a few times, so the handshake really waits without blocking.
 */
final class SecurityTestZap implements ZapClient
{
    final List<byte[][]> requests = new ArrayList<>();
    private final byte[][] acceptedCredentials;
    private final String userId;
    private byte[][] pending;
    private int pollsBeforeReply;

    SecurityTestZap(final String userId, final byte[]... acceptedCredentials)
    {
        this.userId = userId;
        this.acceptedCredentials = acceptedCredentials;
    }

    public boolean sendRequest(final byte[][] frames)
    {
        requests.add(frames);
        final byte[][] credentials = Arrays.copyOfRange(frames, 6, frames.length);
        final boolean ok = Arrays.deepEquals(credentials, acceptedCredentials);
        pending = ZapCodec.encodeReply(new String(frames[1], StandardCharsets.US_ASCII), ok ? "200" : "400",
            ok ? "OK" : "denied", ok ? userId : "", null);
        pollsBeforeReply = 3;
        return true;
    }

    public byte[][] pollReply()
    {
        if (pending == null || pollsBeforeReply-- > 0)
        {
            return null;
        }
        final byte[][] reply = pending;
        pending = null;
        return reply;
    }
}
