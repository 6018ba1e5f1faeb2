package io.ringmq.bench.sidebyside;

import io.ringmq.engine.CurveKeyPair;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContenderTest
{
    private static final Contender.Vars VARS = new Contender.Vars(
        "tcp://127.0.0.1:4000", 4000, 64, 20000, "/repo", "/repo/latency-bench/target/c", List.of("java", "-cp",
            "x.jar"));

    @Test
    void builtInsExpandToThePeerCommands()
    {
        final Map<String, Contender> all = Contenders.builtIn();
        assertEquals(List.of("/repo/latency-bench/target/c/raw_tcp_lat", "bind", "tcp://127.0.0.1:4000", "64", "20000"),
            all.get("raw").command(Role.LOCAL_LAT, VARS));
        assertEquals(List.of("/repo/latency-bench/target/c/raw_tcp_thr", "connect", "tcp://127.0.0.1:4000", "64",
            "20000"),
            all.get("raw").command(Role.REMOTE_THR, VARS));
        assertEquals(List.of("/repo/latency-bench/target/c/zmq_remote_lat", "tcp://127.0.0.1:4000", "64", "20000"),
            all.get("libzmq").command(Role.REMOTE_LAT, VARS));
        assertEquals(List.of("java", "-cp", "x.jar", "io.ringmq.bench.sidebyside.JeroMqPerf", "local_thr",
            "tcp://127.0.0.1:4000", "64", "20000"), all.get("jeromq").command(Role.LOCAL_THR, VARS));
    }

    @Test
    void curveOptionGivesTheServerItsSecretAndTheClientItsPublicKeyOfOnePair()
    {
        final Contender curve = Contenders.builtIn().get("libzmq-curve");
        final List<String> bind = curve.command(Role.LOCAL_THR, VARS);
        final List<String> connect = curve.command(Role.REMOTE_THR, VARS);
        assertEquals(List.of("/repo/latency-bench/target/c/zmq_local_thr", "tcp://127.0.0.1:4000", "64", "20000",
            "--curve-server", "--curve-secret"), bind.subList(0, 6));
        assertEquals(List.of("/repo/latency-bench/target/c/zmq_remote_thr", "tcp://127.0.0.1:4000", "64", "20000",
            "--curve-server-key"), connect.subList(0, 5));
        final byte[] secret = CurveKeyPair.decodeZ85(bind.get(6));
        assertEquals(CurveKeyPair.encodeZ85(CurveKeyPair.publicKeyOf(secret)), connect.get(5));
        assertEquals(bind, curve.command(Role.LOCAL_THR, VARS), "one key pair per harness run");
        assertTrue(Contenders.builtIn().get("ringmq-curve").command(Role.LOCAL_LAT, VARS).contains("--curve-server"));
    }

    @Test
    void warmupGoesToRemoteLatAndIsAddedToLocalLatsCount()
    {
        final Contender.Vars warm = new Contender.Vars("tcp://127.0.0.1:4000", 4000, 64, 20000, "/repo", "/c",
            List.of("java"), 500);
        final Contender libzmq = Contenders.builtIn().get("libzmq");
        assertEquals(List.of("/c/zmq_local_lat", "tcp://127.0.0.1:4000", "64", "20500"),
            libzmq.command(Role.LOCAL_LAT, warm));
        assertEquals(List.of("/c/zmq_remote_lat", "tcp://127.0.0.1:4000", "64", "20000", "--warmup", "500"),
            libzmq.command(Role.REMOTE_LAT, warm));
        assertEquals(List.of("/c/zmq_local_thr", "tcp://127.0.0.1:4000", "64", "20000"),
            libzmq.command(Role.LOCAL_THR, warm));
        // without a warm-up the placeholder vanishes: libzmq's own argument list
        assertEquals(List.of("/repo/latency-bench/target/c/zmq_remote_lat", "tcp://127.0.0.1:4000", "64", "20000"),
            libzmq.command(Role.REMOTE_LAT, VARS));
    }

    @Test
    void commandLineDefinitionsAddAndOverride()
    {
        final Map<String, Contender> all = new LinkedHashMap<>(Contenders.builtIn());
        assertEquals("mine", Contenders.define(all,
            "mine=/opt/x/bin/x {role} '{endpoint}' {size} {count} --opt 'a b'"));
        assertEquals(List.of("/opt/x/bin/x", "remote_lat", "tcp://127.0.0.1:4000", "64", "20000", "--opt", "a b"),
            all.get("mine").command(Role.REMOTE_LAT, VARS));

        assertEquals("mine", Contenders.define(all, "mine.local_lat=/opt/y/echo {port}"));
        assertEquals(List.of("/opt/y/echo", "4000"), all.get("mine").command(Role.LOCAL_LAT, VARS));
        assertEquals("/opt/x/bin/x", all.get("mine").command(Role.LOCAL_THR, VARS).get(0));

        assertEquals("half", Contenders.define(all, "half.local_lat=a {endpoint}"));
        assertTrue(all.get("half").supports(Role.LOCAL_LAT));
        assertFalse(all.get("half").supports(Role.REMOTE_LAT));

        assertThrows(IllegalArgumentException.class, () -> Contenders.define(all, "no-template"));
        assertThrows(IllegalArgumentException.class, () -> Contenders.define(all, "x=a 'unclosed"));
    }

    @Test
    void listenProbeReadsTheKernelTable()
    {
        final String listen = "   1: 0100007F:0FA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0";
        final String established = "   2: 0100007F:0FA0 0100007F:D3C2 01 00000000:00000000 00:00000000 00000000     0";
        assertTrue(ListenProbe.isListenLine(listen, ":0FA0"));
        assertFalse(ListenProbe.isListenLine(listen, ":0FA1"));
        assertFalse(ListenProbe.isListenLine(established, ":0FA0"));
    }
}
