package io.ringmq.transports.channels;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointTest
{
    @Test
    void tcpFormsAsLibzmqAcceptsThem() throws Exception
    {
        final Endpoint wildcard = Endpoint.parse("tcp://*:*");
        assertTrue(wildcard.isWildcardHost());
        assertEquals(0, wildcard.port());

        final Endpoint v6 = Endpoint.parse("tcp://[::1]:5555");
        assertEquals("::1", v6.host());
        assertEquals(5555, ((InetSocketAddress)v6.connectAddress()).getPort());

        final Endpoint sourced = Endpoint.parse("tcp://127.0.0.1:0;127.0.0.1:6000");
        assertEquals(6000, sourced.port());
        assertEquals("127.0.0.1", sourced.sourceAddress().getAddress().getHostAddress());
        assertNull(Endpoint.parse("tcp://localhost:1").sourceAddress());
    }

    @Test
    void malformedEndpointsNameTheOffendingText()
    {
        final BadEndpointException noPort =
            assertThrows(BadEndpointException.class, () -> Endpoint.parse("tcp://nohost:x"));
        assertTrue(noPort.getMessage().contains("nohost:x"), noPort.getMessage());
        assertFalse(noPort.isUnsupported());
        assertThrows(BadEndpointException.class, () -> Endpoint.parse("tcp://host"));
        assertThrows(BadEndpointException.class, () -> Endpoint.parse("tcp://:5"));
        assertThrows(BadEndpointException.class, () -> Endpoint.parse("tcp://h:70000"));
        assertThrows(BadEndpointException.class, () -> Endpoint.parse("nonsense"));
        assertThrows(BadEndpointException.class, () -> Endpoint.parse("ipc://"));
    }

    @Test
    void transportsNotBuiltAreUnsupported()
    {
        for (final String endpoint : new String[]{"pgm://eth0;239.192.1.1:5555",
            "ipc://@abstract", "udp://127.0.0.1:5"})
        {
            final BadEndpointException failure =
                assertThrows(BadEndpointException.class, () -> Endpoint.parse(endpoint));
            assertTrue(failure.isUnsupported(), endpoint);
        }
    }

    @Test
    void epgmKeepsItsAddressAndChecksItsForm()
    {
        final Endpoint epgm = Endpoint.parse("epgm://10.251.0.1;239.192.1.1:5555");
        assertEquals(Endpoint.Scheme.EPGM, epgm.scheme());
        assertEquals("10.251.0.1;239.192.1.1:5555", epgm.path());
        for (final String bad : new String[]{"epgm://239.192.1.1:5555", "epgm://eth0;10.0.0.1:5555",
            "epgm://eth0;239.192.1.1:0", "epgm://eth0;239.192.1.1:", "epgm://eth0;239.192.1:5555"})
        {
            final BadEndpointException failure = assertThrows(BadEndpointException.class, () -> Endpoint.parse(bad));
            assertFalse(failure.isUnsupported(), bad);
        }
    }

    @Test
    void rawPgmNamesEpgmAsTheAlternative()
    {
        final BadEndpointException failure =
            assertThrows(BadEndpointException.class, () -> Endpoint.parse("pgm://eth0;239.192.1.1:5555"));
        assertTrue(failure.isUnsupported());
        assertTrue(failure.getMessage().contains("raw sockets"), failure.getMessage());
        assertTrue(failure.getMessage().contains("use epgm://"), failure.getMessage());
    }

    @Test
    void ipcAndInprocKeepTheirNames()
    {
        assertEquals("/tmp/x.sock", Endpoint.parse("ipc:///tmp/x.sock").path());
        assertEquals(Endpoint.Scheme.INPROC, Endpoint.parse("inproc://work").scheme());
        assertEquals("work", Endpoint.parse("inproc://work").path());
    }
}
