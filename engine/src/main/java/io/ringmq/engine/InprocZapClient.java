package io.ringmq.engine;

import io.ringmq.crypto.ZapClient;

import java.util.ArrayList;
import java.util.List;

/**
 * One connection's way to its ZAP handler: the context's built-in {@link Authenticator} when one is installed
 * (answered at once, no socket), else whatever is bound at {@code inproc://zeromq.zap.01}, reached through a
 * DEALER made for the request and closed with the reply. Used only on the connection's I/O thread.
 */
final class InprocZapClient implements ZapClient
{
    static final String ZAP_ENDPOINT = "inproc://zeromq.zap.01";
    private static final byte[] DELIMITER = new byte[0];

    private final Context context;
    private Socket dealer;
    private byte[][] reply;

    InprocZapClient(final Context context)
    {
        this.context = context;
    }

    public boolean sendRequest(final byte[][] frames)
    {
        final Authenticator authenticator = context.authenticator();
        if (null != authenticator)
        {
            reply = authenticator.authenticate(frames);
            return true;
        }
        if (!context.inproc().isBound(ZAP_ENDPOINT))
        {
            return false;
        }
        dealer = context.socket(SocketType.DEALER);
        dealer.setOption(SocketOption.LINGER, 0);
        dealer.connect(ZAP_ENDPOINT);
        // An empty delimiter first, so a REP handler sees the envelope a REQ would have sent.
        dealer.send(DELIMITER, Socket.SNDMORE | Socket.DONTWAIT);
        for (int i = 0; i < frames.length; i++)
        {
            dealer.send(frames[i], i < frames.length - 1 ? Socket.SNDMORE : 0);
        }
        return true;
    }

    public byte[][] pollReply()
    {
        if (null != reply)
        {
            final byte[][] answer = reply;
            reply = null;
            return answer;
        }
        if (null == dealer || dealer.recv(Socket.DONTWAIT) < 0)
        {
            return null;
        }
        final List<byte[]> frames = new ArrayList<>();
        boolean first = true;
        while (true)
        {
            final byte[] frame = new byte[dealer.frame().capacity()];
            dealer.frame().getBytes(0, frame);
            if (!(first && frame.length == 0))
            {
                frames.add(frame);
            }
            first = false;
            if (!dealer.hasMore())
            {
                break;
            }
            dealer.recv(0);
        }
        close();
        return frames.toArray(new byte[0][]);
    }

    public void close()
    {
        if (null != dealer)
        {
            dealer.close();
            dealer = null;
        }
    }
}
