package io.ringmq.transports.zmtp;

import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.ZmtpVersion;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Records what a stream engine reports, for tests to assert on.
 */
final class RecordingListener implements StreamEngineListener
{
    final List<byte[]> frames = new ArrayList<>();
    final List<Integer> frameFlags = new ArrayList<>();
    final List<String> subscriptions = new ArrayList<>();
    ZmtpVersion version;
    SocketType peerType;
    byte[] peerIdentity;
    boolean succeeded;
    EngineFailure failure;
    String failureReason;
    boolean acceptMore = true;

    public void onHandshakeSucceeded(
        final ZmtpVersion version, final SocketType peerSocketType, final byte[] peerIdentity)
    {
        this.version = version;
        this.peerType = peerSocketType;
        this.peerIdentity = peerIdentity;
        this.succeeded = true;
    }

    public boolean onMessageFrame(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] body = new byte[length];
        buffer.getBytes(offset, body);
        frames.add(body);
        frameFlags.add(flags);
        return acceptMore;
    }

    public boolean onSubscription(
        final boolean subscribe, final DirectBuffer buffer, final int offset, final int length)
    {
        subscriptions.add((subscribe ? "+" : "-") + buffer.getStringWithoutLengthAscii(offset, length));
        return acceptMore;
    }

    public void onFailure(final EngineFailure failure, final String reason)
    {
        this.failure = failure;
        this.failureReason = reason;
    }
}
