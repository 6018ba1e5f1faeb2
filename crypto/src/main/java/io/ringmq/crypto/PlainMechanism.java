package io.ringmq.crypto;

import io.ringmq.codecs.CommandName;
import io.ringmq.codecs.Mechanism;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PLAIN (RFC 24) as libzmq 4.3 runs it. The client sends HELLO (user name and password, each at most 255 bytes),
 * the server answers WELCOME (after ZAP, if a handler is configured), the client sends INITIATE with its
 * metadata and the server READY with its own. Credentials travel in the clear: PLAIN is for trusted networks.
 * <p>
 * Create one per connection with {@link #client} or {@link #server}. Not thread-safe.
 */
public final class PlainMechanism extends HandshakeBase
{
    private static final int MAX_CREDENTIAL_LENGTH = 255;

    private static final int CLIENT_SEND_HELLO = 0;
    private static final int CLIENT_EXPECT_WELCOME = 1;
    private static final int CLIENT_SEND_INITIATE = 2;
    private static final int CLIENT_EXPECT_READY = 3;
    private static final int SERVER_EXPECT_HELLO = 10;
    private static final int SERVER_AWAIT_ZAP = 11;
    private static final int SERVER_SEND_WELCOME = 12;
    private static final int SERVER_EXPECT_INITIATE = 13;
    private static final int SERVER_SEND_READY = 14;
    private static final int DONE = 20;

    private final byte[] username;
    private final byte[] password;
    private byte[] peerUsername;
    private int step;

    private PlainMechanism(final MechanismConfig config, final ZapSettings zap, final byte[] username,
        final byte[] password, final int firstStep)
    {
        super(config, zap);
        this.username = username;
        this.password = password;
        this.step = firstStep;
    }

    /**
     * A PLAIN client (PLAIN_USERNAME and PLAIN_PASSWORD set).
     *
     * @throws IllegalArgumentException if either is longer than 255 bytes.
     */
    public static PlainMechanism client(final MechanismConfig config, final String username, final String password)
    {
        final byte[] user = username.getBytes(StandardCharsets.UTF_8);
        final byte[] pass = password.getBytes(StandardCharsets.UTF_8);
        if (user.length > MAX_CREDENTIAL_LENGTH || pass.length > MAX_CREDENTIAL_LENGTH)
        {
            throw new IllegalArgumentException("PLAIN user name and password are at most 255 bytes each");
        }
        return new PlainMechanism(config, null, user, pass, CLIENT_SEND_HELLO);
    }

    /**
     * A PLAIN server (PLAIN_SERVER = 1).
     *
     * @param zap how to ask ZAP about the credentials, or null for none (every client accepted, as libzmq does
     *            without a handler).
     */
    public static PlainMechanism server(final MechanismConfig config, final ZapSettings zap)
    {
        return new PlainMechanism(config, zap, null, null, SERVER_EXPECT_HELLO);
    }

    public Mechanism mechanism()
    {
        return Mechanism.PLAIN;
    }

    /**
     * @return the user name a client presented (server side), or null.
     */
    public String peerUsername()
    {
        return peerUsername == null ? null : new String(peerUsername, StandardCharsets.UTF_8);
    }

    public int produceCommand(final MutableDirectBuffer buffer, final int offset)
    {
        if (status() != HANDSHAKING)
        {
            return 0;
        }
        switch (step)
        {
            case CLIENT_SEND_HELLO:
            {
                step = CLIENT_EXPECT_WELCOME;
                int position = offset + putName(buffer, offset, "\u0005HELLO");
                buffer.putByte(position++, (byte)username.length);
                buffer.putBytes(position, username);
                position += username.length;
                buffer.putByte(position++, (byte)password.length);
                buffer.putBytes(position, password);
                position += password.length;
                return position - offset;
            }
            case CLIENT_SEND_INITIATE:
            {
                step = CLIENT_EXPECT_READY;
                final int nameLength = putName(buffer, offset, "\u0008INITIATE");
                return nameLength + writeMetadata(buffer, offset + nameLength);
            }
            case SERVER_AWAIT_ZAP:
                if (!pollZap())
                {
                    return 0;
                }
                step = SERVER_EXPECT_INITIATE;
                return putName(buffer, offset, "\u0007WELCOME");
            case SERVER_SEND_WELCOME:
                step = SERVER_EXPECT_INITIATE;
                return putName(buffer, offset, "\u0007WELCOME");
            case SERVER_SEND_READY:
            {
                step = DONE;
                final int nameLength = putName(buffer, offset, "\u0005READY");
                final int length = nameLength + writeMetadata(buffer, offset + nameLength);
                ready();
                return length;
            }
            default:
                return 0;
        }
    }

    int consumeHandshakeCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        final CommandName name = command.name();
        if (step == SERVER_EXPECT_HELLO && name == CommandName.HELLO)
        {
            return hello(buffer, command.dataOffset(), command.dataLength());
        }
        if (step == CLIENT_EXPECT_WELCOME && name == CommandName.WELCOME)
        {
            if (command.dataLength() != 0)
            {
                return fail(SecurityFailure.MALFORMED_COMMAND, "WELCOME carries no data in PLAIN", false);
            }
            step = CLIENT_SEND_INITIATE;
            return status();
        }
        if (step == SERVER_EXPECT_INITIATE && name == CommandName.INITIATE)
        {
            if (readMetadata(buffer, command.dataOffset(), command.dataLength()))
            {
                step = SERVER_SEND_READY;
            }
            return status();
        }
        if (step == CLIENT_EXPECT_READY && name == CommandName.READY)
        {
            if (readMetadata(buffer, command.dataOffset(), command.dataLength()))
            {
                step = DONE;
                ready();
            }
            return status();
        }
        return fail(SecurityFailure.MALFORMED_COMMAND, "unexpected command in the PLAIN handshake", false);
    }

    private int hello(final DirectBuffer buffer, final int offset, final int length)
    {
        int position = offset;
        final int end = offset + length;
        if (end - position < 1)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "HELLO without a user name", true);
        }
        final int userLength = buffer.getByte(position++) & 0xFF;
        if (userLength > end - position)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "HELLO user name longer than the command", true);
        }
        final byte[] user = new byte[userLength];
        buffer.getBytes(position, user);
        position += userLength;
        if (end - position < 1)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "HELLO without a password", true);
        }
        final int passLength = buffer.getByte(position++) & 0xFF;
        if (passLength > end - position)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "HELLO password longer than the command", true);
        }
        final byte[] pass = new byte[passLength];
        buffer.getBytes(position, pass);
        position += passLength;
        if (position != end)
        {
            return fail(SecurityFailure.MALFORMED_COMMAND, "HELLO has bytes after the password", true);
        }
        peerUsername = user;
        step = SERVER_AWAIT_ZAP;
        final boolean proceed = startZap(Mechanism.PLAIN, user, pass);
        Arrays.fill(pass, (byte)0);
        if (proceed)
        {
            step = SERVER_SEND_WELCOME;
        }
        return status();
    }

    private static int putName(final MutableDirectBuffer buffer, final int offset, final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        buffer.putBytes(offset, bytes);
        return bytes.length;
    }

    void wipe()
    {
        if (password != null)
        {
            Arrays.fill(password, (byte)0);
        }
    }
}
