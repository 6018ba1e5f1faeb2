package io.ringmq.transports.zmtp;

import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.ZmtpVersion;
import org.agrona.DirectBuffer;

/**
 * What a {@link StreamEngine} tells the transport that owns it: the handshake's outcome and the peer's messages.
 */
public interface StreamEngineListener
{
    /**
     * The handshake succeeded; messages may flow both ways from now on.
     *
     * @param peerIdentity the routing id the peer announced, or null if it sent none.
     */
    void onHandshakeSucceeded(ZmtpVersion version, SocketType peerSocketType, byte[] peerIdentity);

    /**
     * One frame of a peer's message. Frames of a message arrive in order, the last without
     * {@link io.ringmq.codecs.FrameDescriptor#FLAG_MORE}.
     *
     * @return true to go on, false to stop decoding after this frame (the pipe is full: back-pressure). The
     * engine then returns from {@link StreamEngine#onBytes} early; the caller keeps the rest of its bytes.
     */
    boolean onMessageFrame(int flags, DirectBuffer buffer, int offset, int length);

    /**
     * A subscription from the peer, whatever form it took on the wire (SUBSCRIBE/CANCEL command or ZMTP 3.0
     * message). Only publishers act on it.
     *
     * @return true to go on, false to stop decoding after it (back-pressure), as for messages.
     */
    boolean onSubscription(boolean subscribe, DirectBuffer buffer, int offset, int length);

    /**
     * The connection is lost to a failure; the transport closes it.
     */
    void onFailure(EngineFailure failure, String reason);
}
