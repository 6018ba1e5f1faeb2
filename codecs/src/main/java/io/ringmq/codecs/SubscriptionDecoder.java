package io.ringmq.codecs;

import org.agrona.DirectBuffer;

import static io.ringmq.codecs.CommandDescriptor.SUBSCRIPTION_MESSAGE_CANCEL;
import static io.ringmq.codecs.CommandDescriptor.SUBSCRIPTION_MESSAGE_SUBSCRIBE;
import static io.ringmq.codecs.FrameDescriptor.FLAG_COMMAND;
import static io.ringmq.codecs.FrameDescriptor.FLAG_MORE;

/**
 * Recognises a subscription in either form a publisher must accept: a SUBSCRIBE/CANCEL command (ZMTP 3.1) or a
 * single-frame message starting with 1 or 0 (ZMTP 3.0, and what XSUB sends as a raw subscription).
 */
public final class SubscriptionDecoder
{
    public static final int NOT_A_SUBSCRIPTION = 0;
    public static final int SUBSCRIBE = 1;
    public static final int CANCEL = 2;

    private final CommandDecoder command = new CommandDecoder();
    private int topicOffset;
    private int topicLength;

    /**
     * @param flags the frame's flags as delivered by {@link FrameDecoder}.
     * @return {@link #SUBSCRIBE}, {@link #CANCEL} (topic at {@link #topicOffset()}) or {@link #NOT_A_SUBSCRIPTION}.
     */
    public int decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        if ((flags & FLAG_COMMAND) != 0)
        {
            if (command.wrap(buffer, offset, length) != WireError.NONE)
            {
                return NOT_A_SUBSCRIPTION;
            }
            final CommandName name = command.name();
            if (name != CommandName.SUBSCRIBE && name != CommandName.CANCEL)
            {
                return NOT_A_SUBSCRIPTION;
            }
            topicOffset = command.dataOffset();
            topicLength = command.dataLength();
            return name == CommandName.SUBSCRIBE ? SUBSCRIBE : CANCEL;
        }
        if ((flags & FLAG_MORE) != 0 || length < 1)
        {
            return NOT_A_SUBSCRIPTION;
        }
        final byte first = buffer.getByte(offset);
        if (first != SUBSCRIPTION_MESSAGE_SUBSCRIBE && first != SUBSCRIPTION_MESSAGE_CANCEL)
        {
            return NOT_A_SUBSCRIPTION;
        }
        topicOffset = offset + 1;
        topicLength = length - 1;
        return first == SUBSCRIPTION_MESSAGE_SUBSCRIBE ? SUBSCRIBE : CANCEL;
    }

    public int topicOffset()
    {
        return topicOffset;
    }

    public int topicLength()
    {
        return topicLength;
    }
}
