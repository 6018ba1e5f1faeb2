package io.ringmq.transports.pgm;

import io.ringmq.codecs.pgm.PgmDescriptor;
import io.ringmq.codecs.pgm.PgmEncoder;
import io.ringmq.codecs.pgm.PgmPacket;
import io.ringmq.rings.Pipe;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The receiving side of epgm for a SUB/XSUB socket: joins the group on the interface, keeps one {@link PgmSource}
 * per TSI, NAKs what is missing (unicast to the NLA the source's SPMs announce, on the endpoint's port) and
 * publishes whole messages into the socket's pipe; a message that finds the pipe at its mark is dropped, as
 * libzmq's SUB drops. Subscriptions the socket sends down the pipe are read and discarded: there is no upstream
 * over multicast, and SUB filters what it receives itself.
 */
final class PgmReceiver extends PgmSession
{
    private static final int MAX_DATAGRAM = 65536;
    private static final int READS_PER_CYCLE = 256;
    /** Sources held at once; a datagram from one more is dropped (a flood of forged TSIs costs bounded memory). */
    static final int MAX_SOURCES = 1024;
    /** A source silent this long is forgotten (libzmq's PEER_EXPIRY for OpenPGM). */
    static final long SOURCE_EXPIRY_NS = java.util.concurrent.TimeUnit.SECONDS.toNanos(300);

