package io.ringmq.codecs;

import org.agrona.DirectBuffer;

/**
 * Receives frames from a {@link FrameDecoder}.
 */
@FunctionalInterface
public interface FrameHandler
{
    /**
     * @param flags  the frame's flags ({@link FrameDescriptor#FLAG_MORE}, {@link FrameDescriptor#FLAG_COMMAND}).
     * @param buffer holding the body; valid only during this call.
     * @return true to go on decoding, false to stop after this frame (back-pressure: the decoder returns the
     * bytes consumed so far and resumes from there on the next call).
     */
    boolean onFrame(int flags, DirectBuffer buffer, int offset, int length);
}
