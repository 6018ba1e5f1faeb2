package io.ringmq.transports.connections;

import io.ringmq.transports.ConnectionConfig;
import io.ringmq.transports.TransportEvent;
import io.ringmq.rings.Pipe;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A STREAM (or ROUTER_RAW) socket's connection: raw bytes, no ZMTP. What a read returns becomes one message;
 * each message from the socket is written as it is, and an empty one closes the connection (libzmq's STREAM
 * semantics). The pipe is attached as soon as the channel is connected: there is no handshake.
 */
final class RawConnection implements ChannelConnection
{
    private static final int READ_CAPACITY = 64 * 1024;

    private final ConnectionHost host;
    private final SocketChannel channel;
    private final ConnectionOwner owner;
    private final String endpoint;
    /** The listener that accepted this connection or the connector that made it, or null. */
    private final ConnectionOrigin origin;
    /** Raw bytes have no handshake: it ends as soon as the pipe is attached. */
    private boolean handshakeEnded;
    private final ConnectionConfig config;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_CAPACITY);
    private final UnsafeBuffer readView = new UnsafeBuffer(readBuffer);
    private final UnsafeBuffer frameView = new UnsafeBuffer(0, 0);
    private ByteBuffer pendingWrite;
    private SelectionKey key;
    private Pipe.End end;
    private boolean closeAfterWrite;
    private boolean closed;
    private long lingerDeadlineNs = Long.MAX_VALUE;

    RawConnection(
        final ConnectionHost host,
        final SocketChannel channel,
        final ConnectionConfig config,
        final ConnectionOwner owner,
        final String endpoint,
        final ConnectionOrigin origin)
    {
        this.host = host;
        this.channel = channel;
        this.config = config;
        this.owner = owner;
        this.endpoint = endpoint;
        this.origin = origin;
    }

    public void start(final Selector selector, final long nowNs) throws IOException
    {
        key = channel.register(selector, SelectionKey.OP_READ, this);
        final Pipe pipe = new Pipe(config.rcvHwm(), config.sndHwm());
        end = pipe.endA();
        end.buffersWhatItReads();
        end.waker(host.waker());
        final PeerInfo peer = new PeerInfo(null, null, peerAddress(), endpoint, null, null, null);
        end.metadata(peer.toMetadata());
        if (origin != null)
        {
            handshakeEnded = true;
            origin.handshakeEnded();
        }
        if (!owner.attach(pipe.endB(), peer))
        {
            close(TransportEvent.DISCONNECTED, "the socket refused the peer", false);
        }
    }

    private String peerAddress()
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

    public int doWork(final long nowNs)
    {
        if (closed)
        {
            return 0;
        }
        int work = 0;
        if ((key.interestOps() & SelectionKey.OP_READ) == 0 && end.isWritable())
        {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
        if (null == pendingWrite || write())
        {
            int frames;
            while (!closeAfterWrite && null == pendingWrite && (frames = end.beginRead()) > 0)
            {
                for (int left = frames; left > 0; left--)
                {
                    end.nextFrame(frameView);
                    if (frameView.capacity() == 0)
                    {
                        closeAfterWrite = true; // an empty message closes the connection
                        break;
                    }
                    pendingWrite = ByteBuffer.allocateDirect(frameView.capacity());
                    frameView.getBytes(0, pendingWrite, frameView.capacity());
                    pendingWrite.flip();
                    work++;
                    if (!write())
                    {
                        break;
                    }
                }
            }
            end.release();
            if (null == pendingWrite && !closed)
            {
                end.handedOn();
            }
        }
        if (closeAfterWrite && null == pendingWrite)
        {
            close(TransportEvent.CLOSED, "closed by the socket", false);
            return work + 1;
        }
        if (end.isPeerClosed())
        {
            if (lingerDeadlineNs == Long.MAX_VALUE && config.lingerNs() >= 0)
            {
                lingerDeadlineNs = nowNs + config.lingerNs();
            }
            if ((null == pendingWrite && !end.hasMessage()) || nowNs - lingerDeadlineNs >= 0)
            {
                close(0, null, false);
            }
        }
        return work;
    }

    /**
     * @return true if everything pending was written.
     */
    private boolean write()
    {
        try
        {
            channel.write(pendingWrite);
        }
        catch (final IOException ex)
        {
            close(TransportEvent.DISCONNECTED, ex.getMessage(), true);
            return false;
        }
        if (pendingWrite.hasRemaining())
        {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            return false;
        }
        pendingWrite = null;
        if ((key.interestOps() & SelectionKey.OP_WRITE) != 0)
        {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
        return true;
    }

    public void onSelected(final int readyOps, final long nowNs)
    {
        if ((readyOps & SelectionKey.OP_READ) != 0)
        {
            onReadable();
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0 && key.isValid())
        {
            doWork(nowNs);
        }
    }

    public void onSelectionFailed(final Throwable failure)
    {
        host.connectionFailed(this, failure);
    }

    private void onReadable()
    {
        if (closed)
        {
            return;
        }
        if (!end.isWritable() && !end.isPeerClosed())
        {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ); // back-pressure until the ring drains
            return;
        }
        final int read;
        try
        {
            readBuffer.clear();
            read = channel.read(readBuffer);
        }
        catch (final IOException ex)
        {
            close(TransportEvent.DISCONNECTED, ex.getMessage(), true);
            return;
        }
        if (read < 0)
        {
            close(TransportEvent.DISCONNECTED, "peer closed the connection", true);
            return;
        }
        if (read > 0 && end.tryClaim() == Pipe.CLAIMED)
        {
            end.append(readView, 0, read);
            end.publish();
        }
    }

    public boolean isClosed()
    {
        return closed;
    }

    public boolean isAttached()
    {
        return end != null;
    }

    public boolean isLingering()
    {
        return !closed && end != null && end.isPeerClosed();
    }

    public boolean hasQueuedOutbound()
    {
        return !closed && end != null && null == pendingWrite && end.hasMessage();
    }

    public long nextDeadlineNs()
    {
        return closed ? Long.MAX_VALUE : lingerDeadlineNs;
    }

    public ConnectionOwner owner()
    {
        return owner;
    }

    public void close(final int event, final String reason, final boolean reconnect)
    {
        close(event, 0, reason, reconnect);
    }

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
        if (end != null)
        {
            end.close();
        }
        if (event != 0)
        {
            owner.onEvent(event, endpoint, value, reason);
        }
        if (origin != null)
        {
            origin.connectionClosed(!handshakeEnded, reconnect);
        }
    }
}
