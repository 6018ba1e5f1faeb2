package io.ringmq.bench.inproc;

import io.ringmq.engine.Context;
import io.ringmq.engine.Socket;
import io.ringmq.engine.SocketType;
import io.ringmq.engine.Status;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Issue 3: send + recv of a message up to the slot size allocates 0 B/op in steady state — read
 * {@code gc.alloc.rate.norm} under {@code -prof gc}. One thread, inproc, the default context (BLOCK idle
 * strategy: nothing ever waits here, a message is always there to receive). {@code size} 108 is the largest
 * single frame that fits a slot inline (rings' {@code SlotDescriptor.INLINE_CAPACITY}, 112 B, − the 4-byte frame
 * length; written out here because this module sees the engine API only);
 * {@code pushPull} sends and receives one message, {@code reqRep} does a REQ→REP→REQ round trip.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class InprocAllocationBenchmark
{
    /** The 112-byte data area of a 128-byte ring slot less one 4-byte frame length: rings' SlotDescriptor. */
    private static final int INLINE_FRAME_CAPACITY = 108;

    @Param({"8", "108"})
    int size;

    private Context context;
    private Socket push;
    private Socket pull;
    private Socket req;
    private Socket rep;
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[INLINE_FRAME_CAPACITY]);

    @Setup(Level.Trial)
    public void setup()
    {
        if (size > INLINE_FRAME_CAPACITY)
        {
            throw new IllegalStateException(size + " B does not fit a slot");
        }
        context = Context.create();
        pull = context.socket(SocketType.PULL);
        push = context.socket(SocketType.PUSH);
        pull.bind("inproc://alloc");
        push.connect("inproc://alloc");
        rep = context.socket(SocketType.REP);
        req = context.socket(SocketType.REQ);
        rep.bind("inproc://alloc-rr");
        req.connect("inproc://alloc-rr");
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        push.close();
        pull.close();
        req.close();
        rep.close();
        context.close();
    }

    @Benchmark
    public long pushPull()
    {
        if (Status.OK != push.send(message, 0, size, 0) || pull.recv(0) != size)
        {
            throw new IllegalStateException("send/recv");
        }
        return pull.frame().getLong(0);
    }

    @Benchmark
    public int reqRep()
    {
        if (Status.OK != req.send(message, 0, size, 0) || rep.recv(0) != size ||
            Status.OK != rep.send(rep.frame(), 0, size, 0))
        {
            throw new IllegalStateException("round trip");
        }
        return req.recv(0);
    }
}
