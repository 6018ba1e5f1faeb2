package io.ringmq.codecs;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.ringmq.codecs.FrameDescriptor.FLAG_COMMAND;
import static io.ringmq.codecs.FrameDescriptor.SHORT_HEADER_LENGTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandCodecTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final CommandDecoder command = new CommandDecoder();

    @Test
    void readyCarriesSocketTypeAndIdentity()
    {
        final byte[] identity = bytes("peer-7");
        final int length = CommandEncoder.encodeReady(buffer, 0, SocketType.ROUTER, new UnsafeBuffer(identity), 0, 6);
        assertEquals(FLAG_COMMAND, buffer.getByte(0));
        assertEquals(length - SHORT_HEADER_LENGTH, buffer.getByte(1) & 0xFF);
        assertEquals(WireError.NONE, command.wrap(buffer, SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH));
        assertEquals(CommandName.READY, command.name());
        final ReadyProperties properties = new ReadyProperties();
        assertEquals(WireError.NONE, properties.read(command));
        assertEquals(SocketType.ROUTER, properties.socketType());
        assertEquals("peer-7", text(properties.identityOffset(), properties.identityLength()));
    }

    @Test
    void readyWithoutIdentityHasNone()
    {
        final int length = CommandEncoder.encodeReady(buffer, 0, SocketType.PUB, null, 0, 0);
        command.wrap(buffer, SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH);
        final ReadyProperties properties = new ReadyProperties();
        assertEquals(WireError.NONE, properties.read(command));
        assertEquals(SocketType.PUB, properties.socketType());
        assertEquals(-1, properties.identityOffset());
    }

    @Test
    void errorCarriesItsReason()
    {
        final int length = CommandEncoder.encodeError(buffer, 0, "Invalid credentials");
        command.wrap(buffer, SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH);
        assertEquals(CommandName.ERROR, command.name());
        assertEquals(WireError.NONE, command.readErrorReason());
        assertEquals("Invalid credentials", text(command.fieldOffset(), command.fieldLength()));
    }

    @Test
    void pingCarriesTtlAndContextAndPongEchoesIt()
    {
        final byte[] context = bytes("0123456789abcdef");
        int length = CommandEncoder.encodePing(buffer, 0, 300, new UnsafeBuffer(context), 0, 16);
        command.wrap(buffer, SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH);
        assertEquals(CommandName.PING, command.name());
        assertEquals(WireError.NONE, command.readPing());
        assertEquals(300, command.pingTtl());
        assertEquals("0123456789abcdef", text(command.fieldOffset(), command.fieldLength()));

        length = CommandEncoder.encodePong(buffer, 0, buffer, command.fieldOffset(), command.fieldLength());
        command.wrap(buffer, SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH);
        assertEquals(CommandName.PONG, command.name());
        command.readPong();
        assertEquals("0123456789abcdef", text(command.fieldOffset(), command.fieldLength()));
    }

    @Test
    void pingTtlIsClampedAndContextIsBounded()
    {
        CommandEncoder.encodePing(buffer, 0, 1_000_000, null, 0, 0);
        command.wrap(buffer, SHORT_HEADER_LENGTH, 7);
        command.readPing();
        assertEquals(0xFFFF, command.pingTtl());
        assertThrows(IllegalArgumentException.class,
            () -> CommandEncoder.encodePing(buffer, 0, 1, new UnsafeBuffer(new byte[17]), 0, 17));
    }

    @Test
    void subscriptionsAreRecognisedInBothForms()
    {
        final SubscriptionDecoder subscriptions = new SubscriptionDecoder();
        final UnsafeBuffer topic = new UnsafeBuffer(bytes("weather"));

        int length = CommandEncoder.encodeSubscription(buffer, 0, true, topic, 0, 7);
        assertEquals(SubscriptionDecoder.SUBSCRIBE,
            subscriptions.decode(FLAG_COMMAND, buffer, SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH));
        assertEquals("weather", text(subscriptions.topicOffset(), subscriptions.topicLength()));

        length = CommandEncoder.encodeSubscription(buffer, 0, false, topic, 0, 7);
        assertEquals(SubscriptionDecoder.CANCEL,
            subscriptions.decode(FLAG_COMMAND, buffer, SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH));

        length = CommandEncoder.encodeSubscriptionMessage(buffer, 0, true, topic, 0, 7);
        assertEquals(0, buffer.getByte(0), "a ZMTP 3.0 subscription is a data frame");
        assertEquals(SubscriptionDecoder.SUBSCRIBE,
            subscriptions.decode(0, buffer, SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH));
        assertEquals("weather", text(subscriptions.topicOffset(), subscriptions.topicLength()));

        length = CommandEncoder.encodeSubscriptionMessage(buffer, 0, false, topic, 0, 0);
        assertEquals(SubscriptionDecoder.CANCEL,
            subscriptions.decode(0, buffer, SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH));
        assertEquals(0, subscriptions.topicLength(), "cancelling the empty prefix");

        buffer.putByte(SHORT_HEADER_LENGTH, (byte)'x');
        assertEquals(SubscriptionDecoder.NOT_A_SUBSCRIPTION, subscriptions.decode(0, buffer, SHORT_HEADER_LENGTH, 3));
        assertEquals(SubscriptionDecoder.NOT_A_SUBSCRIPTION,
            subscriptions.decode(FrameDescriptor.FLAG_MORE, buffer, SHORT_HEADER_LENGTH, 1));
    }

    @Test
    void unknownCommandsAreNamedNullButKeepTheirBytes()
    {
        buffer.putByte(0, (byte)3);
        buffer.putBytes(1, bytes("FOO"));
        assertEquals(WireError.NONE, command.wrap(buffer, 0, 4));
        assertEquals(null, command.name());
        assertEquals("FOO", text(command.nameOffset(), command.nameLength()));
        assertEquals(0, command.dataLength());
    }

    private String text(final int offset, final int length)
    {
        return buffer.getStringWithoutLengthAscii(offset, length);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
