package io.ringmq.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.ringmq.codecs.SocketType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketTypeTest
{
    @Test
    void numbersAreLibzmqs()
    {
        final SocketType[] byZmqNumber = {PAIR, PUB, SUB, REQ, REP, DEALER, ROUTER, PULL, PUSH, XPUB, XSUB, STREAM};
        for (int number = 0; number < byZmqNumber.length; number++)
        {
            assertEquals(number, byZmqNumber[number].number());
            assertEquals(byZmqNumber[number], SocketType.fromNumber(number));
        }
        assertNull(SocketType.fromNumber(12));
        assertNull(SocketType.fromNumber(-1));
    }

    @Test
    void rfc37CompatibilityTable()
    {
        assertTrue(REQ.isCompatibleWith(REP) && REQ.isCompatibleWith(ROUTER));
        assertTrue(DEALER.isCompatibleWith(DEALER) && ROUTER.isCompatibleWith(ROUTER));
        assertTrue(PUB.isCompatibleWith(XSUB) && XPUB.isCompatibleWith(SUB));
        assertTrue(PUSH.isCompatibleWith(PULL) && PAIR.isCompatibleWith(PAIR));
        assertFalse(PUB.isCompatibleWith(PUSH), "libzmq refuses PUB to PUSH");
        assertFalse(REQ.isCompatibleWith(REQ));
        assertFalse(REP.isCompatibleWith(ROUTER));
        assertFalse(PUB.isCompatibleWith(PUB));
        for (final SocketType type : SocketType.values())
        {
            assertFalse(STREAM.isCompatibleWith(type) || type.isCompatibleWith(STREAM));
            for (final SocketType peer : SocketType.values())
            {
                assertEquals(type.isCompatibleWith(peer), peer.isCompatibleWith(type), type + " vs " + peer);
            }
        }
    }

    @Test
    void wireNamesAreLookedUpExactly()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer("DEALERX".getBytes(StandardCharsets.US_ASCII));
        assertEquals(DEALER, SocketType.fromWireName(buffer, 0, 6));
        assertNull(SocketType.fromWireName(buffer, 0, 7));
        assertNull(SocketType.fromWireName(buffer, 0, 5));
    }
}
