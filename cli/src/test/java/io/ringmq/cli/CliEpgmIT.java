package io.ringmq.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code bin/ringmq send}/{@code recv} over epgm with {@code --rate}, in two namespaces joined by a veth
 * ({@code scripts/epgm-netns.sh}): ringmq's send to ringmq's recv, and libzmq's PUB to ringmq's recv. Needs root.
 */
class CliEpgmIT
{
    private static final String SEND = "epgm://10.251.0.1;239.192.1.1:5555";
    private static final String RECV = "epgm://10.251.0.2;239.192.1.1:5555";

    /** The two namespaces, held by the script until its stdin closes. */
    private static final class Namespaces implements AutoCloseable
    {
        final Process holder;
        final String a;
        final String b;

        Namespaces() throws IOException, InterruptedException
        {
            final String script = RingMqProcess.root().resolve("scripts/epgm-netns.sh").toString();
            final Process check = new ProcessBuilder(script, "check").redirectErrorStream(true).start();
            final String problem = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (check.waitFor() != 0)
            {
                fail("epgm over namespaces needs root, iproute2 and nftables (" + problem.trim() + ")");
            }
            holder = new ProcessBuilder(script, "hold").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            final String ready = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
            if (ready == null || !ready.startsWith("ready "))
            {
                holder.destroy();
                fail("scripts/epgm-netns.sh hold made no namespaces: " + ready);
            }
            final String[] names = ready.split(" ");
            a = names[1];
            b = names[2];
        }

        RingMqProcess ringmq(final String namespace, final String... args) throws IOException
        {
            final List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                RingMqProcess.root().resolve("bin/ringmq").toString()));
            command.addAll(List.of(args));
            return RingMqProcess.exec(command);
        }

        @Override
        public void close() throws Exception
        {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS))
            {
                holder.destroy();
            }
        }
    }

    @Test
    void ringmqSendToRingmqRecv() throws Exception
    {
        try (Namespaces net = new Namespaces();
            RingMqProcess recv = net.ringmq(net.b, "recv", "SUB", RECV, "--rate", "100000", "--count", "3",
                "--timeout", "20"))
        {
            Thread.sleep(1500);
            final RingMqProcess send = net.ringmq(net.a, "send", "PUB", SEND, "--rate", "100000",
                "--recovery-ivl", "2000", "--delay-ms", "1000");
            send.input("hello\tworld\nsecond\n0x00ff\n");
            assertEquals(0, send.await(30), send.stderr());
            assertEquals(0, recv.await(30), recv.stderr());
            assertEquals(List.of("hello\tworld", "second", "0x00ff"), recv.stdoutLines());
        }
    }

    @Test
    void libzmqPublisherToRingmqRecv() throws Exception
    {
        try (Namespaces net = new Namespaces();
            RingMqProcess recv = net.ringmq(net.b, "recv", "SUB", RECV, "--rate", "100000", "--count", "4",
                "--subscribe", "1", "--timeout", "20"))
        {
            Thread.sleep(1500);
            final Process pub = new ProcessBuilder("ip", "netns", "exec", net.a, "/usr/bin/python3",
                RingMqProcess.root().resolve("test-peers/epgm_peer.py").toString(), "pub", SEND, "100000", "20",
                "1.0").redirectErrorStream(true).start();
            try
            {
                assertEquals(0, recv.await(30), recv.stderr());
                // Messages 1, 10 to 12 (13 is multipart and would be the fifth); SUB filters by prefix itself.
                final List<String> lines = recv.stdoutLines();
                assertEquals(List.of("1", "10", "11", "12"), lines);
                assertTrue(recv.stderr().isEmpty(), recv.stderr());
            }
            finally
            {
                pub.destroyForcibly();
            }
        }
    }
}
