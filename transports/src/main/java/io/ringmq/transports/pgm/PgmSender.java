package io.ringmq.transports.pgm;

import io.ringmq.codecs.pgm.PgmDescriptor;
import io.ringmq.codecs.pgm.PgmEncoder;
import io.ringmq.codecs.pgm.PgmPacket;
import io.ringmq.codecs.pgm.TsduWriter;
import io.ringmq.rings.Pipe;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The source side of epgm for a PUB/XPUB socket: messages from the socket's pipe become libzmq's ZMTP/1.0 stream
 * cut into TSDUs ({@link TsduWriter}), each sent as ODATA with the next sequence number and kept in a transmit window
 * of RATE × RECOVERY_IVL; SPMs at connect, on libzmq's heartbeat schedule after data and every 30 s; a NAK for a
 * sequence number still in the window is confirmed with an NCF to the group and answered with RDATA. ODATA and
 * RDATA together are paced to RATE (a token bucket; repairs go first). On close: what is queued, then three SPMs
 * with OPT_FIN.
 */
final class PgmSender extends PgmSession
{
    private static final long[] HEARTBEAT_MS = {100, 100, 100, 100, 1300, 7000, 16000, 25000, 30000};
    private static final long AMBIENT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long REPAIR_HOLDOFF_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int MAX_DATAGRAM = 65536;

    private final EpgmAddress address;
    private final PgmOptions options;
    private final Pipe.End end;
    private final DatagramChannel channel;
    private final InetSocketAddress groupAddress;
    private final long gsi;
    private final int sourcePort;
    private final int sourceNla;
    private final int groupNla;
    private final TransmitWindow window;
    private final TsduWriter writer;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final UnsafeBuffer receiveView = new UnsafeBuffer(receiveBuffer);
    private final UnsafeBuffer control = new UnsafeBuffer(new byte[1024]);
    /** Every datagram leaves from here: no ByteBuffer per send, and the JDK needs no temporary direct copy. */
    private final ByteBuffer sendBuffer;
    private final PgmPacket packet = new PgmPacket();
    private final int[] nakList = new int[PgmDescriptor.OPT_NAK_LIST_MAX_ENTRIES];
    private final int[] repairs = new int[4096];
    private int repairHead;
    private int repairCount;
    private int spmSqn;
    private int nextSqn;
    private long nextSpmNs;
    private int heartbeatIndex = HEARTBEAT_MS.length;
    private double tokens;
    private long lastRefillNs;
    private boolean closeRequested;
    private boolean done;
    private long odataSent;
    private long rdataSent;
    private long naksReceived;
    private long sendFailures;

