package io.ringmq.crypto;

import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.SocketType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Collections;
import java.util.Map;

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

    // ---- Typed failures, ZAP and message encryption. Defaults keep NULL (and any mechanism that does not
    // ---- encrypt) exactly as before: frames travel in the clear and no ZAP is waited for.

    /** The most bytes any mechanism's {@link #encodeMessage} adds to a body (CURVE: 33). */
    int MAX_MESSAGE_OVERHEAD = 48;

    /** Flag in an encrypted message's plaintext: more frames of this message follow. */
    int MESSAGE_FLAG_MORE = 0x01;
    /** Flag in an encrypted message's plaintext: the plaintext is a command body (PING, SUBSCRIBE...). */
    int MESSAGE_FLAG_COMMAND = 0x02;

    /**
     * @return why the mechanism failed, {@link SecurityFailure#NONE} while it has not.
     */
    default SecurityFailure failure()
    {
        return status() == FAILED ? SecurityFailure.REFUSED : SecurityFailure.NONE;
    }

    /**
     * @return true while the handshake waits for a ZAP reply: the engine must call {@link #produceCommand}
     * again later (on its timer or when bytes arrive); nothing blocks meanwhile.
     */
    default boolean awaitingZap()
    {
        return false;
    }

    /**
     * @return the User-Id a ZAP handler gave this peer, or null.
     */
    default String userId()
    {
        return null;
    }

    /**
     * @return the metadata of the ZAP reply (names as sent), empty if none.
     */
    default Map<String, byte[]> zapProperties()
    {
        return Collections.emptyMap();
    }

    /**
     * @return true if, once ready, every frame and command travels inside an encrypted MESSAGE command.
     */
    default boolean encryptsMessages()
    {
        return false;
    }

    /**
     * @return the most bytes {@link #encodeMessage} adds to a frame or command body (the MESSAGE command body's
     * length minus the plaintext's); 0 for a mechanism that does not encrypt.
     */
    default int messageOverhead()
    {
        return 0;
    }

    /**
     * Encrypts one frame, or one command body, into a MESSAGE command body at {@code dst}.
     *
     * @param flags {@link #MESSAGE_FLAG_MORE} and/or {@link #MESSAGE_FLAG_COMMAND}.
     * @return the MESSAGE command body's length ({@code length + messageOverhead()}).
     */
    default int encodeMessage(
        final int flags,
        final DirectBuffer src,
        final int srcOffset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        throw new UnsupportedOperationException(mechanism() + " does not encrypt messages");
    }

    /**
     * Decrypts one received MESSAGE command body into {@link #plaintext()}, from offset 0, with its flags in
     * {@link #plaintextFlags()}. The plaintext stays valid until the next call.
     *
     * @return the plaintext length, or -1 if the command is malformed, its box does not open, or its nonce does
     * not increase; the mechanism is then {@link #FAILED} with the reason in {@link #errorReason()}.
     */
    default int decodeMessage(final DirectBuffer src, final int offset, final int length)
    {
        throw new UnsupportedOperationException(mechanism() + " does not encrypt messages");
    }

    /**
     * @return the buffer {@link #decodeMessage} writes plaintext into.
     */
    default DirectBuffer plaintext()
    {
        throw new UnsupportedOperationException(mechanism() + " does not encrypt messages");
    }

    /**
     * @return the flags of the last plaintext decoded.
     */
    default int plaintextFlags()
    {
        return 0;
    }

    /**
     * Zeroes the connection's secrets (transient keys, box keys). The mechanism cannot be used afterwards.
     */
    default void close()
    {
    }
}
