package io.ringmq.transports.channels;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * A parsed endpoint: {@code tcp://HOST:PORT} (with {@code *} for every interface or an ephemeral port, IPv6 in
 * brackets, and libzmq's source form {@code tcp://SRC;DST}), {@code ipc:///PATH}, or {@code inproc://NAME}.
 * <p>
 * ipc is a real Unix domain socket. JDK 17 has no Linux abstract namespace, so libzmq's {@code ipc://@name} is
 * refused as unsupported. {@code epgm://IFACE;GROUP:PORT} keeps its address in {@link #path()}
 * ({@code io.ringmq.transports.pgm}); {@code pgm://} (raw IP) is refused as unsupported: the JDK has no raw
 * sockets.
 */
public final class Endpoint
{
    public enum Scheme
    {
        TCP, IPC, INPROC, PGM, EPGM
    }

    private final String text;
    private final Scheme scheme;
    private final String host;
    private final int port;
    private final String sourceHost;
    private final int sourcePort;
    private final String path;

    private Endpoint(
        final String text, final Scheme scheme, final String host, final int port,
        final String sourceHost, final int sourcePort, final String path)
    {
        this.text = text;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.sourceHost = sourceHost;
        this.sourcePort = sourcePort;
        this.path = path;
    }

    /**
     * @throws BadEndpointException naming the offending text: malformed, or a transport not built.
     */
    public static Endpoint parse(final String endpoint)
    {
        final int schemeEnd = endpoint == null ? -1 : endpoint.indexOf("://");
        if (schemeEnd <= 0)
        {
            throw new BadEndpointException(
                "malformed endpoint '" + endpoint + "': expected transport://address", false);
        }
        final String schemeName = endpoint.substring(0, schemeEnd);
        final String address = endpoint.substring(schemeEnd + 3);
        switch (schemeName)
        {
            case "tcp":
                return parseTcp(endpoint, address);
            case "ipc":
                if (address.isEmpty())
                {
                    throw new BadEndpointException("malformed endpoint '" + endpoint + "': empty ipc path", false);
                }
                if (address.startsWith("@"))
                {
                    throw new BadEndpointException("unsupported endpoint '" + endpoint +
                        "': JDK 17 Unix domain sockets have no abstract namespace (ipc://@name)", true);
                }
                return new Endpoint(endpoint, Scheme.IPC, null, 0, null, 0, address);
            case "inproc":
                if (address.isEmpty())
                {
                    throw new BadEndpointException("malformed endpoint '" + endpoint + "': empty inproc name", false);
                }
                return new Endpoint(endpoint, Scheme.INPROC, null, 0, null, 0, address);
            case "pgm":
                throw new BadEndpointException("unsupported transport 'pgm' in '" + endpoint +
                    "': PGM over raw IP needs raw sockets, which the JDK cannot open; use epgm:// (PGM over UDP)",
                    true);
            case "epgm":
                io.ringmq.transports.pgm.EpgmAddress.checkForm(endpoint, address);
                return new Endpoint(endpoint, Scheme.EPGM, null, 0, null, 0, address);
            default:
                throw new BadEndpointException("unsupported transport '" + schemeName + "' in '" + endpoint + "'",
                    true);
        }
    }

    private static Endpoint parseTcp(final String endpoint, final String address)
    {
        String destination = address;
        String sourceHost = null;
        int sourcePort = 0;
        final int semicolon = address.indexOf(';');
        if (semicolon >= 0)
        {
            final String source = address.substring(0, semicolon);
            destination = address.substring(semicolon + 1);
            final int sourceColon = source.lastIndexOf(':');
            if (sourceColon >= 0)
            {
                sourceHost = unbracket(source.substring(0, sourceColon));
                sourcePort = parsePort(endpoint, source.substring(sourceColon + 1));
            }
            else
            {
                sourceHost = unbracket(source);
            }
        }
        final int colon = destination.lastIndexOf(':');
        if (colon <= 0 || colon == destination.length() - 1)
        {
            throw new BadEndpointException("malformed endpoint '" + endpoint + "': expected tcp://host:port", false);
        }
        final String host = unbracket(destination.substring(0, colon));
        final int port = parsePort(endpoint, destination.substring(colon + 1));
        if (host.isEmpty())
        {
            throw new BadEndpointException("malformed endpoint '" + endpoint + "': empty host", false);
        }
        return new Endpoint(endpoint, Scheme.TCP, host, port, sourceHost, sourcePort, null);
    }

    private static int parsePort(final String endpoint, final String text)
    {
        if (text.equals("*"))
        {
            return 0;
        }
        try
        {
            final int port = Integer.parseInt(text);
            if (port < 0 || port > 65535)
            {
                throw new NumberFormatException();
            }
            return port;
        }
        catch (final NumberFormatException ex)
        {
            throw new BadEndpointException("malformed endpoint '" + endpoint + "': bad port '" + text + "'", false);
        }
    }

    private static String unbracket(final String host)
    {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    public Scheme scheme()
    {
        return scheme;
    }

    public String host()
    {
        return host;
    }

    /**
     * @return the port; 0 means ephemeral when binding.
     */
    public int port()
    {
        return port;
    }

    public String path()
    {
        return path;
    }

    /**
     * @return true for {@code tcp://*:...}: every interface.
     */
    public boolean isWildcardHost()
    {
        return "*".equals(host);
    }

    /**
     * Resolves the address to bind: {@code *} is every interface (IPv4 and IPv6 where the stack allows).
     */
    public SocketAddress bindAddress() throws UnknownHostException
    {
        if (scheme == Scheme.IPC)
        {
            return UnixDomainSocketAddress.of(Path.of(path));
        }
        return isWildcardHost() ? new InetSocketAddress(port) : new InetSocketAddress(resolve(host), port);
    }

    /**
     * Resolves the address to connect to, again on every attempt, as libzmq re-resolves on reconnect.
     */
    public SocketAddress connectAddress() throws UnknownHostException
    {
        if (scheme == Scheme.IPC)
        {
            return UnixDomainSocketAddress.of(Path.of(path));
        }
        if (isWildcardHost() || port == 0)
        {
            throw new UnknownHostException("cannot connect to '" + text + "': wildcard host or port");
        }
        return new InetSocketAddress(resolve(host), port);
    }

    /**
     * @return the local address to bind before connecting (the {@code src;} form), or null.
     */
    public InetSocketAddress sourceAddress() throws UnknownHostException
    {
        if (sourceHost == null)
        {
            return null;
        }
        return "*".equals(sourceHost) ? new InetSocketAddress(sourcePort) :
            new InetSocketAddress(resolve(sourceHost), sourcePort);
    }

    private static InetAddress resolve(final String host) throws UnknownHostException
    {
        return InetAddress.getByName(host);
    }

    /**
     * @return the endpoint text as given.
     */
    @Override
    public String toString()
    {
        return text;
    }

    /**
     * The endpoint as libzmq's LAST_ENDPOINT reports it once bound: the real address and port.
     */
    public static String describe(final Scheme scheme, final SocketAddress local)
    {
        if (local instanceof InetSocketAddress)
        {
            final InetSocketAddress inet = (InetSocketAddress)local;
            final InetAddress address = inet.getAddress();
            String host = address.getHostAddress();
            if (address.isAnyLocalAddress())
            {
                host = address instanceof java.net.Inet6Address ? "[::]" : "0.0.0.0";
            }
            else if (address instanceof java.net.Inet6Address)
            {
                final int zone = host.indexOf('%');
                host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
            }
            return "tcp://" + host + ":" + inet.getPort();
        }
        if (local instanceof UnixDomainSocketAddress)
        {
            return "ipc://" + ((UnixDomainSocketAddress)local).getPath();
        }
        return scheme.name().toLowerCase() + "://" + local;
    }
}
