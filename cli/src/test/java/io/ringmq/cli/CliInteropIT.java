package io.ringmq.cli;

import io.ringmq.interop.LibzmqPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/ringmq against libzmq 4.3 peers: the perf tools both ways, the cat tools for every socket type, proxy.
 */
@Timeout(180)
class CliInteropIT
{
    private static final byte[] BINARY = {0, 1, (byte)0xFF, 9, 10};
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

    private static Process perfPeer(final String... args) throws IOException
    {
        final String[] command = new String[args.length + 2];
        command[0] = LibzmqPeer.PYTHON;
        command[1] = RingMqProcess.root().resolve("test-peers/zmq_perf.py").toString();
        System.arraycopy(args, 0, command, 2, args.length);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String finish(final Process process) throws Exception
    {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "libzmq perf peer hung");
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    void localLatAndLocalThrServeLibzmqClients() throws Exception
    {
        try (RingMqProcess localLat =
            RingMqProcess.start("local_lat", "tcp://127.0.0.1:*", "32", "500", "--timeout", "30"))
        {
            final Process remote = perfPeer("remote_lat", localLat.boundEndpoint(), "32", "500");
            final String out = finish(remote);
            assertTrue(out.startsWith("message size: 32 [B]\nroundtrip count: 500\naverage latency: "), out);
            assertEquals(0, localLat.await(30), localLat.stderr());
            assertEquals("", localLat.stdout(), "local_lat prints nothing on stdout");
        }
        try (RingMqProcess localThr =
            RingMqProcess.start("local_thr", "tcp://127.0.0.1:*", "16", "20000", "--timeout", "30"))
        {
            finish(perfPeer("remote_thr", localThr.boundEndpoint(), "16", "20000"));
            assertEquals(0, localThr.await(30), localThr.stderr());
            final List<String> lines = localThr.stdoutLines();
            assertEquals(4, lines.size(), localThr.stdout());
            assertEquals("message size: 16 [B]", lines.get(0));
            assertEquals("message count: 20000", lines.get(1));
            assertTrue(lines.get(2).matches("mean throughput: \\d+ \\[msg/s]"), lines.get(2));
            assertTrue(lines.get(3).matches("mean throughput: \\d+\\.\\d{3} \\[Mb/s]"), lines.get(3));
        }
    }

    @Test
    void remoteLatAndRemoteThrDriveLibzmqServers() throws Exception
    {
        final Process localLat = perfPeer("local_lat", "tcp://127.0.0.1:25711", "8", "300");
        final RingMqProcess remoteLat = RingMqProcess.start("remote_lat", "tcp://127.0.0.1:25711", "8", "200",
            "--warmup", "100", "--timeout", "30");
        assertEquals(0, remoteLat.await(60), remoteLat.stderr());
        finish(localLat);
        final List<String> lines = remoteLat.stdoutLines();
        assertEquals(9, lines.size(), remoteLat.stdout());
        assertEquals("message size: 8 [B]", lines.get(0));
        assertEquals("roundtrip count: 200", lines.get(1));
        assertTrue(lines.get(2).matches("average latency: \\d+\\.\\d{3} \\[us]"), lines.get(2));
        final String[] names = {"p50", "p90", "p99", "p99.9", "p99.99", "max"};
        for (int i = 0; i < names.length; i++)
        {
            assertTrue(lines.get(3 + i).matches(java.util.regex.Pattern.quote(names[i]) + ": \\d+\\.\\d{3} \\[us]"),
                lines.get(3 + i));
        }

        final Process localThr = perfPeer("local_thr", "tcp://127.0.0.1:25712", "100", "10000");
        final RingMqProcess remoteThr = RingMqProcess.start("remote_thr", "tcp://127.0.0.1:25712", "100", "10000",
            "--timeout", "30");
        assertEquals(0, remoteThr.await(60), remoteThr.stderr());
        assertEquals("", remoteThr.stdout());
        assertTrue(finish(localThr).contains("message count: 10000"));
    }

    @Test
    void recvPrintsWhatLibzmqSendsInTheLineFormat() throws Exception
    {
        // PULL, multipart with an empty, a binary and a text frame that reads like hex.
        try (RingMqProcess recv = RingMqProcess.start("recv", "PULL", "tcp://127.0.0.1:*", "--bind", "--count", "2"))
        {
            peer.socket("push", "PUSH");
            peer.connect("push", recv.boundEndpoint());
            peer.send("push", bytes("héllo"), new byte[0], BINARY);
            peer.send("push", bytes("0xab"));
            assertEquals(0, recv.await(30), recv.stderr());
            assertEquals("héllo\t\t0x0001ff090a\n0x30786162\n", recv.stdout());
        }
        // ROUTER prints the routing id in hex; SUB filters by --subscribe; REP echoes.
        try (RingMqProcess router =
            RingMqProcess.start("recv", "ROUTER", "tcp://127.0.0.1:*", "--bind", "--count", "1"))
        {
            peer.socket("dealer", "DEALER");
            peer.command("opt dealer ROUTING_ID abc");
            peer.connect("dealer", router.boundEndpoint());
            peer.send("dealer", bytes("hi"));
            assertEquals(0, router.await(30), router.stderr());
            assertEquals("0x616263\thi\n", router.stdout());
        }
        try (RingMqProcess rep = RingMqProcess.start("recv", "REP", "tcp://127.0.0.1:*", "--bind", "--count", "1"))
        {
            peer.socket("req", "REQ");
            peer.connect("req", rep.boundEndpoint());
            peer.send("req", bytes("echo me"), BINARY);
            final List<byte[]> echoed = peer.recv("req", 10_000);
            assertNotNull(echoed);
            assertArrayEquals(bytes("echo me"), echoed.get(0));
            assertArrayEquals(BINARY, echoed.get(1));
            assertEquals(0, rep.await(30), rep.stderr());
            assertEquals("echo me\t0x0001ff090a\n", rep.stdout());
        }
        peer.socket("pub", "PUB");
        final String pubEndpoint = peer.bind("pub", "tcp://127.0.0.1:0");
        try (RingMqProcess sub = RingMqProcess.start("recv", "SUB", pubEndpoint, "--subscribe", "news", "--count", "1"))
        {
            for (int i = 0; i < 400 && sub.stdout().isEmpty(); i++)
            {
                peer.send("pub", bytes("sport"));
                peer.send("pub", bytes("news!"));
                Thread.sleep(25);
            }
            assertEquals(0, sub.await(30), sub.stderr());
            assertEquals("news!\n", sub.stdout());
        }
    }

    @Test
    void sendDeliversLinesToLibzmq() throws Exception
    {
        peer.socket("pull", "PULL");
        final String pullEndpoint = peer.bind("pull", "tcp://127.0.0.1:0");
        final RingMqProcess push =
            RingMqProcess.run("a\t\t0x00ff\n\nlast without newline", "send", "PUSH", pullEndpoint);
        assertEquals(0, push.exitCode(), push.stderr());
        final List<byte[]> first = peer.recv("pull", 10_000);
        assertEquals(3, first.size());
        assertArrayEquals(bytes("a"), first.get(0));
        assertArrayEquals(new byte[0], first.get(1));
        assertArrayEquals(new byte[]{0, (byte)0xFF}, first.get(2));
        final List<byte[]> empty = peer.recv("pull", 10_000);
        assertEquals(1, empty.size());
        assertEquals(0, empty.get(0).length, "an empty line is one empty frame");
        assertArrayEquals(bytes("last without newline"), peer.recv("pull", 10_000).get(0));

        peer.socket("rep", "REP");
        final String repEndpoint = peer.bind("rep", "tcp://127.0.0.1:0");
        final RingMqProcess req = RingMqProcess.start("send", "REQ", repEndpoint, "--timeout", "20");
        req.input("question\n");
        assertArrayEquals(bytes("question"), peer.recv("rep", 10_000).get(0));
        peer.send("rep", bytes("answer"));
        assertEquals(0, req.await(30), req.stderr());
        assertEquals("answer\n", req.stdout());

        peer.socket("router", "ROUTER");
        final String routerEndpoint = peer.bind("router", "tcp://127.0.0.1:0");
        final RingMqProcess dealer = RingMqProcess.start("send", "DEALER", routerEndpoint, "--count", "1",
            "--timeout", "20");
        dealer.input("to router\n");
        final List<byte[]> atRouter = peer.recv("router", 10_000);
        assertArrayEquals(bytes("to router"), atRouter.get(1));
        peer.send("router", atRouter.get(0), bytes("back"));
        assertEquals(0, dealer.await(30), dealer.stderr());
        assertEquals("back\n", dealer.stdout());

        peer.socket("sub", "SUB");
        peer.command("opt sub SUBSCRIBE 0x");
        try (RingMqProcess pub =
            RingMqProcess.start("send", "PUB", "tcp://127.0.0.1:*", "--bind", "--delay-ms", "1500"))
        {
            peer.connect("sub", pub.boundEndpoint());
            peer.recv("sub", 100); // let libzmq take the connection in and send its subscription
            pub.input("broadcast\n");
            assertEquals(0, pub.await(30), pub.stderr());
            assertArrayEquals(bytes("broadcast"), peer.recv("sub", 10_000).get(0));
        }
    }

    @Test
    void pairAndXpubXsubBothWays() throws Exception
    {
        try (RingMqProcess pair = RingMqProcess.start("recv", "PAIR", "tcp://127.0.0.1:*", "--bind", "--count", "1"))
        {
            peer.socket("pair", "PAIR");
            peer.connect("pair", pair.boundEndpoint());
            peer.send("pair", BINARY);
            assertEquals(0, pair.await(30), pair.stderr());
            assertEquals("0x0001ff090a\n", pair.stdout());
        }
        peer.socket("xsub", "XSUB");
        try (RingMqProcess xpub = RingMqProcess.start("recv", "XPUB", "tcp://127.0.0.1:*", "--bind", "--count", "1"))
        {
            peer.connect("xsub", xpub.boundEndpoint());
            peer.send("xsub", bytes("\u0001topic"));
            assertEquals(0, xpub.await(30), xpub.stderr());
            assertEquals("0x01746f706963\n", xpub.stdout(), "a subscription starts with a control byte: hex");
        }
        peer.socket("xpub", "XPUB");
        final String xpubEndpoint = peer.bind("xpub", "tcp://127.0.0.1:0");
        final RingMqProcess xsub = RingMqProcess.start("send", "XSUB", xpubEndpoint, "--timeout", "20");
        xsub.input("0x0174\n");
        assertEquals(0, xsub.await(30), xsub.stderr());
        assertArrayEquals(new byte[]{1, 't'}, peer.recv("xpub", 10_000).get(0));
    }

    @Test
    void proxyBrokersLibzmqClientsAndWorkers() throws Exception
    {
        try (RingMqProcess proxy = RingMqProcess.start("proxy", "ROUTER", "tcp://127.0.0.1:*", "DEALER",
            "tcp://127.0.0.1:*"))
        {
            final String[] endpoints = awaitTwoBound(proxy);
            peer.socket("client", "REQ");
            peer.connect("client", endpoints[0]);
            peer.socket("worker", "REP");
            peer.connect("worker", endpoints[1]);
            for (int i = 0; i < 5; i++)
            {
                peer.send("client", bytes("job " + i));
                assertArrayEquals(bytes("job " + i), peer.recv("worker", 10_000).get(0));
                peer.send("worker", bytes("done " + i));
                assertArrayEquals(bytes("done " + i), peer.recv("client", 10_000).get(0));
            }
        }
    }

    private static String[] awaitTwoBound(final RingMqProcess process) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline)
        {
            final List<String> bound = process.stderr().lines().filter(l -> l.startsWith("bound: ")).toList();
            if (bound.size() == 2)
            {
                return new String[]{bound.get(0).substring(7).trim(), bound.get(1).substring(7).trim()};
            }
            Thread.sleep(20);
        }
        throw new AssertionError("proxy did not bind: " + process.stderr());
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
