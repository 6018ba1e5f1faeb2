package io.ringmq.crypto;

import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.SocketType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One connection's security handshake, as libzmq's mechanisms run it: the engine asks for the next command to
 * send, hands over every command received, and reads the status. The READY exchange with its metadata and
 * RFC 37's socket-type check belong to the mechanism (they are encrypted under CURVE).
 * <p>
 * Command bodies exclude the frame header; the engine frames them. Not thread-safe: one per connection.
 */
public interface SecurityMechanism
{
    /** Commands are still to be exchanged. */
    int HANDSHAKING = 0;
    /** The handshake succeeded: messages may flow. */
    int READY = 1;
    /** The handshake failed: {@link #errorReason()} says why; the engine sends ERROR when {@link #sendsError()}. */
    int FAILED = 2;

    /**
     * @return the mechanism named in this side's greeting.
     */
    Mechanism mechanism();

    /**
     * Writes the next handshake command body to send, if one is due now.
     *
     * @return the body length, or 0 if nothing is to be sent now.
     */
    int produceCommand(MutableDirectBuffer buffer, int offset);

    /**
     * Processes one received handshake command body. Every length in it is checked before use.
     *
     * @return the status after it.
     */
    int consumeCommand(DirectBuffer buffer, int offset, int length);

    /**
     * @return {@link #HANDSHAKING}, {@link #READY} or {@link #FAILED}.
     */
    int status();

    /**
     * @return why the handshake failed, or null.
     */
    String errorReason();

    /**
     * @return true if the peer should be told why with an ERROR command before the connection closes.
     */
    boolean sendsError();

    /**
     * @return the socket type the peer announced, once ready.
     */
    SocketType peerSocketType();

    /**
     * @return the Identity property the peer sent (its routing id), or null if it sent none.
     */
    byte[] peerIdentity();
}
