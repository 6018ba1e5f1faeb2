package io.ringmq.codecs;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.ringmq.codecs.GreetingDescriptor.*;

/**
 * Reads a peer's greeting from a byte stream split anywhere, and tells its protocol revision apart from the
 * first bytes exactly as libzmq does:
 * <ul>
 *     <li>first byte not {@code 0xFF}, or bit 0 of byte 9 clear: an unversioned ZMTP 1.0 peer, whose bytes are
 *     already its first frame (kept in {@link #received()} for the engine to replay);</li>
 *     <li>revision byte 0 or 1: ZMTP 1.0 or 2.0 with a 12-byte greeting;</li>
 *     <li>revision 3 with minor 0: ZMTP 3.0; any other revision: ZMTP 3.1, libzmq's newest.</li>
 * </ul>
 * The as-server byte and the filler are not validated: libzmq sends 0 and puts data in the padding. One
 * decoder per connection; it allocates only its 64-byte buffer, when constructed.
 */
public final class GreetingDecoder
{
    private final UnsafeBuffer received = new UnsafeBuffer(new byte[LENGTH]);
    private final boolean allowUnversioned;
    private int receivedLength;
    private int expectedLength = 1;
    private boolean complete;
    private boolean versioned;
    private ZmtpVersion version;
    private Mechanism mechanism;
    private WireError error = WireError.NONE;

    /**
     * @param allowUnversioned whether a peer without a greeting (ZMTP 1.0) is acceptable, as libzmq accepts it;
     *                         when false such a peer is {@link WireError#BAD_SIGNATURE}.
     */
    public GreetingDecoder(final boolean allowUnversioned)
    {
        this.allowUnversioned = allowUnversioned;
    }

    /**
     * Consumes greeting bytes. Stops at the end of the greeting so that frame bytes that follow are left to
     * the frame decoder.
     *
     * @return bytes consumed, or -1 if the greeting is refused ({@link #error()} says why).
     */
    public int decode(final DirectBuffer src, final int offset, final int length)
    {
        if (error != WireError.NONE)
        {
            return -1;
        }
        int consumed = 0;
        while (!complete && consumed < length)
        {
            final int chunk = Math.min(expectedLength - receivedLength, length - consumed);
            received.putBytes(receivedLength, src, offset + consumed, chunk);
            receivedLength += chunk;
            consumed += chunk;
            if (receivedLength == expectedLength && !advance())
            {
                return -1;
            }
        }
        return consumed;
    }

    private boolean advance()
    {
        if (receivedLength == 1)
        {
            if (received.getByte(SIGNATURE_OFFSET) != SIGNATURE_START)
            {
                return unversioned();
            }
            expectedLength = SIGNATURE_LENGTH;
        }
        else if (receivedLength == SIGNATURE_LENGTH)
        {
            if ((received.getByte(SIGNATURE_END_OFFSET) & 0x01) == 0)
            {
                return unversioned();
            }
            expectedLength = MAJOR_VERSION_OFFSET + 1;
        }
        else if (receivedLength == MAJOR_VERSION_OFFSET + 1)
        {
            final int revision = received.getByte(MAJOR_VERSION_OFFSET) & 0xFF;
            versioned = true;
            if (revision == REVISION_1_0 || revision == REVISION_2_0)
            {
                version = revision == REVISION_1_0 ? ZmtpVersion.ZMTP_1_0 : ZmtpVersion.ZMTP_2_0;
                expectedLength = V2_GREETING_LENGTH;
            }
            else
            {
                expectedLength = LENGTH;
            }
        }
        else if (receivedLength == V2_GREETING_LENGTH && expectedLength == V2_GREETING_LENGTH)
        {
            complete = true;
        }
        else if (receivedLength == LENGTH)
        {
            final int revision = received.getByte(MAJOR_VERSION_OFFSET) & 0xFF;
            final int minor = received.getByte(MINOR_VERSION_OFFSET) & 0xFF;
            version = revision == REVISION_3 && minor == MINOR_3_0 ? ZmtpVersion.ZMTP_3_0 : ZmtpVersion.ZMTP_3_1;
            return parseMechanism();
        }
        return true;
    }

    private boolean parseMechanism()
    {
        int nameLength = 0;
        while (nameLength < MECHANISM_LENGTH && received.getByte(MECHANISM_OFFSET + nameLength) != 0)
        {
            nameLength++;
        }
        for (int i = nameLength; i < MECHANISM_LENGTH; i++)
        {
            if (received.getByte(MECHANISM_OFFSET + i) != 0)
            {
                return fail(WireError.UNPADDED_MECHANISM);
            }
        }
        mechanism = Mechanism.fromWireName(received, MECHANISM_OFFSET, nameLength);
        if (mechanism == null)
        {
            return fail(WireError.UNKNOWN_MECHANISM);
        }
        complete = true;
        return true;
    }

    private boolean unversioned()
    {
        // A ZMTP 1.0 frame's length counts its flags byte, so a first byte of 0 cannot start one (libzmq's v1
        // decoder refuses it too).
        if (!allowUnversioned || received.getByte(0) == 0)
        {
            return fail(WireError.BAD_SIGNATURE);
        }
        version = ZmtpVersion.ZMTP_1_0;
        versioned = false;
        complete = true;
        return true;
    }

    private boolean fail(final WireError error)
    {
        this.error = error;
        return false;
    }

    /**
     * @return true once the peer's major version byte has arrived (or it proved unversioned): the moment
     * libzmq sends the rest of its own greeting.
     */
    public boolean isVersionKnown()
    {
        return complete || receivedLength > MAJOR_VERSION_OFFSET;
    }

    /**
     * @return true once the whole greeting is read (or the peer proved unversioned).
     */
    public boolean isComplete()
    {
        return complete;
    }

    /**
     * @return false for a ZMTP 1.0 peer that sent no greeting at all: {@link #received()} then holds the start
     * of its first frame.
     */
    public boolean isVersioned()
    {
        return versioned;
    }

    /**
     * @return the revision, once complete; null before.
     */
    public ZmtpVersion version()
    {
        return complete ? version : null;
    }

    /**
     * @return the peer's mechanism for a ZMTP 3.x peer once complete; null otherwise.
     */
    public Mechanism mechanism()
    {
        return mechanism;
    }

    /**
     * @return the peer's minor version byte (ZMTP 3.x), or -1 before it arrived.
     */
    public int minorVersion()
    {
        return receivedLength > MINOR_VERSION_OFFSET && versioned ? received.getByte(MINOR_VERSION_OFFSET) & 0xFF : -1;
    }

    /**
     * @return the socket type byte of a ZMTP 2.0 greeting, or -1 if the peer is not ZMTP 2.0.
     */
    public int v2SocketType()
    {
        return complete && version == ZmtpVersion.ZMTP_2_0 ? received.getByte(V2_SOCKET_TYPE_OFFSET) & 0xFF : -1;
    }

    public WireError error()
    {
        return error;
    }

    /**
     * @return the bytes read so far, {@link #receivedLength()} of them.
     */
    public DirectBuffer received()
    {
        return received;
    }

    public int receivedLength()
    {
        return receivedLength;
    }

    /**
     * Makes the decoder ready for a new connection.
     */
    public void reset()
    {
        receivedLength = 0;
        expectedLength = 1;
        complete = false;
        versioned = false;
        version = null;
        mechanism = null;
        error = WireError.NONE;
    }
}
