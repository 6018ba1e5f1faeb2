package io.ringmq.cli;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * keygen, CURVE and PLAIN options of bin/ringmq against libzmq 4.3.
 */
@Timeout(120)
class CliSecurityIT
{
    private LibzmqPeer peer;

    @BeforeEach
    void start()
    {
        peer = LibzmqPeer.start();
    }

    @AfterEach
    void stop()
    {
        peer.close();
    }

    private static String[] keygen() throws Exception
    {
        final RingMqProcess keygen = RingMqProcess.run(null, "keygen");
        assertEquals(0, keygen.exitCode(), keygen.stderr());
        final List<String> lines = keygen.stdoutLines();
        assertEquals(2, lines.size(), keygen.stdout());
        assertTrue(lines.get(0).matches("public: \\S{40}"), lines.get(0));
        assertTrue(lines.get(1).matches("secret: \\S{40}"), lines.get(1));
        return new String[]{lines.get(0).substring(8), lines.get(1).substring(8)};
    }

    @Test
    void keygenKeysAreAcceptedByLibzmqAsACurveServer() throws Exception
    {
        final String[] server = keygen();
        assertEquals("ok " + server[0], peer.command("public " + server[1]), "libzmq derives the same public key");
        peer.socket("pull", "PULL");
        peer.command("opt pull CURVE_SERVER 1");
        peer.command("opt pull CURVE_SECRETKEY " + server[1]);
        final String endpoint = peer.bind("pull", "tcp://127.0.0.1:0");
        final RingMqProcess push = RingMqProcess.run("encrypted line\n", "send", "PUSH", endpoint,
            "--curve-server-key", server[0]);
        assertEquals(0, push.exitCode(), push.stderr());
        assertArrayEquals("encrypted line".getBytes(StandardCharsets.UTF_8), peer.recv("pull", 10_000).get(0));
    }

    @Test
    void aKeyBeginningWithAtSignsIsAKeyNotAnArgumentFile() throws Exception
    {
        final String[] server = keygen();
        // A valid Z85 key ("@@000" decodes below 2^32) of the kind libzmq generates about once in 7,000 keys.
        final String twoAts = "@@" + "0".repeat(38);
        final String oneAt = "@" + "0".repeat(39);
        try (RingMqProcess recv = RingMqProcess.start("recv", "PULL", "tcp://127.0.0.1:*", "--bind", "--count", "1",
            "--curve-server", "--curve-secret", server[1], "--curve-allow", twoAts, "--curve-allow", oneAt))
        {
            assertTrue(recv.boundEndpoint().startsWith("tcp://127.0.0.1:"), recv.stderr());
        }
    }

    @Test
    void curveServerWithAllowListServesAllowedLibzmqClientsOnly() throws Exception
    {
        final String[] server = keygen();
        final String[] allowed = peer.command("keypair").split(" ");
        final String[] stranger = peer.command("keypair").split(" ");
        try (RingMqProcess recv = RingMqProcess.start("recv", "PULL", "tcp://127.0.0.1:*", "--bind", "--count", "1",
            "--curve-server", "--curve-secret", server[1], "--curve-allow", allowed[1], "--verbose"))
        {
            final String endpoint = recv.boundEndpoint();
            peer.socket("bad", "PUSH");
            peer.command("opt bad CURVE_SERVERKEY " + server[0]);
            peer.command("opt bad CURVE_PUBLICKEY " + stranger[1]);
            peer.command("opt bad CURVE_SECRETKEY " + stranger[2]);
            peer.connect("bad", endpoint);
            peer.send("bad", "from a stranger".getBytes(StandardCharsets.UTF_8));
            // The refusal comes back through ZAP, asynchronously: seen before the friend connects, so that the
            // friend's message (which ends the command) cannot overtake it.
            recv.awaitStderr("handshake failed auth");

            peer.socket("good", "PUSH");
            peer.command("opt good CURVE_SERVERKEY " + server[0]);
            peer.command("opt good CURVE_PUBLICKEY " + allowed[1]);
            peer.command("opt good CURVE_SECRETKEY " + allowed[2]);
            peer.connect("good", endpoint);
            peer.send("good", "from a friend".getBytes(StandardCharsets.UTF_8));

            assertEquals(0, recv.await(30), recv.stderr());
            assertEquals("from a friend\n", recv.stdout());
            assertTrue(recv.stderr().contains("handshake failed auth"),
                "--verbose reports the refusal: " + recv.stderr());
        }
    }

    @Test
    void plainServerAndClientAgainstLibzmq() throws Exception
    {
        try (RingMqProcess recv = RingMqProcess.start("recv", "PULL", "tcp://127.0.0.1:*", "--bind", "--count", "1",
            "--plain-server", "--plain-user", "admin:pa:ss"))
        {
            peer.socket("push", "PUSH");
            peer.command("opt push PLAIN_USERNAME admin");
            peer.command("opt push PLAIN_PASSWORD pa:ss");
            peer.connect("push", recv.boundEndpoint());
            peer.send("push", "plain hello".getBytes(StandardCharsets.UTF_8));
            assertEquals(0, recv.await(30), recv.stderr());
            assertEquals("plain hello\n", recv.stdout());
        }

        peer.command("zap 400");
        peer.socket("rep", "REP");
        peer.command("opt rep PLAIN_SERVER 1");
        final String endpoint = peer.bind("rep", "tcp://127.0.0.1:0");
        final RingMqProcess refused = RingMqProcess.run("question\n", "send", "REQ", endpoint,
            "--plain-user", "who:ever", "--timeout", "20");
        assertEquals(1, refused.exitCode(), "a refused handshake exits 1 at once: " + refused.stderr());
        assertTrue(refused.stderr().startsWith("ringmq: ") && refused.stderr().contains("refused"), refused.stderr());
    }
}
