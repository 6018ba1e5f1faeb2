package io.ringmq.transports.connections;

import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.Errno;
import io.ringmq.transports.TransportEvent;
import io.ringmq.transports.zmtp.EngineFailure;
import io.ringmq.transports.zmtp.StreamEngine;
import io.ringmq.transports.zmtp.StreamEngineListener;
import io.ringmq.rings.Pipe;

import io.ringmq.codecs.FrameDescriptor;
import io.ringmq.codecs.SocketType;
import io.ringmq.codecs.ZmtpVersion;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One tcp or ipc connection on an I/O agent: a non-blocking channel, its {@link StreamEngine}, and, once the
 * handshake succeeded, the agent's end of the {@link Pipe} to the socket.
 * <p>
 * Reads go into one large off-heap buffer and every frame it holds is decoded in one pass; writes gather as many
 * queued messages as fit into one off-heap buffer per syscall. Both buffers are the agent's, lent for as long as
 * they hold bytes: taken when data arrives or messages wait, handed back once decoded or written, so an idle
 * connection holds neither (a few KiB in all, most of it the engine's control buffers).
 * <p>
 * Back-pressure, inbound: when the socket's inbound ring is at its mark, decoding stops, the undecoded bytes wait
 * in the read buffer and reading from the channel stops (the peer feels it through TCP). The connection is then
 * {@linkplain #isInboundResumable() resumable} as soon as the ring has room again: the socket's reads wake the
 * agent, and the agent re-checks before it parks, so the pause always ends. When the kernel's send buffer is full,
 * reading from the pipe stops until the channel is writable.
 */
final class StreamConnection implements StreamEngineListener, ChannelConnection
{
    private static final int WRITE_BATCH_THRESHOLD = ConnectionHost.IO_BUFFER_CAPACITY / 2;

    private final ConnectionHost host;
    private final SocketChannel channel;
    private final ConnectionConfig config;
    private final ConnectionOwner owner;
    private final String endpoint;
    /**
     * The listener that accepted this connection or the connector that made it, told when its handshake ends and
     * when it closes; or null.
     */
    private final ConnectionOrigin origin;
    private boolean handshaking = true;
    /** A session pipe that outlives this connection (connect side), or null to make a pipe at the handshake. */
    private final Pipe.End sessionEnd;
    private final StreamEngine engine;
    private final ReadBuffer in;
    private final WriteBuffer out;
    private final UnsafeBuffer frameView = new UnsafeBuffer(0, 0);
    private UnsafeBuffer subscriptionScratch = new UnsafeBuffer(new byte[256]);
    private final String peerAddress;
    private SelectionKey key;
    private Pipe.End end;
    private boolean inboundBlocked;
    private boolean inboundMidMessage;
    private boolean discarding;
    private boolean closed;
    private long lingerDeadlineNs = Long.MAX_VALUE;

    StreamConnection(
        final ConnectionHost host,
        final SocketChannel channel,
        final ConnectionConfig config,
        final ConnectionOwner owner,
        final String endpoint,
        final ConnectionOrigin origin,
        final Pipe.End sessionEnd)
    {
        this.sessionEnd = sessionEnd;
        this.host = host;
        this.in = new ReadBuffer(host);
        this.out = new WriteBuffer(host);
        this.channel = channel;
        this.config = config;
        this.owner = owner;
        this.endpoint = endpoint;
        this.origin = origin;
        this.peerAddress = describePeer(channel);
        this.engine = new StreamEngine(config.engine(), config.mechanisms().create(peerAddress), this);
    }

    private static String describePeer(final SocketChannel channel)
    {
        try
        {
            final SocketAddress remote = channel.getRemoteAddress();
            return remote instanceof InetSocketAddress ?
                ((InetSocketAddress)remote).getAddress().getHostAddress() : String.valueOf(remote);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    public void start(final Selector selector, final long nowNs) throws IOException
    {
        key = channel.register(selector, SelectionKey.OP_READ, this);
        engine.start(nowNs);
        flushOut(nowNs);
    }

    public ConnectionOwner owner()
    {
        return owner;
    }

    public String endpoint()
    {
        return endpoint;
    }

    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @return true once the handshake gave the connection a pipe to a socket.
     */
    public boolean isAttached()
    {
        return end != null;
    }

    /**
     * @return true if bytes or messages wait to go out (the agent must not park on them).
     */
    public boolean hasQueuedOutbound()
    {
        return !closed && (engine.controlLength() > 0 ||
            (end != null && engine.isActive() && !out.isPending() && end.hasMessage()));
    }

    /**
     * @return true while the socket has closed its end and this connection still writes out what it queued.
     */
    public boolean isLingering()
    {
        return !closed && end != null && end.isPeerClosed();
    }

    /**
     * @return true if reading is paused for the inbound ring and the ring has room again: the agent must run this
     * connection's duty cycle rather than park.
     */
    public boolean isInboundResumable()
    {
        return !closed && inboundBlocked && !inboundAtMark();
    }

    /**
     * @return true if the socket's inbound ring is at its mark and cannot take a new message: reading pauses. Not
     * while a message is open (claimed, its first frames appended): only the bytes still to come can finish it, so
     * pausing then would wait for itself.
     */
    private boolean inboundAtMark()
    {
        return end != null && !end.isClaimed() && !end.isWritable() && !end.isPeerClosed();
    }

    /**
     * @return true while reading from the channel is paused because the socket's inbound ring was at its mark.
     */
    boolean isReadingPaused()
    {
        return inboundBlocked;
    }

    /**
     * @return true while bytes wait for the kernel's send buffer (write interest is on).
     */
    boolean isWritePending()
    {
        return out.isPending();
    }

    /**
     * @return the selection key's interest set (for tests of when reading and writing are switched on and off).
     */
    int interestOps()
    {
        return key == null || !key.isValid() ? 0 : key.interestOps();
    }

    public long nextDeadlineNs()
    {
        return closed ? Long.MAX_VALUE : Math.min(engine.nextDeadlineNs(), lingerDeadlineNs);
    }

    // ------------------------------------------------------------------ duty cycle

    /**
     * @return work done: bytes moved and messages handled, 0 when idle.
     */
    public int doWork(final long nowNs)
    {
        if (closed)
        {
            return 0;
        }
        int work = 0;
        if (isInboundResumable())
        {
            work += decode(nowNs);
            if (!inboundBlocked)
            {
                key.interestOps(key.interestOps() | SelectionKey.OP_READ);
            }
        }
        if (!closed)
        {
            work += flushOut(nowNs);
        }
        if (!closed && !engine.onTimer(nowNs))
        {
            return work;
        }
        if (!closed && end != null && end.isPeerClosed())
        {
            // The socket closed: write what it queued (LINGER), then go.
            if (lingerDeadlineNs == Long.MAX_VALUE && config.lingerNs() >= 0)
            {
                lingerDeadlineNs = nowNs + config.lingerNs();
            }
            if ((!out.isPending() && !end.hasMessage()) || nowNs - lingerDeadlineNs >= 0)
            {
                close(0, null, false);
            }
        }
        return work;
    }

    public void onSelected(final int readyOps, final long nowNs)
    {
        if ((readyOps & SelectionKey.OP_READ) != 0)
        {
            onReadable(nowNs);
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0 && key.isValid() && !closed)
        {
            flushOut(nowNs);
        }
    }

    public void onSelectionFailed(final Throwable failure)
    {
        host.connectionFailed(this, failure);
    }

    private void onReadable(final long nowNs)
    {
        if (closed || inboundBlocked)
        {
            return;
        }
        if (inboundAtMark())
        {
            inboundBlocked = true;
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            return;
        }
        try
        {
            if (in.readFrom(channel) < 0)
            {
                close(TransportEvent.DISCONNECTED, Errno.ECONNRESET, "peer closed the connection", true);
                return;
            }
        }
        catch (final IOException ex)
        {
            close(TransportEvent.DISCONNECTED, Errno.ECONNRESET, ex.getMessage(), true);
            return;
        }
        decode(nowNs);
        if (inboundBlocked && !closed)
        {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
        if (!closed)
        {
            flushOut(nowNs); // a handshake reply or PONG goes out at once
        }
    }

    private int decode(final long nowNs)
    {
        if (inboundAtMark())
        {
            // The socket's inbound ring is at its mark: leave the bytes (and the kernel's) where they are.
            inboundBlocked = true;
            return 0;
        }
        if (in.length() == 0)
        {
            inboundBlocked = false;
            returnReadBuffer();
            return 0;
        }
        // One wake-up of the socket for the whole read, not one per message (see Pipe.End#deferWakeups).
        final Pipe.End batchEnd = end;
        final int consumed;
        if (batchEnd != null)
        {
            batchEnd.deferWakeups();
            try
            {
                consumed = engine.onBytes(in.view(), 0, in.length(), nowNs);
            }
            finally
            {
                batchEnd.flushWakeups();
            }
        }
        else
        {
            consumed = engine.onBytes(in.view(), 0, in.length(), nowNs);
        }
        if (consumed < 0)
        {
            return 0; // onFailure closed the connection
        }
        in.consumed(consumed);
        // Undecoded bytes left behind mean the engine stopped at the ring's mark, even if the socket has made room
        // since: stay paused until the next duty cycle decodes them, or nothing would ever decode them (the kernel
        // may hold no more bytes to make the channel readable again).
        inboundBlocked = in.length() > 0 || inboundAtMark();
        returnReadBuffer();
        return consumed;
    }

    private void returnReadBuffer()
    {
        if (!closed)
        {
            in.returnIfEmpty();
        }
    }

    /**
     * Fills the write buffer with control bytes and queued messages, then writes as much as the kernel takes.
     */
    private int flushOut(final long nowNs)
    {
        int work = 0;
        if (out.isPending() && !write())
        {
            return 0;
        }
        while (true)
        {
            if (engine.controlLength() > 0)
            {
                out.ensureWritable(engine.controlLength());
                out.appended(engine.drainControl(out.view(), out.length(), out.room()));
            }
            if (end == null || !engine.isActive() || out.length() >= WRITE_BATCH_THRESHOLD)
            {
                break;
            }
            final int frames = end.beginRead();
            if (frames == 0)
            {
                break;
            }
            for (int left = frames; left > 0; left--)
            {
                end.nextFrame(frameView);
                final int length = frameView.capacity();
                out.ensureWritable(length + StreamEngine.maxFrameOverhead());
                out.appended(engine.encodeFrame(
                    out.view(), out.length(), left > 1 ? FrameDescriptor.FLAG_MORE : 0, frameView, 0, length));
            }
            work++;
        }
        if (end != null)
        {
            end.release();
        }
        if (out.isPending())
        {
            work += out.pendingBytes();
            write();
        }
        if (!closed)
        {
            if (end != null && !out.isPending())
            {
                // Only now are the messages taken above delivered, as far as the socket's LINGER can tell.
                end.handedOn();
            }
            out.returnIfEmpty();
        }
        return work;
    }

    /**
     * @return true if everything buffered was written.
     */
    private boolean write()
    {
        final boolean written;
        try
        {
            written = out.writeTo(channel);
        }
        catch (final IOException ex)
        {
            close(TransportEvent.DISCONNECTED, Errno.ECONNRESET, ex.getMessage(), true);
            return false;
        }
        if (written)
        {
            if ((key.interestOps() & SelectionKey.OP_WRITE) != 0)
            {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
            }
            return true;
        }
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        return false;
    }

    // ------------------------------------------------------------------ engine events

    public void onHandshakeSucceeded(final ZmtpVersion version, final SocketType peerSocketType, final byte[] identity)
    {
        final PeerInfo peer = new PeerInfo(peerSocketType, identity, peerAddress, endpoint, version,
            engine.mechanism().userId(), engine.mechanism().zapProperties());
        if (sessionEnd != null)
        {
            // The socket has held the other end since connect(): messages it queued go out now.
            end = sessionEnd;
            end.buffersWhatItReads();
            end.metadata(peer.toMetadata());
            owner.onEvent(TransportEvent.HANDSHAKE_SUCCEEDED, endpoint, 0, null);
            handshakeEnded();
            return;
        }
        // A = this agent's end: it writes what the socket reads (bounded by RCVHWM) and reads what the socket
        // writes (bounded by SNDHWM).
        final Pipe pipe = new Pipe(config.rcvHwm(), config.sndHwm(), config.isConflating());
        end = pipe.endA();
        end.buffersWhatItReads();
        end.waker(host.waker());
        end.metadata(peer.toMetadata());
        handshakeEnded();
        owner.onEvent(TransportEvent.HANDSHAKE_SUCCEEDED, endpoint, 0, null);
        if (!owner.attach(pipe.endB(), peer))
        {
            close(TransportEvent.DISCONNECTED, "the socket refused the peer", false);
        }
    }

    private void handshakeEnded()
    {
        handshaking = false;
        if (origin != null)
        {
            origin.handshakeEnded();
        }
    }

    public boolean onMessageFrame(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!inboundMidMessage)
        {
            final int claim = end.tryClaim();
            if (claim == Pipe.FULL)
            {
                // Cannot happen: decoding stops while the ring is at its mark. Fail loudly rather than lose it.
                close(TransportEvent.DISCONNECTED, "inbound ring full in the middle of decoding", true);
                return false;
            }
            if (claim == Pipe.CLOSED)
            {
                inboundMidMessage = (flags & FrameDescriptor.FLAG_MORE) != 0;
                discarding = true;
                return true;
            }
            discarding = false;
        }
        inboundMidMessage = (flags & FrameDescriptor.FLAG_MORE) != 0;
        if (discarding)
        {
            return true;
        }
        end.append(buffer, offset, length);
        if (!inboundMidMessage)
        {
            end.publish();
            return end.isWritable();
        }
        return true;
    }

    public boolean onSubscription(
        final boolean subscribe, final DirectBuffer buffer, final int offset, final int length)
    {
        if (end.tryClaim() != Pipe.CLAIMED)
        {
            return true;
        }
        if (subscriptionScratch.capacity() < length + 1)
        {
            subscriptionScratch = new UnsafeBuffer(new byte[length + 1]);
        }
        subscriptionScratch.putByte(0, (byte)(subscribe ? 1 : 0));
        subscriptionScratch.putBytes(1, buffer, offset, length);
        end.append(subscriptionScratch, 0, length + 1);
        end.publish();
        return end.isWritable();
    }

    public void onFailure(final EngineFailure failure, final String reason)
    {
        // Best effort: an ERROR command the mechanism queued goes out before the close.
        if (engine.controlLength() > 0)
        {
            out.ensureWritable(engine.controlLength());
            out.appended(engine.drainControl(out.view(), out.length(), out.room()));
            write();
        }
        close(TransportEvent.of(failure), TransportEvent.valueOf(failure), reason, true);
    }

    /**
     * Closes the channel and the pipe end; a connecting side schedules its reconnect.
     *
     * @param event the monitor event to report, or 0 when the socket itself closed the connection.
     */
    public void close(final int event, final String reason, final boolean reconnect)
    {
        close(event, 0, reason, reconnect);
    }

    /**
     * @param value the event's value, as libzmq's: an errno or a protocol-error code.
     */
    public void close(final int event, final long value, final String reason, final boolean reconnect)
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (key != null)
        {
            key.cancel();
        }
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // closing anyway
        }
        if (end != null && end != sessionEnd)
        {
            end.close();
        }
        else if (end != null && end.isClaimed())
        {
            // The session pipe outlives the connection: drop the message cut short, keep the pipe.
            end.abandon();
        }
        engine.close(); // zeroes the connection's secrets, releases its ZAP channel
        in.release();
        out.release();
        if (event != 0)
        {
            owner.onEvent(event, endpoint, value, reason);
        }
        if (event != 0 && event != TransportEvent.DISCONNECTED)
        {
            // libzmq reports a failed handshake, then the disconnection it causes.
            owner.onEvent(TransportEvent.DISCONNECTED, endpoint, Errno.ECONNRESET, reason);
        }
        if (origin != null)
        {
            origin.connectionClosed(handshaking, reconnect);
        }
    }
}
