package io.ringmq.transports.zmtp;

import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.ZmtpVersion;
import io.ringmq.crypto.CurveKeys;
import io.ringmq.crypto.CurveMechanism;
import io.ringmq.crypto.MechanismConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static io.ringmq.transports.zmtp.CurveInteropTest.bytes;
import static io.ringmq.transports.zmtp.CurveInteropTest.connect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CURVE against JeroMQ 0.6.0, a ZMTP 3.0 peer: subscriptions travel as encrypted messages, not commands.
 */
@Timeout(60)
class CurveJeromqInteropTest
{
    @Test
    void ringmqCurveSubscriberWithJeromqCurvePublisher() throws Exception
    {
        final CurveKeys.KeyPair server = CurveKeys.generateKeyPair();
        final CurveKeys.KeyPair client = CurveKeys.generateKeyPair();
        try (ZContext context = new ZContext(1))
        {
            final ZMQ.Socket pub = context.createSocket(org.zeromq.SocketType.XPUB);
            pub.setCurveServer(true);
            pub.setCurveSecretKey(server.secretKey());
            pub.setReceiveTimeOut(10_000);
            final int port = pub.bindToRandomPort("tcp://127.0.0.1");
            try (BlockingEngineConnection sub = connect("tcp://127.0.0.1:" + port, SocketType.SUB,
                CurveMechanism.client(new MechanismConfig(SocketType.SUB, null), server.publicKey(),
                    client.publicKey(), client.secretKey())))
            {
                assertTrue(sub.handshake(), () -> "handshake failed: " + sub.listener.failureReason);
                assertEquals(ZmtpVersion.ZMTP_3_0, sub.listener.version);
                sub.send(bytes("\u0001tick"));
                assertArrayEquals(bytes("\u0001tick"), pub.recv(), "a 3.0 peer gets the subscription as a message");
                pub.send("tick 1");
                assertArrayEquals(bytes("tick 1"), sub.receive().get(0));
            }
        }
    }
}