    private final EpgmAddress address;
    private final PgmOptions options;
    private final Pipe.End end;
    private final DatagramChannel channel;
    private final int groupNla;
    private final Long2ObjectHashMap<PgmSource> sources = new Long2ObjectHashMap<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private final UnsafeBuffer receiveView = new UnsafeBuffer(receiveBuffer.array());
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[1024]);
    private final PgmPacket packet = new PgmPacket();
    private final int[] due = new int[PgmDescriptor.OPT_NAK_LIST_MAX_ENTRIES + 1];
    private final int[] more = new int[PgmDescriptor.OPT_NAK_LIST_MAX_ENTRIES];
    private long nextExpiryNs;
    private boolean closeRequested;
    private long naksSent;
    private long malformed;

    PgmReceiver(final EpgmAddress address, final PgmOptions options, final Pipe.End end) throws IOException
    {
        this.address = address;
        this.options = options;
        this.end = end;
        groupNla = EpgmAddress.toInt(address.group());
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, address.networkInterface());
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, options.hops());
            channel.bind(new InetSocketAddress(address.port()));
            channel.join(address.group(), address.networkInterface());
            channel.configureBlocking(false);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    @Override
    DatagramChannel channel()
    {
        return channel;
    }

    @Override
    int doWork(final long nowNs) throws IOException
    {
        int work = 0;
        while (end.hasMessage())
        {
            end.beginRead();
            end.skipRest();
            end.release();
            work++;
        }
        end.deferWakeups();
        try
        {
            for (int i = 0; i < READS_PER_CYCLE; i++)
            {
                receiveBuffer.clear();
                if (channel.receive(receiveBuffer) == null)
                {
                    break;
                }
                work++;
                onDatagram(receiveBuffer.position(), nowNs);
            }
            work += sendNaks(nowNs);
            if (nowNs - nextExpiryNs >= 0)
            {
                nextExpiryNs = nowNs + SOURCE_EXPIRY_NS / 10;
                sources.values().removeIf(source -> nowNs - source.lastHeardNs > SOURCE_EXPIRY_NS);
            }
        }
        finally
        {
            end.flushWakeups();
        }
        return work;
    }

    private void onDatagram(final int length, final long nowNs)
    {
        if (!packet.wrap(receiveView, 0, length, true))
        {
            malformed++;
            return;
        }
        final int type = packet.type();
        if (type == PgmDescriptor.TYPE_NAK || type == PgmDescriptor.TYPE_SPMR ||
            packet.destinationPort() != address.port())
        {
            return;
        }
        final long tsi = packet.tsi();
        PgmSource source = sources.get(tsi);
        if (source == null)
        {
            final boolean opens = type == PgmDescriptor.TYPE_ODATA || type == PgmDescriptor.TYPE_RDATA ||
                type == PgmDescriptor.TYPE_SPM;
            if (!opens || sources.size() >= MAX_SOURCES)
            {
                return;
            }
            source = new PgmSource(packet.gsi(), packet.sourcePort(), end, options.maxMessageSize());
            sources.put(tsi, source);
        }
        source.lastHeardNs = nowNs;
        switch (type)
        {
            case PgmDescriptor.TYPE_SPM:
                source.onSpm(packet.spmNla(), packet.spmTrail(), packet.spmLead(), nowNs);
                break;
            case PgmDescriptor.TYPE_ODATA:
            case PgmDescriptor.TYPE_RDATA:
                if (packet.hasFragment() || packet.tsduLength() > options.maxTpdu())
                {
                    // Not from libzmq (which never fragments), or larger than this receiver's MULTICAST_MAXTPDU:
                    // taken as arrived but unusable, so the stream resynchronises instead of NAKing it forever.
                    source.onData(packet.dataSqn(), packet.dataTrail(), null, 0, 0, nowNs);
                }
                else
                {
                    source.onData(packet.dataSqn(), packet.dataTrail(), packet.buffer(), packet.tsduOffset(),
                        packet.tsduLength(), nowNs);
                }
                break;
            case PgmDescriptor.TYPE_NCF:
                if (packet.nakGroupNla() == groupNla)
                {
                    source.onNcf(packet.nakSqn(), nowNs);
                    for (int n = 0; n < packet.nakListCount(); n++)
                    {
                        source.onNcf(packet.nakListSqn(n), nowNs);
                    }
                }
                break;
            default:
                break;
        }
    }

    private int sendNaks(final long nowNs)
    {
        int sent = 0;
        for (final PgmSource source : sources.values())
        {
            if (source.missing.isEmpty())
            {
                continue;
            }
            int count = 0;
            final Int2ObjectHashMap<PgmSource.Missing>.EntryIterator entries = source.missing.entrySet().iterator();
            while (entries.hasNext())
            {
                entries.next();
                final PgmSource.Missing missing = entries.getValue();
                if (nowNs - missing.dueNs < 0)
                {
                    continue;
                }
                if (source.nla == 0)
                {
                    missing.dueNs = nowNs + PgmSource.NAK_BACKOFF_NS;
                    continue;
                }
                if (count < due.length)
                {
                    due[count++] = entries.getIntKey();
                    missing.tries++;
                    missing.dueNs = nowNs + PgmSource.NAK_REPEAT_NS;
                }
            }
            if (count > 0)
            {
                System.arraycopy(due, 1, more, 0, count - 1);
                final int length = PgmEncoder.encodeNak(control, 0, PgmDescriptor.TYPE_NAK, address.port(),
                    source.sourcePort, source.gsi, due[0], source.nla, groupNla, more, count - 1);
                try
                {
                    channel.send(ByteBuffer.wrap(control.byteArray(), 0, length),
                        new InetSocketAddress(EpgmAddress.fromInt(source.nla), address.port()));
                    naksSent++;
                }
                catch (final IOException ex)
                {
                    // lost NAK: the timer asks again
                }
                sent++;
                for (int i = 0; i < count; i++)
                {
                    final PgmSource.Missing missing = source.missing.get(due[i]);
                    if (missing != null && missing.tries > PgmSource.NAK_RETRIES)
                    {
                        source.lose(due[i]);
                    }
                }
            }
        }
        return sent;
    }

    @Override
    long nextDeadlineNs()
    {
        long deadline = Long.MAX_VALUE;
        for (final PgmSource source : sources.values())
        {
            for (final PgmSource.Missing missing : source.missing.values())
            {
                deadline = Math.min(deadline, missing.dueNs);
            }
        }
        return deadline;
    }

    @Override
    boolean isDone()
    {
        return closeRequested || end.isPeerClosed();
    }

    @Override
    void requestClose()
    {
        closeRequested = true;
    }

    @Override
    void closeNow()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
        end.close();
    }

    long naksSent()
    {
        return naksSent;
    }

    long malformed()
    {
        return malformed;
    }
}
