package io.ringmq.crypto;

import io.ringmq.codecs.SocketType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PLAIN client against PLAIN server in memory, ZAP decisions, and malformed HELLOs.
 */
@Timeout(30)
class PlainMechanismTest
{
    private static PlainMechanism client(final String user, final String password)
    {
        return PlainMechanism.client(new MechanismConfig(SocketType.REQ, "me".getBytes()), user, password);
    }

    private static PlainMechanism server(final ZapSettings zap)
    {
        return PlainMechanism.server(new MechanismConfig(SocketType.REP, null), zap);
    }

    @Test
    void handshakeWithoutZapAcceptsAndExchangesMetadata()
    {
        final MechanismPair pair = new MechanismPair(client("admin", "secret"), server(null));
        pair.pump();
        assertEquals(SecurityMechanism.READY, pair.client.status());
        assertEquals(SecurityMechanism.READY, pair.server.status());
        assertEquals(SocketType.REQ, pair.server.peerSocketType());
        assertEquals(SocketType.REP, pair.client.peerSocketType());
        assertArrayEquals("me".getBytes(), pair.server.peerIdentity());
        assertEquals("admin", ((PlainMechanism)pair.server).peerUsername());
        assertFalse(pair.client.encryptsMessages());
    }

    @Test
    void helloCarriesTheCredentialsAsRfc24Says()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = client("ab", "xyz").produceCommand(buffer, 0);
        final byte[] hello = new byte[length];
        buffer.getBytes(0, hello);
        assertArrayEquals("\u0005HELLO\u0002ab\u0003xyz".getBytes(StandardCharsets.ISO_8859_1), hello);
    }

    @Test
    void zapDecidesOnUserAndPassword()
    {
        final CurveMechanismTest.FakeZap zap = new CurveMechanismTest.FakeZap();
        final MechanismPair pair = new MechanismPair(client("admin", "secret"),
            server(new ZapSettings(zap, "dom", "10.0.0.1", new byte[0], false)));
        pair.pump();
        assertTrue(pair.server.awaitingZap());
        final byte[][] request = zap.requests.peek();
        assertEquals("PLAIN", new String(request[5]));
        assertEquals("admin", new String(request[6]));
        assertEquals("secret", new String(request[7]));
        zap.reply("200", "admin-id");
        pair.pump();
        assertEquals(SecurityMechanism.READY, pair.server.status());
        assertEquals(SecurityMechanism.READY, pair.client.status());
        assertEquals("admin-id", pair.server.userId());

        final CurveMechanismTest.FakeZap refusing = new CurveMechanismTest.FakeZap();
        final MechanismPair refused = new MechanismPair(client("admin", "wrong"),
            server(new ZapSettings(refusing, "", "", new byte[0], false)));
        refused.pump();
        refusing.reply("400", "");
        refused.pump();
        assertEquals(SecurityFailure.AUTHENTICATION_FAILED, refused.server.failure());
        assertTrue(refused.server.sendsError());
        assertEquals("400", refused.server.errorReason());
    }

    @Test
    void passwordLongerThanTheFrameFailsCleanly()
    {
        final PlainMechanism server = server(null);
        final byte[] hello = "\u0005HELLO\u0002ab\u00c8xyz".getBytes(StandardCharsets.ISO_8859_1); // says 200 bytes
        assertEquals(SecurityMechanism.FAILED, server.consumeCommand(new UnsafeBuffer(hello), 0, hello.length));
        assertEquals(SecurityFailure.MALFORMED_COMMAND, server.failure());
        assertTrue(server.errorReason().contains("password"));

        final byte[] userTooLong = "\u0005HELLO\u00ffab".getBytes(StandardCharsets.ISO_8859_1);
        final PlainMechanism other = server(null);
        assertEquals(SecurityMechanism.FAILED, other.consumeCommand(new UnsafeBuffer(userTooLong), 0,
            userTooLong.length));
        assertEquals(SecurityFailure.MALFORMED_COMMAND, other.failure());

        final byte[] noPassword = "\u0005HELLO\u0002ab".getBytes(StandardCharsets.ISO_8859_1);
        final PlainMechanism third = server(null);
        third.consumeCommand(new UnsafeBuffer(noPassword), 0, noPassword.length);
        assertEquals(SecurityFailure.MALFORMED_COMMAND, third.failure());

        final byte[] trailing = "\u0005HELLO\u0001a\u0001bZ".getBytes(StandardCharsets.ISO_8859_1);
        final PlainMechanism fourth = server(null);
        fourth.consumeCommand(new UnsafeBuffer(trailing), 0, trailing.length);
        assertEquals(SecurityFailure.MALFORMED_COMMAND, fourth.failure());
    }

    @Test
    void credentialsOver255BytesAreRefusedAtConfiguration()
    {
        final char[] longPassword = new char[256];
        Arrays.fill(longPassword, 'p');
        assertThrows(IllegalArgumentException.class, () -> client("u", new String(longPassword)));
    }

    @Test
    void oversizedOrMalformedInitiateMetadataFails()
    {
        final MechanismPair pair = new MechanismPair(client("u", "p"), server(null));
        pair.toServer = body -> body[0] == 8 ? Arrays.copyOf(body, HandshakeBase.MAX_METADATA_LENGTH + 20) : body;
        pair.pump();
        assertEquals(SecurityFailure.BAD_METADATA, pair.server.failure());

        final MechanismPair broken = new MechanismPair(client("u", "p"), server(null));
        broken.toServer = body ->
        {
            if (body[0] == 8)
            {
                body[9 + 1 + 11 + 3] = 0x7F; // Socket-Type value length far beyond the command
            }
            return body;
        };
        broken.pump();
        assertEquals(SecurityFailure.BAD_METADATA, broken.server.failure());
    }

    @Test
    void peerErrorFailsTheClient()
    {
        final PlainMechanism client = client("u", "p");
        client.produceCommand(new UnsafeBuffer(new byte[64]), 0);
        final byte[] error = "\u0005ERROR\u0003400".getBytes(StandardCharsets.ISO_8859_1);
        client.consumeCommand(new UnsafeBuffer(error), 0, error.length);
        assertEquals(SecurityFailure.PEER_ERROR, client.failure());
        assertTrue(client.errorReason().contains("400"));
    }
}
