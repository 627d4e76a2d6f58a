package org.zarrscope.codec;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.simulate.SimulatedCamera;

/**
 * Where the time of a Blosc-lz4 chunk goes (docs/blosc-bindings.md): Zarrscope's Java byte shuffle
 * and unshuffle of an 8 MiB uint16 frame in 256 KiB blocks, and LZ4 alone (lz4-java, acceleration
 * 5 as at clevel 5) compressing and decompressing the already shuffled streams. Direct buffers, one
 * thread; every operation handles 8 MiB of raw data. Run with {@code mvn -Pbenchmarks test
 * -Djmh.include='.*ByteShuffleBenchmark.*'}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ByteShuffleBenchmark {
    private static final int RAW_BYTES = 2048 * 2048 * 2;
    private static final int BLOCK = BloscBlocks.BLOCK_SIZE;
    private static final int STREAM = BLOCK / 2;

    /** Whether the frame is in direct memory or a heap array. */
    @Param({"direct", "heap"})
    public String memory;

    private ByteBuffer frame;
    private ByteBuffer shuffled;
    private ByteBuffer block;
    private ByteBuffer compressed;
    private int[] streamLengths;
    private Lz4BloscCompressor lz4;

    @Setup(Level.Trial)
    public void setUp() {
        boolean direct = memory.equals("direct");
        frame = direct ? ByteBuffer.allocateDirect(RAW_BYTES) : ByteBuffer.allocate(RAW_BYTES);
        ByteBuffer plane = new SimulatedCamera(2048, 2048, PixelType.UINT16, 42).storedPlane(FrameCoordinates.of(0, 0, 0), 0)
                .duplicate();
        plane.clear();
        frame.put(plane).flip();
        block = direct ? ByteBuffer.allocateDirect(BLOCK) : ByteBuffer.allocate(BLOCK);
        shuffled = direct ? ByteBuffer.allocateDirect(RAW_BYTES) : ByteBuffer.allocate(RAW_BYTES);
        for (int at = 0; at < RAW_BYTES; at += BLOCK) {
            ByteShuffle.shuffle(frame, at, shuffled, at, BLOCK, 2);
        }
        lz4 = new Lz4BloscCompressor(5);
        compressed = direct ? ByteBuffer.allocateDirect(2 * RAW_BYTES) : ByteBuffer.allocate(2 * RAW_BYTES);
        streamLengths = new int[RAW_BYTES / STREAM];
        lz4Compress();
    }

    @Benchmark
    public ByteBuffer shuffle() {
        for (int at = 0; at < RAW_BYTES; at += BLOCK) {
            ByteShuffle.shuffle(frame, at, block, 0, BLOCK, 2);
        }
        return block;
    }

    @Benchmark
    public ByteBuffer unshuffle() {
        for (int at = 0; at < RAW_BYTES; at += BLOCK) {
            ByteShuffle.unshuffle(block, 0, frame, at, BLOCK, 2);
        }
        return frame;
    }

    /** LZ4 on every shuffled stream; streams that do not shrink are not stored (a frame copies them). */
    @Benchmark
    public int lz4Compress() {
        int out = 0;
        for (int stream = 0; stream < streamLengths.length; stream++) {
            int length = lz4.compress(shuffled, stream * STREAM, STREAM, compressed, out, lz4.maxCompressedLength(STREAM));
            streamLengths[stream] = length;
            out += length;
        }
        return out;
    }

    @Benchmark
    public ByteBuffer lz4Decompress() {
        int in = 0;
        for (int stream = 0; stream < streamLengths.length; stream++) {
            if (streamLengths[stream] < STREAM) {
                lz4.decompress(compressed, in, streamLengths[stream], shuffled, stream * STREAM, STREAM);
            }
            in += streamLengths[stream];
        }
        return shuffled;
    }
}
