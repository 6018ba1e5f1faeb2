package io.ringmq.codecs;

import org.agrona.DirectBuffer;

/**
 * Receives the metadata properties of a READY or INITIATE command, in place.
 */
@FunctionalInterface
public interface PropertyHandler
{
    /**
     * @return true to accept the property, false to refuse the command ({@link WireError#BAD_PROPERTY}).
     */
    boolean onProperty(DirectBuffer buffer, int nameOffset, int nameLength, int valueOffset, int valueLength);
}
