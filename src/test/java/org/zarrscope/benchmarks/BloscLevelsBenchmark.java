package org.zarrscope.benchmarks;

import java.nio.ByteBuffer;
import java.util.Arrays;
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
import org.zarrscope.codec.BloscShuffle;
import org.zarrscope.codec.Codec;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedCamera;

/**
 * What each Blosc {@code clevel} costs and gives on camera frames (docs/codecs.md, the table the
 * default level is chosen from): Zarrscope's Blosc codec ({@code CodecSpec.parse("blosc-<cname>",
 * clevel, SHUFFLE).newCodec(2)}: c-blosc for lz4, Java frames for zstd) compressing one 2048×2048
 * uint16 frame (8 MiB) from the memory the writer gives it into a direct buffer, and decompressing
 * it back, on one thread. Frames are {@code simulated} ({@link SimulatedCamera}, seed
 * 42, frame 0) or {@code recipe} ({@link RecipeFrames}, seed 42, frame 0). {@link BenchmarksLauncher}
 * prints MB/s of raw data and the compression ratio of each setting.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BloscLevelsBenchmark {
    static final int RAW_BYTES = 2048 * 2048 * 2;

    @Param({"lz4", "zstd"})
    public String cname;

    @Param({"1", "2", "3", "4", "5", "6", "7", "8", "9"})
    public int clevel;

    @Param({"simulated", "recipe"})
    public String frames;

    private Codec codec;
    private ByteBuffer raw;
    private ByteBuffer compressTarget;
    private ByteBuffer compressed;
    private ByteBuffer decompressTarget;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = frame(frames);
        codec = codec(cname, clevel);
        // The memory Zarrscope's writer gives this codec: heap arrays of a chunk where it reads whole arrays.
        raw = codec.readsWholeArrays() ? ByteBuffer.wrap(bytes) : ByteBuffer.allocateDirect(RAW_BYTES).put(bytes).flip();
        compressTarget = ByteBuffer.allocateDirect(codec.maxCompressedLength(RAW_BYTES));
        codec.compress(raw, compressTarget);
        compressTarget.flip();
        compressed = ByteBuffer.allocateDirect(compressTarget.remaining());
        compressed.put(compressTarget).flip();
        decompressTarget = ByteBuffer.allocateDirect(RAW_BYTES);
        codec.decompress(compressed.duplicate(), decompressTarget);
        byte[] back = new byte[RAW_BYTES];
        decompressTarget.flip();
        decompressTarget.get(back);
        if (!Arrays.equals(bytes, back)) {
            throw new IllegalStateException(cname + " clevel " + clevel + " did not give back the " + frames + " frame");
        }
    }

    static Codec codec(String cname, int clevel) {
        return CodecSpec.parse("blosc-" + cname, clevel, BloscShuffle.SHUFFLE).newCodec(2);
    }

    /** Frame 0 of seed 42 of {@code simulated} or {@code recipe} frames, little-endian. */
    static byte[] frame(String frames) {
        if (frames.equals("recipe")) {
            return RecipeFrames.frame(42, 0);
        }
        ByteBuffer plane = new SimulatedCamera(2048, 2048, PixelType.UINT16, 42).storedPlane(FrameCoordinates.of(0, 0, 0), 0)
                .duplicate();
        plane.clear();
        byte[] bytes = new byte[RAW_BYTES];
        plane.get(bytes);
        return bytes;
    }

    /** Raw bytes ÷ compressed bytes of that frame at that setting. */
    static double ratio(String cname, int clevel, String frames) {
        Codec codec = codec(cname, clevel);
        ByteBuffer source = ByteBuffer.allocateDirect(RAW_BYTES);
        source.put(frame(frames)).flip();
        return (double) RAW_BYTES / codec.compress(source, ByteBuffer.allocateDirect(codec.maxCompressedLength(RAW_BYTES)));
    }

    @Benchmark
    public int compress() {
        compressTarget.clear();
        return codec.compress(raw, compressTarget);
    }

    @Benchmark
    public ByteBuffer decompress() {
        decompressTarget.clear();
        codec.decompress(compressed.duplicate(), decompressTarget);
        return decompressTarget;
    }
}
