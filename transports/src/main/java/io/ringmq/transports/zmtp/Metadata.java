package io.ringmq.transports.zmtp;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The properties of one connection, as ZMTP metadata and libzmq's {@code zmq_msg_gets}: Socket-Type, Peer-Address,
 * User-Id, Routing-Id and ZAP properties. Immutable, made once per connection (by the stream engine after the
 * handshake, by the context for inproc) and referenced by every message slot the connection writes, so a received
 * message answers for its origin without copying anything. Names compare case-insensitively, as in ZMTP.
 */
public final class Metadata
{
    public static final String SOCKET_TYPE = "Socket-Type";
    public static final String ROUTING_ID = "Routing-Id";
    public static final String PEER_ADDRESS = "Peer-Address";
    public static final String USER_ID = "User-Id";

    /** No properties. */
    public static final Metadata EMPTY = new Metadata(new TreeMap<>());

    private final TreeMap<String, String> properties;

    private Metadata(final TreeMap<String, String> properties)
    {
        this.properties = properties;
    }

    /** @param properties names and values; copied. */
    public static Metadata of(final Map<String, String> properties)
    {
        final TreeMap<String, String> copy = new TreeMap<>();
        properties.forEach((name, value) -> copy.put(name.toLowerCase(Locale.ROOT), value));
        return new Metadata(copy);
    }

    /** @return the value of a property, or null if the connection has none by that name. */
    public String get(final String name)
    {
        return properties.get(name.toLowerCase(Locale.ROOT));
    }

    public int size()
    {
        return properties.size();
    }

    @Override
    public String toString()
    {
        return properties.toString();
    }
}
