package io.ringmq.transports;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One TCP_ACCEPT_FILTER entry: a numeric IPv4 or IPv6 address with an optional prefix length ({@code 10.0.0.0/8},
 * {@code ::1}), as libzmq's tcp address mask. Never resolves a name: libzmq takes numeric addresses only.
 */
public final class AddressMask
{
    private final byte[] address;
    private final int bits;
    private final String text;

    private AddressMask(final byte[] address, final int bits, final String text)
    {
        this.address = address;
        this.bits = bits;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException if {@code text} is not a numeric address with a prefix length in range.
     */
    public static AddressMask parse(final String text)
    {
        final int slash = text.indexOf('/');
        final String host = slash < 0 ? text : text.substring(0, slash);
        if (!isNumeric(host))
        {
            throw new IllegalArgumentException("must be a numeric IPv4 or IPv6 address, optionally /bits");
        }
        final byte[] address;
        try
        {
            address = InetAddress.getByName(host).getAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("must be a numeric IPv4 or IPv6 address, optionally /bits");
        }
        int bits = address.length * 8;
        if (slash >= 0)
        {
            try
            {
                bits = Integer.parseInt(text.substring(slash + 1));
            }
            catch (final NumberFormatException ex)
            {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8)
            {
                throw new IllegalArgumentException("prefix length must be 0 to " + address.length * 8);
            }
        }
        return new AddressMask(address, bits, text);
    }

    /**
     * The JDK would resolve anything it does not take as a literal: only a dotted quad (as inet_pton reads IPv4)
     * or a string with a colon and hex digits (which the JDK parses as IPv6 or refuses, never looks up) may pass.
     */
    private static boolean isNumeric(final String host)
    {
        if (host.indexOf(':') >= 0)
        {
            for (int i = 0; i < host.length(); i++)
            {
                final char c = host.charAt(i);
                if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0))
                {
                    return false;
                }
            }
            return true;
        }
        final String[] parts = host.split("\\.", -1);
        if (parts.length != 4)
        {
            return false;
        }
        for (final String part : parts)
        {
            if (part.isEmpty() || part.length() > 3)
            {
                return false;
            }
            for (int i = 0; i < part.length(); i++)
            {
                if (part.charAt(i) < '0' || part.charAt(i) > '9')
                {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return true if {@code peer} is of this mask's family and shares its first prefix-length bits.
     */
    public boolean matches(final InetAddress peer)
    {
        final byte[] other = peer.getAddress();
        if (other.length != address.length)
        {
            return false;
        }
        final int whole = bits / 8;
        for (int i = 0; i < whole; i++)
        {
            if (other[i] != address[i])
            {
                return false;
            }
        }
        final int rest = bits % 8;
        if (rest == 0)
        {
            return true;
        }
        final int mask = (0xFF << (8 - rest)) & 0xFF;
        return (other[whole] & mask) == (address[whole] & mask);
    }

    @Override
    public String toString()
    {
        return text;
    }
}
