package io.ringmq.codecs;

import io.ringmq.interop.LibzmqPeer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The codecs against libzmq 4.3 itself, over a plain TCP socket: what libzmq sends decodes as expected, and what
 * the codecs encode libzmq accepts.
 */
@Timeout(60)
class LibzmqWireTest
{
    private static final byte[] IDENTITY = bytes("ringmq-1");
    private LibzmqPeer peer;

    @BeforeEach
    void startPeer()
    {
        peer = LibzmqPeer.start();
    }

    @AfterEach
    void stopPeer()
    {
        peer.close();
    }

    @Test
    void libzmqGreetingIsZmtp31WithNullMechanism() throws Exception
    {
        peer.socket("r", "ROUTER");
        try (RawZmtpConnection connection = new RawZmtpConnection(peer.bind("r", "tcp://127.0.0.1:0")))
        {
            final GreetingDecoder greeting = connection.exchangeGreeting(Mechanism.NULL);
            assertEquals(ZmtpVersion.ZMTP_3_1, greeting.version());
            assertEquals(Mechanism.NULL, greeting.mechanism());
            assertTrue(greeting.isVersioned());
            assertEquals(GreetingDescriptor.LENGTH, greeting.receivedLength());
        }
    }

    @Test
    void readyPropertiesAndMultipartFramesReachLibzmqRouter() throws Exception
    {
        peer.socket("r", "ROUTER");
        try (RawZmtpConnection connection = new RawZmtpConnection(peer.bind("r", "tcp://127.0.0.1:0")))
        {
            connection.exchangeGreeting(Mechanism.NULL);
            final CommandDecoder ready = connection.exchangeReady(SocketType.DEALER, IDENTITY);
            final ReadyProperties properties = new ReadyProperties();
            assertEquals(WireError.NONE, properties.read(ready));
            assertEquals(SocketType.ROUTER, properties.socketType());

            final byte[] longFrame = new byte[300];
            new Random(7).nextBytes(longFrame);
            connection.sendMessage(bytes("hello"), new byte[0], longFrame);

            final List<byte[]> received = peer.recv("r", 10_000);
            assertNotNull(received, "libzmq received nothing");
            assertEquals(4, received.size());
            assertArrayEquals(IDENTITY, received.get(0), "ROUTER must route by the Identity we sent in READY");
            assertArrayEquals(bytes("hello"), received.get(1));
            assertArrayEquals(new byte[0], received.get(2));
            assertArrayEquals(longFrame, received.get(3));

            peer.send("r", IDENTITY, bytes("reply"), new byte[0]);
            final byte[][] reply = connection.nextMessage();
            assertEquals(2, reply.length);
            assertArrayEquals(bytes("reply"), reply[0]);
            assertArrayEquals(new byte[0], reply[1]);
        }
    }

    @Test
    void libzmqAnswersOurPingWithPongEchoingTheContext() throws Exception
    {
        peer.socket("d", "DEALER");
        try (RawZmtpConnection connection = new RawZmtpConnection(peer.bind("d", "tcp://127.0.0.1:0")))
        {
            connection.exchangeGreeting(Mechanism.NULL);
            connection.exchangeReady(SocketType.DEALER, new byte[0]);

            final byte[] context = bytes("ctx-0123456789ab");
            final int length = CommandEncoder.encodePing(
                connection.writeBuffer(), 0, 50, new UnsafeBuffer(context), 0, context.length);
            connection.write(length);

            final RawZmtpConnection.Frame pong = connection.nextFrame();
            assertTrue(pong.isCommand());
            final CommandDecoder command = new CommandDecoder();
            assertEquals(WireError.NONE, command.wrap(new UnsafeBuffer(pong.body()), 0, pong.body().length));
            assertEquals(CommandName.PONG, command.name());
            assertEquals(WireError.NONE, command.readPong());
            final byte[] echoed = new byte[command.fieldLength()];
            command.buffer().getBytes(command.fieldOffset(), echoed);
            assertArrayEquals(context, echoed);
        }
    }

    @Test
    void subscriptionsInBothFormsReachLibzmqXpub() throws Exception
    {
        peer.socket("x", "XPUB");
        try (RawZmtpConnection connection = new RawZmtpConnection(peer.bind("x", "tcp://127.0.0.1:0")))
        {
            connection.exchangeGreeting(Mechanism.NULL);
            final ReadyProperties properties = new ReadyProperties();
            assertEquals(WireError.NONE, properties.read(connection.exchangeReady(SocketType.SUB, null)));
            assertEquals(SocketType.XPUB, properties.socketType());

            final UnsafeBuffer topic = new UnsafeBuffer(bytes("topicA"));
            connection.write(CommandEncoder.encodeSubscription(connection.writeBuffer(), 0, true, topic, 0, 6));
            assertArrayEquals(bytes("\u0001topicA"), peer.recv("x", 10_000).get(0));

            final UnsafeBuffer other = new UnsafeBuffer(bytes("B"));
            connection.write(CommandEncoder.encodeSubscriptionMessage(connection.writeBuffer(), 0, true, other, 0, 1));
            assertArrayEquals(bytes("\u0001B"), peer.recv("x", 10_000).get(0));

            peer.send("x", bytes("topicA payload"));
            assertArrayEquals(bytes("topicA payload"), connection.nextMessage()[0]);

            connection.write(CommandEncoder.encodeSubscription(connection.writeBuffer(), 0, false, topic, 0, 6));
            assertArrayEquals(bytes("\u0000topicA"), peer.recv("x", 10_000).get(0));
        }
    }

    @Test
    void largeMessageFromLibzmqDecodesAcrossReads() throws Exception
    {
        peer.socket("p", "PAIR");
        try (RawZmtpConnection connection = new RawZmtpConnection(peer.bind("p", "tcp://127.0.0.1:0")))
        {
            connection.exchangeGreeting(Mechanism.NULL);
            connection.exchangeReady(SocketType.PAIR, null);
            final byte[] payload = new byte[200_000];
            new Random(11).nextBytes(payload);
            peer.send("p", payload, bytes("tail"));
            final byte[][] message = connection.nextMessage();
            assertEquals(2, message.length);
            assertArrayEquals(payload, message[0]);
            assertArrayEquals(bytes("tail"), message[1]);
        }
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
