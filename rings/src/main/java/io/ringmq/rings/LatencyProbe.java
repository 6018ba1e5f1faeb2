package io.ringmq.rings;

/**
 * Measures how long messages wait in one direction of a pipe (queue residency). The writer asks for a stamp as it
 * publishes, the slot carries it ({@link SlotDescriptor#TIMESTAMP_OFFSET}), and the reader hands it back as it
 * takes the message, so the probe records "taken minus published" on the reader's thread. A probe may sample: a
 * stamp of {@link #NO_STAMP} means "not this one", and the reader skips it without reading the clock.
 */
public interface LatencyProbe
{
    long NO_STAMP = 0;

    /** Writer thread, at publish: the time to carry in the slot, or {@link #NO_STAMP}. */
    long stamp();

    /** Reader thread, as the message is taken: {@code stamp} is what {@link #stamp()} returned, never NO_STAMP. */
    void taken(long stamp);
}
