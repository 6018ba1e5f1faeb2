package io.ringmq.codecs;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * ZMTP frame encode and decode on off-heap buffers. Decode runs two ways: a frame whole in the input (handed over
 * in place) and a frame split in two (reassembled). With {@code -prof gc} every path must show 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FrameCodecBenchmark implements FrameHandler
{
    @Param({"1", "64", "1024"})
    int size;

    private final UnsafeBuffer payload = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final UnsafeBuffer wire = new UnsafeBuffer(ByteBuffer.allocateDirect(8192));
    private final FrameDecoder decoder = new FrameDecoder(-1);
    private int frameLength;
    private Blackhole blackhole;

    @Setup
    public void setup()
    {
        payload.setMemory(0, size, (byte)0x5A);
        frameLength = FrameDescriptor.encodeFrame(wire, 0, FrameDescriptor.FLAG_MORE, payload, 0, size);
    }

    @Benchmark
    public int encode()
    {
        return FrameDescriptor.encodeFrame(wire, 0, FrameDescriptor.FLAG_MORE, payload, 0, size);
    }

    @Benchmark
    public int decodeWhole(final Blackhole blackhole)
    {
        this.blackhole = blackhole;
        return decoder.decode(wire, 0, frameLength, this);
    }

    @Benchmark
    public int decodeSplit(final Blackhole blackhole)
    {
        this.blackhole = blackhole;
        final int half = frameLength / 2;
        return decoder.decode(wire, 0, half, this) + decoder.decode(wire, half, frameLength - half, this);
    }

    public boolean onFrame(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        blackhole.consume(buffer.getByte(offset + length - 1));
        return true;
    }
}
