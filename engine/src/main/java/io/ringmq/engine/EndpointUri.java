package io.ringmq.engine;

import io.ringmq.transports.channels.BadEndpointException;
import io.ringmq.transports.channels.Endpoint;

/**
 * An endpoint as {@link Socket#bind(String)} and {@link Socket#connect(String)} read it, parsed without binding or
 * connecting: {@code tcp://HOST:PORT} ({@code *} for every interface or an ephemeral port, IPv6 in brackets,
 * libzmq's {@code tcp://SRC;DST}), {@code ipc:///PATH} or {@code inproc://NAME}. Tools use it to check an endpoint
 * before opening anything, with the same rules and messages as the socket.
 */
public final class EndpointUri
{
    /** The part before {@code ://}. epgm's {@code IFACE;GROUP:PORT} is its {@link #path()}; pgm is refused. */
    public enum Transport
    {
        TCP, IPC, INPROC, PGM, EPGM
    }

    private final Endpoint endpoint;
    private final Transport transport;

    private EndpointUri(final Endpoint endpoint)
    {
        this.endpoint = endpoint;
        this.transport = Transport.valueOf(endpoint.scheme().name());
    }

    /**
     * @throws IllegalArgumentException naming the offending text: malformed, or a transport ringmq does not have.
     */
    public static EndpointUri parse(final String endpoint)
    {
        try
        {
            return new EndpointUri(Endpoint.parse(endpoint));
        }
        catch (final BadEndpointException ex)
        {
            // Rethrown as the JDK's type so that no transports class reaches the caller, even at run time.
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    public Transport transport()
    {
        return transport;
    }

    /**
     * @return the tcp host as written ({@code *} for every interface), or null for ipc and inproc.
     */
    public String host()
    {
        return endpoint.host();
    }

    /**
     * @return the tcp port; 0 (or {@code *}) asks for an ephemeral port when binding.
     */
    public int port()
    {
        return endpoint.port();
    }

    /**
     * @return the ipc path or inproc name, or null for tcp.
     */
    public String path()
    {
        return endpoint.path();
    }

    /**
     * @return true for {@code tcp://*:...}: every interface.
     */
    public boolean isWildcardHost()
    {
        return endpoint.isWildcardHost();
    }

    /**
     * @return the endpoint text as given.
     */
    @Override
    public String toString()
    {
        return endpoint.toString();
    }
}
