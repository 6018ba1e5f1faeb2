package io.ringmq.crypto;

/**
 * How a mechanism asks a ZAP handler (RFC 27) without blocking. The engine module implements it over
 * {@code inproc://zeromq.zap.01} (a REQ-like pipe: one request outstanding per connection); tests use a fake.
 * Both methods are called on the connection's I/O thread and must return at once.
 */
public interface ZapClient
{
    /**
     * Sends one request: the frames {@link ZapCodec#encodeRequest} made.
     *
     * @return false if no ZAP handler is bound (the request was not sent): libzmq then accepts the peer unless
     * ZAP_ENFORCE_DOMAIN is set.
     */
    boolean sendRequest(byte[][] frames);

    /**
     * @return the frames of the reply to the outstanding request if it has arrived, else null. Never blocks.
     */
    byte[][] pollReply();

    /**
     * Releases what the client holds (its channel to the handler); called when the connection's mechanism closes.
     */
    default void close()
    {
    }
}
