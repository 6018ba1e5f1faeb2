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

    /** The JDK would resolve a host name here: only digits, hex digits, dots and colons may pass. */
    private static boolean isNumeric(final String host)
    {
        if (host.isEmpty())
        {
            return false;
        }
        final boolean v6 = host.indexOf(':') >= 0;
        for (int i = 0; i < host.length(); i++)
        {
            final char c = host.charAt(i);
            final boolean ok = (c >= '0' && c <= '9') || c == '.' ||
                (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!ok)
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
