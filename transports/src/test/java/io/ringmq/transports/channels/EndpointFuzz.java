package io.ringmq.transports.channels;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libzmq's {@code test_bind_fuzzer} and {@code test_connect_fuzzer}: any text given as an endpoint either parses,
 * into parts that make sense, or is refused with {@link BadEndpointException}; resolving it throws only
 * {@link UnknownHostException}. Resolution is tried only for literal addresses, so that fuzzing never asks DNS.
 */
class EndpointFuzz
{
    @FuzzTest
    void bind(final byte[] text)
    {
        final Endpoint endpoint = parsed(text);
        if (endpoint != null && isLiteral(endpoint))
        {
            try
            {
                assertNotNull(endpoint.bindAddress());
            }
            catch (final UnknownHostException | IllegalArgumentException refused)
            {
                // A literal that is not an address (e.g. "1.2.3.4.5"), or a path the platform cannot take.
            }
        }
    }

    @FuzzTest
    void connect(final byte[] text)
    {
        final Endpoint endpoint = parsed(text);
        if (endpoint != null && isLiteral(endpoint))
        {
            try
            {
                final SocketAddress address = endpoint.connectAddress();
                if (address instanceof InetSocketAddress)
                {
                    assertTrue(((InetSocketAddress)address).getPort() > 0, "never connects to port 0");
                }
                endpoint.sourceAddress();
            }
            catch (final UnknownHostException | IllegalArgumentException refused)
            {
                // As for bind.
            }
        }
    }

    private static Endpoint parsed(final byte[] bytes)
    {
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final Endpoint endpoint;
        try
        {
            endpoint = Endpoint.parse(text);
        }
        catch (final BadEndpointException refused)
        {
            assertNotNull(refused.getMessage());
            return null;
        }
        assertEquals(text, endpoint.toString(), "the endpoint reads back as given");
        assertNotNull(endpoint.scheme());
        if (endpoint.scheme() == Endpoint.Scheme.TCP)
        {
            assertTrue(endpoint.port() >= 0 && endpoint.port() <= 65535, "port " + endpoint.port());
            assertTrue(!endpoint.host().isEmpty(), "a tcp endpoint has a host");
        }
        else
        {
            assertTrue(!endpoint.path().isEmpty(), "an ipc or inproc endpoint has a name");
        }
        return endpoint;
    }

    /** A host Java resolves without a lookup: the wildcard, or digits, dots, colons and hex only. */
    private static boolean isLiteral(final Endpoint endpoint)
    {
        if (endpoint.scheme() != Endpoint.Scheme.TCP)
        {
            return false;
        }
        final String host = endpoint.host();
        return "*".equals(host) || host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':') &&
            endpoint.toString().indexOf(';') < 0;
    }
}