    PgmSender(final EpgmAddress address, final PgmOptions options, final Pipe.End end) throws IOException
    {
        this.address = address;
        this.options = options;
        this.end = end;
        if (options.maxTsdu() < 16)
        {
            throw new IllegalArgumentException("MULTICAST_MAXTPDU " + options.maxTpdu() + " too small for epgm");
        }
        groupAddress = address.groupSocketAddress();
        sourceNla = EpgmAddress.toInt(address.local());
        groupNla = EpgmAddress.toInt(address.group());
        gsi = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        int port;
        do
        {
            port = ThreadLocalRandom.current().nextInt(1024, 65536);
        }
        while (port == address.port());
        sourcePort = port;
        window = new TransmitWindow(options.windowSqns(), options.maxTpdu());
        sendBuffer = ByteBuffer.allocateDirect(Math.max(options.maxTpdu(), 1024));
        writer = new TsduWriter(options.maxTsdu(), this::sendOdata);
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, address.networkInterface());
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, options.hops());
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            // NAKs come unicast to our NLA on the endpoint's port (OpenPGM's unicast encapsulation port).
            channel.bind(new InetSocketAddress(address.port()));
            channel.configureBlocking(false);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
        tokens = options.maxTpdu();
        lastRefillNs = System.nanoTime();
        // As OpenPGM at connect: three SPMs announcing an empty window.
        for (int i = 0; i < 3; i++)
        {
            sendSpm(false);
        }
        nextSpmNs = lastRefillNs + AMBIENT_NS;
    }

    @Override
    DatagramChannel channel()
    {
        return channel;
    }

    @Override
    int doWork(final long nowNs) throws IOException
    {
        int work = readNaks();
        work += sendRepairs(nowNs);
        work += sendMessages(nowNs);
        if (nowNs - nextSpmNs >= 0)
        {
            sendSpm(false);
            scheduleSpm(nowNs);
            work++;
        }
        if ((closeRequested || end.isDrainedAndPeerClosed()) && !done && !end.hasMessage() && !writer.inMessage())
        {
            writer.flush();
            for (int i = 0; i < 3; i++)
            {
                sendSpm(true);
            }
            done = true;
        }
        return work;
    }

    private int sendMessages(final long nowNs)
    {
        refill(nowNs);
        int sent = 0;
        while (tokens > 0 && end.hasMessage())
        {
            int frames = end.beginRead();
            while (frames > 0)
            {
                final int left = end.nextFrame(frame);
                writer.writeFrame(frame, 0, frame.capacity(), left > 0);
                frames = left;
                if (left == 0)
                {
                    break;
                }
            }
            end.release();
            sent++;
        }
        if (sent > 0 && !end.hasMessage())
        {
            writer.flush();
        }
        return sent;
    }

    private void refill(final long nowNs)
    {
        final double rate = options.bytesPerSecond();
        tokens = Math.min(Math.max(options.maxTpdu() * 4.0, rate / 100), tokens + (nowNs - lastRefillNs) * rate / 1e9);
        lastRefillNs = nowNs;
    }

    private void sendOdata(final DirectBuffer tsdu, final int offset, final int length)
    {
        final int sqn = nextSqn++;
        final UnsafeBuffer slot = window.slot(sqn);
        slot.putBytes(PgmDescriptor.DATA_HEADER_LENGTH, tsdu, offset, length);
        final int packetLength = PgmEncoder.encodeData(slot, 0, PgmDescriptor.TYPE_ODATA, sourcePort,
            address.port(), gsi, sqn, window.trail(), length);
        window.stored(sqn, packetLength);
        send(slot, packetLength, groupAddress);
        tokens -= packetLength + 28;
        odataSent++;
        heartbeatIndex = 0;
        nextSpmNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS[0]);
    }

    private void scheduleSpm(final long nowNs)
    {
        if (heartbeatIndex < HEARTBEAT_MS.length - 1)
        {
            heartbeatIndex++;
            nextSpmNs = nowNs + TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS[heartbeatIndex]);
        }
        else
        {
            heartbeatIndex = HEARTBEAT_MS.length;
            nextSpmNs = nowNs + AMBIENT_NS;
        }
    }

    private void sendSpm(final boolean fin)
    {
        final int length = PgmEncoder.encodeSpm(control, 0, sourcePort, address.port(), gsi, spmSqn++,
            window.trail(), nextSqn - 1, sourceNla, fin);
        send(control, length, groupAddress);
    }

    private int readNaks() throws IOException
    {
        int work = 0;
        for (int i = 0; i < 64; i++)
        {
            receiveBuffer.clear();
            if (channel.receive(receiveBuffer) == null)
            {
                break;
            }
            work++;
            if (!packet.wrap(receiveView, 0, receiveBuffer.position(), true) ||
                packet.type() != PgmDescriptor.TYPE_NAK || packet.gsi() != gsi ||
                packet.destinationPort() != sourcePort || packet.nakGroupNla() != groupNla)
            {
                continue;
            }
            naksReceived++;
            final int count = packet.nakListCount();
            for (int n = 0; n < count; n++)
            {
                nakList[n] = packet.nakListSqn(n);
            }
            final int first = packet.nakSqn();
            if (!window.contains(first))
            {
                continue;
            }
            // NCF to the group, for the NAK as it came, then the repairs.
            final int length = PgmEncoder.encodeNak(control, 0, PgmDescriptor.TYPE_NCF, sourcePort,
                address.port(), gsi, first, sourceNla, groupNla, nakList, count);
            send(control, length, groupAddress);
            queueRepair(first);
            for (int n = 0; n < count; n++)
            {
                if (window.contains(nakList[n]))
                {
                    queueRepair(nakList[n]);
                }
            }
        }
        return work;
    }

    private void queueRepair(final int sqn)
    {
        if (repairCount < repairs.length)
        {
            repairs[(repairHead + repairCount++) % repairs.length] = sqn;
        }
    }

    private int sendRepairs(final long nowNs)
    {
        int work = 0;
        refill(nowNs);
        // Repairs share RATE with ODATA (they may run it into debt, which pauses ODATA): a flood of NAKs cannot
        // make the source send more than RATE, only delay its new data.
        final double maxDebt = -Math.max(options.maxTpdu() * 4.0, options.bytesPerSecond() / 10.0);
        while (repairCount > 0 && tokens > maxDebt)
        {
            final int sqn = repairs[repairHead];
            repairHead = (repairHead + 1) % repairs.length;
            repairCount--;
            if (!window.contains(sqn) || nowNs - window.repairedAt(sqn) < REPAIR_HOLDOFF_NS)
            {
                continue;
            }
            final UnsafeBuffer slot = window.slot(sqn);
            final int length = window.length(sqn);
            // The stored ODATA becomes RDATA: type and checksum change, the trail is today's.
            final int tsduLength = length - PgmDescriptor.DATA_HEADER_LENGTH;
            PgmEncoder.encodeData(slot, 0, PgmDescriptor.TYPE_RDATA, sourcePort, address.port(), gsi, sqn,
                window.trail(), tsduLength);
            send(slot, length, groupAddress);
            tokens -= length + 28;
            window.repaired(sqn, nowNs);
            rdataSent++;
            work++;
        }
        return work;
    }

    private void send(final UnsafeBuffer buffer, final int length, final InetSocketAddress target)
    {
        try
        {
            sendBuffer.clear();
            sendBuffer.put(buffer.byteArray(), 0, length).flip();
            if (channel.send(sendBuffer, target) == 0)
            {
                sendFailures++;
            }
        }
        catch (final IOException ex)
        {
            // A full or failing send is a loss like any other: receivers NAK it from the window.
            sendFailures++;
        }
    }

    @Override
    long nextDeadlineNs()
    {
        if (repairCount > 0 || (end.hasMessage() && tokens > 0))
        {
            return System.nanoTime();
        }
        if (end.hasMessage())
        {
            return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        }
        return nextSpmNs;
    }

    @Override
    boolean isDone()
    {
        return done;
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

    long odataSent()
    {
        return odataSent;
    }

    long rdataSent()
    {
        return rdataSent;
    }

    long naksReceived()
    {
        return naksReceived;
    }

    long sendFailures()
    {
        return sendFailures;
    }
}
