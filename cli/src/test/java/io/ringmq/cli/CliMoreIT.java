package io.ringmq.cli;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The remaining socket types of the cat tools against libzmq, the options that change how the tools run
 * (--io-threads 0, --affinity, --wait-strategy, --hgrm), and bench's table.
 */
@Timeout(180)
class CliMoreIT
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

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sendAsPairRouterAndXpub() throws Exception
    {
        peer.socket("pair", "PAIR");
        final String pairEndpoint = peer.bind("pair", "tcp://127.0.0.1:0");
        final RingMqProcess pair = RingMqProcess.run("to pair\n", "send", "PAIR", pairEndpoint, "--io-threads", "0");
        assertEquals(0, pair.exitCode(), pair.stderr());
        assertArrayEquals(bytes("to pair"), peer.recv("pair", 10_000).get(0));

        try (RingMqProcess router = RingMqProcess.start("send", "ROUTER", "tcp://127.0.0.1:*", "--bind",
            "--delay-ms", "1500", "--wait-strategy", "sleep"))
        {
            peer.socket("dealer", "DEALER");
            peer.command("opt dealer ROUTING_ID abc");
            peer.connect("dealer", router.boundEndpoint());
            router.input("0x616263\trouted\n");
            assertEquals(0, router.await(30), router.stderr());
            assertArrayEquals(bytes("routed"), peer.recv("dealer", 10_000).get(0));
        }

        try (RingMqProcess xpub = RingMqProcess.start("send", "XPUB", "tcp://127.0.0.1:*", "--bind",
            "--delay-ms", "1500", "--affinity", "0"))
        {
            peer.socket("sub", "SUB");
            peer.command("opt sub SUBSCRIBE 0x");
            peer.connect("sub", xpub.boundEndpoint());
            peer.recv("sub", 200); // let libzmq take the connection in and send its subscription
            xpub.input("to subscribers\n");
            assertEquals(0, xpub.await(30), xpub.stderr());
            assertArrayEquals(bytes("to subscribers"), peer.recv("sub", 10_000).get(0));
        }
    }

    @Test
    void recvAsDealerAndXsub() throws Exception
    {
        try (RingMqProcess dealer = RingMqProcess.start("recv", "DEALER", "tcp://127.0.0.1:*", "--bind", "--count", "1",
            "--timeout", "20", "--wait-strategy", "yield"))
        {
            peer.socket("peer", "DEALER"); // libzmq's connecting DEALER queues until the connection is up
            peer.connect("peer", dealer.boundEndpoint());
            peer.send("peer", bytes("to dealer"), new byte[0]);
            assertEquals(0, dealer.await(30), dealer.stderr());
            assertEquals("to dealer\t\n", dealer.stdout());
        }

        peer.socket("pub", "XPUB");
        final String pubEndpoint = peer.bind("pub", "tcp://127.0.0.1:0");
        try (RingMqProcess xsub = RingMqProcess.start("recv", "XSUB", pubEndpoint, "--subscribe", "t", "--count", "1",
            "--timeout", "20"))
        {
            assertArrayEquals(bytes("\u0001t"), peer.recv("pub", 10_000).get(0), "XSUB sends its subscription");
            peer.send("pub", bytes("t1"));
            assertEquals(0, xsub.await(30), xsub.stderr());
            assertEquals("t1\n", xsub.stdout());
        }
    }

    @Test
    void remoteLatWritesTheHgrmFile(@TempDir final Path dir) throws Exception
    {
        final Path hgrm = dir.resolve("rtt.hgrm");
        try (RingMqProcess localLat =
            RingMqProcess.start("local_lat", "tcp://127.0.0.1:*", "16", "300", "--timeout", "30"))
        {
            final RingMqProcess remoteLat = RingMqProcess.start("remote_lat", localLat.boundEndpoint(), "16", "300",
                "--hgrm", hgrm.toString(), "--timeout", "30");
            assertEquals(0, remoteLat.await(60), remoteLat.stderr());
            assertEquals(0, localLat.await(30), localLat.stderr());
            assertEquals(9, remoteLat.stdoutLines().size(), remoteLat.stdout());
        }
        final String distribution = Files.readString(hgrm);
        assertTrue(distribution.contains("Percentile") && distribution.contains("#[Mean"), distribution);
    }

    @Test
    void benchPrintsItsTable() throws Exception
    {
        final RingMqProcess bench = RingMqProcess.run(null, "bench", "--transports", "inproc,tcp", "--sizes", "64",
            "--count", "300", "--no-curve");
        assertEquals(0, bench.exitCode(), bench.stderr());
        final List<String> lines = bench.stdoutLines();
        assertTrue(lines.get(1).matches("transport\\s+size\\s+security\\s+p50 \\(us\\)\\s+p99 \\(us\\)" +
            "\\s+p99\\.9 \\(us\\)\\s+max \\(us\\)\\s+msg/s"), lines.get(1));
        assertTrue(lines.get(2).startsWith("inproc") && lines.get(2).contains("NULL"), lines.get(2));
        assertTrue(lines.get(3).startsWith("tcp") && lines.get(3).contains("NULL"), lines.get(3));
        // Then the inproc comparison: its rows and ratios when the benchmarks jar is built (BenchInprocIT in
        // latency-bench checks them), else one line saying it was not measured; nothing else.
        final String last = lines.get(lines.size() - 1);
        assertTrue(
            last.startsWith("inproc 64 B") && (last.contains("not measured") || last.contains("vs JeroMQ")), last);
        assertTrue(lines.size() == 5 || lines.size() == 7, bench.stdout());
    }
}
