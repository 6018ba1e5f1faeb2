package io.ringmq.transports.pgm;

import io.ringmq.transports.channels.BadEndpointException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Enumeration;

/**
 * The address part of {@code epgm://IFACE;GROUP:PORT}: the interface (an IPv4 address of this host or an interface
 * name), an IPv4 multicast group and the UDP port, which is also the PGM data port (libzmq sets OpenPGM's unicast
 * and multicast encapsulation ports both to it).
 */
public final class EpgmAddress
{
    private final String text;
    private final NetworkInterface networkInterface;
    private final Inet4Address local;
    private final Inet4Address group;
    private final int port;

    private EpgmAddress(
        final String text, final NetworkInterface networkInterface, final Inet4Address local,
        final Inet4Address group, final int port)
    {
        this.text = text;
        this.networkInterface = networkInterface;
        this.local = local;
        this.group = group;
        this.port = port;
    }

    /**
     * Checks the form only (no interface look-up): for the endpoint parser.
     *
     * @throws BadEndpointException when it is not {@code IFACE;GROUP:PORT} with an IPv4 multicast group.
     */
    public static void checkForm(final String endpoint, final String address)
    {
        final int semicolon = address.indexOf(';');
        final int colon = address.lastIndexOf(':');
        if (semicolon <= 0 || colon < semicolon + 2 || colon == address.length() - 1)
        {
            throw new BadEndpointException("malformed endpoint '" + endpoint + "': expected epgm://interface;" +
                "group:port", false);
        }
        final String port = address.substring(colon + 1);
        int value = -1;
        if (port.length() <= 5 && port.chars().allMatch(Character::isDigit))
        {
            value = Integer.parseInt(port);
        }
        if (value < 1 || value > 65535)
        {
            throw new BadEndpointException("malformed endpoint '" + endpoint + "': bad port '" + port + "'", false);
        }
        final String groupText = address.substring(semicolon + 1, colon);
        if (!isIpv4Multicast(groupText))
        {
            throw new BadEndpointException("malformed endpoint '" + endpoint + "': '" + groupText +
                "' is not an IPv4 multicast group (224.0.0.0/4)", false);
        }
    }

    /**
     * Parses and resolves the interface.
     *
     * @throws BadEndpointException when malformed or the interface is not on this host.
     */
    public static EpgmAddress resolve(final String endpoint, final String address)
    {
        checkForm(endpoint, address);
        final int semicolon = address.indexOf(';');
        final int colon = address.lastIndexOf(':');
        final String iface = address.substring(0, semicolon);
        try
        {
            final Inet4Address group = (Inet4Address)InetAddress.getByName(address.substring(semicolon + 1, colon));
            NetworkInterface nic = NetworkInterface.getByName(iface);
            Inet4Address local = null;
            if (nic == null)
            {
                final InetAddress given = InetAddress.getByName(iface);
                if (given instanceof Inet4Address)
                {
                    local = (Inet4Address)given;
                    nic = NetworkInterface.getByInetAddress(given);
                }
            }
            else
            {
                local = firstIpv4(nic);
            }
            if (nic == null || local == null)
            {
                throw new BadEndpointException("bad endpoint '" + endpoint + "': no IPv4 interface '" + iface +
                    "' on this host", false);
            }
            return new EpgmAddress(endpoint, nic, local, group, Integer.parseInt(address.substring(colon + 1)));
        }
        catch (final UnknownHostException | SocketException ex)
        {
            throw new BadEndpointException("bad endpoint '" + endpoint + "': " + ex.getMessage(), false);
        }
    }

    private static Inet4Address firstIpv4(final NetworkInterface nic)
    {
        final Enumeration<InetAddress> addresses = nic.getInetAddresses();
        while (addresses.hasMoreElements())
        {
            final InetAddress address = addresses.nextElement();
            if (address instanceof Inet4Address)
            {
                return (Inet4Address)address;
            }
        }
        return null;
    }

    private static boolean isIpv4Multicast(final String text)
    {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 4)
        {
            return false;
        }
        for (final String part : parts)
        {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) ||
                Integer.parseInt(part) > 255)
            {
                return false;
            }
        }
        final int first = Integer.parseInt(parts[0]);
        return first >= 224 && first <= 239;
    }

    static int toInt(final Inet4Address address)
    {
        final byte[] bytes = address.getAddress();
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    static Inet4Address fromInt(final int value)
    {
        try
        {
            return (Inet4Address)InetAddress.getByAddress(new byte[]{
                (byte)(value >>> 24), (byte)(value >>> 16), (byte)(value >>> 8), (byte)value});
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public NetworkInterface networkInterface()
    {
        return networkInterface;
    }

    public Inet4Address local()
    {
        return local;
    }

    public Inet4Address group()
    {
        return group;
    }

    public int port()
    {
        return port;
    }

    public InetSocketAddress groupSocketAddress()
    {
        return new InetSocketAddress(group, port);
    }

    @Override
    public String toString()
    {
        return text;
    }
}
