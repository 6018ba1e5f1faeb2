package io.ringmq.crypto;

import io.ringmq.codecs.Mechanism;
import io.ringmq.codecs.Metadata;
import io.ringmq.codecs.WireError;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ZAP (RFC 27) requests and replies as frames. A request is: version "1.0", request id, domain, address,
 * identity (routing id), mechanism, then the credentials (none for NULL; user and password for PLAIN; the
 * client's 32-byte long-term public key for CURVE). A reply is: version, request id, status code, status text,
 * user id, metadata.
 */
public final class ZapCodec
{
    public static final String VERSION = "1.0";
    public static final int REPLY_FRAMES = 6;

    private ZapCodec()
    {
    }

    public static byte[][] encodeRequest(
        final String requestId,
        final String domain,
        final String address,
        final byte[] routingId,
        final Mechanism mechanism,
        final byte[]... credentials)
    {
        final byte[][] frames = new byte[6 + credentials.length][];
        frames[0] = ascii(VERSION);
        frames[1] = ascii(requestId);
        frames[2] = domain.getBytes(StandardCharsets.UTF_8);
        frames[3] = address.getBytes(StandardCharsets.UTF_8);
        frames[4] = routingId.clone();
        frames[5] = ascii(mechanism.name());
        for (int i = 0; i < credentials.length; i++)
        {
            frames[6 + i] = credentials[i].clone();
        }
        return frames;
    }

    public static byte[][] encodeReply(
        final String requestId,
        final String statusCode,
        final String statusText,
        final String userId,
        final byte[] metadata)
    {
        return new byte[][] {ascii(VERSION), ascii(requestId), ascii(statusCode),
            statusText.getBytes(StandardCharsets.UTF_8), userId.getBytes(StandardCharsets.UTF_8),
            metadata == null ? new byte[0] : metadata.clone()};
    }

    /**
     * A decoded reply, or the reason it was refused.
     */
    public static final class Reply
    {
        public final String error;
        public final String statusCode;
        public final String statusText;
        public final String userId;
        public final Map<String, byte[]> properties;

        Reply(final String error, final String statusCode, final String statusText, final String userId,
            final Map<String, byte[]> properties)
        {
            this.error = error;
            this.statusCode = statusCode;
            this.statusText = statusText;
            this.userId = userId;
            this.properties = properties;
        }

        public boolean isValid()
        {
            return error == null;
        }
    }

    /**
     * Decodes a reply, checking it answers {@code expectedRequestId}, carries a known status code and valid
     * metadata, as libzmq does.
     */
    public static Reply decodeReply(final byte[][] frames, final String expectedRequestId)
    {
        if (frames == null || frames.length != REPLY_FRAMES)
        {
            return invalid("ZAP reply must have 6 frames");
        }
        if (!VERSION.equals(text(frames[0])))
        {
            return invalid("ZAP reply has version " + text(frames[0]));
        }
        if (!expectedRequestId.equals(text(frames[1])))
        {
            return invalid("ZAP reply answers another request");
        }
        final String status = text(frames[2]);
        if (!status.equals("200") && !status.equals("300") && !status.equals("400") && !status.equals("500"))
        {
            return invalid("ZAP reply has invalid status code " + status);
        }
        final Map<String, byte[]> properties = new LinkedHashMap<>();
        final WireError error = Metadata.decode(new UnsafeBuffer(frames[5]), 0, frames[5].length,
            (buffer, nameOffset, nameLength, valueOffset, valueLength) ->
            {
                final byte[] value = new byte[valueLength];
                buffer.getBytes(valueOffset, value);
                properties.put(buffer.getStringWithoutLengthAscii(nameOffset, nameLength), value);
                return true;
            });
        if (error != WireError.NONE)
        {
            return invalid("ZAP reply has malformed metadata: " + error.description());
        }
        return new Reply(null, status, text(frames[3]), text(frames[4]), Collections.unmodifiableMap(properties));
    }

    private static Reply invalid(final String reason)
    {
        return new Reply(reason, null, null, null, Collections.emptyMap());
    }

    private static String text(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
