package io.ringmq.codecs;

/**
 * Layout of a command frame's body and of the fields of the ZMTP 3.1 commands.
 * <pre>
 *  command:   | name length (1) | name | data ...
 *  property:  | name length (1) | name | value length (4, BE) | value
 *  ERROR:     | reason length (1) | reason
 *  PING:      | TTL (2, BE, deciseconds) | context (0..16)
 *  PONG:      | context (0..16)
 * </pre>
 * ZMTP 3.0 peers send subscriptions as ordinary messages whose first byte is
 * {@link #SUBSCRIPTION_MESSAGE_SUBSCRIBE} or {@link #SUBSCRIPTION_MESSAGE_CANCEL}.
 */
public final class CommandDescriptor
{
    public static final int NAME_LENGTH_OFFSET = 0;
    public static final int NAME_OFFSET = 1;
    public static final int MAX_NAME_LENGTH = 0xFF;

    public static final int PROPERTY_NAME_LENGTH_SIZE = 1;
    public static final int PROPERTY_VALUE_LENGTH_SIZE = 4;
    public static final int MAX_PROPERTY_NAME_LENGTH = 0xFF;

    public static final int ERROR_REASON_LENGTH_SIZE = 1;
    public static final int MAX_ERROR_REASON_LENGTH = 0xFF;

    public static final int PING_TTL_SIZE = 2;
    public static final int MAX_PING_CONTEXT_LENGTH = 16;
    /** The largest TTL a PING can carry, in deciseconds. */
    public static final int MAX_PING_TTL = 0xFFFF;

    public static final byte SUBSCRIPTION_MESSAGE_SUBSCRIBE = 1;
    public static final byte SUBSCRIPTION_MESSAGE_CANCEL = 0;

    public static final String PROPERTY_SOCKET_TYPE = "Socket-Type";
    public static final String PROPERTY_IDENTITY = "Identity";

    private CommandDescriptor()
    {
    }
}
