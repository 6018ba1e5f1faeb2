package io.ringmq.codecs;

/**
 * Why bytes from a peer were refused. Decoders return these instead of throwing: a bad peer costs its
 * connection, and the engine turns the error into a monitor event and an ERROR command or a close.
 */
public enum WireError
{
    /** No error. */
    NONE("no error"),
    /** The greeting's signature is neither ZMTP 3.x nor a recognisable older form. */
    BAD_SIGNATURE("bad greeting signature"),
    /** The greeting names a mechanism this build does not know. */
    UNKNOWN_MECHANISM("unknown security mechanism"),
    /** The 20-byte mechanism field has non-NUL bytes after the name's NUL padding began. */
    UNPADDED_MECHANISM("mechanism name not NUL-padded"),
    /** A frame's flags byte has one of the reserved bits set. */
    RESERVED_FLAGS("reserved frame flag bits set"),
    /** A frame's size exceeds the configured maximum message size or what a frame can hold. */
    FRAME_TOO_LARGE("frame larger than the maximum message size"),
    /** A command frame is shorter than its own name length says. */
    COMMAND_NAME_OVERFLOW("command name length beyond the frame"),
    /** A metadata property's name or value length runs beyond the command. */
    PROPERTY_OVERFLOW("metadata property length beyond the command"),
    /** A command's fixed fields (ERROR reason, PING TTL) are cut short. */
    TRUNCATED_COMMAND("command truncated"),
    /** A metadata property appears twice, or a property value is not acceptable (e.g. unknown Socket-Type). */
    BAD_PROPERTY("bad metadata property");

    private final String description;

    WireError(final String description)
    {
        this.description = description;
    }

    /**
     * @return a short description suitable for an ERROR command's reason and for logs.
     */
    public String description()
    {
        return description;
    }
}
