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
 * How the block size of Zarrscope's Java Blosc frames was chosen ({@link BloscBlocks}): one 8 MiB
 * simulated 16-bit camera frame, byte shuffle, compressed and decompressed between direct buffers
 * on one thread, with blocks of 64 KiB to 1 MiB, for LZ4 at clevel 5 and zstd at clevel 1. The
 * setup prints each setting's ratio. Run with {@code mvn -Pbenchmarks test
 * -Djmh.include='.*BloscBlockSizeBenchmark.*' -Djmh.warmup=2 -Djmh.iterations=3}; MB/s = ops/s × 8.39.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BloscBlockSizeBenchmark {
    private static final int RAW_BYTES = 2048 * 2048 * 2;

    @Param({"lz4", "zstd"})
    public String cname;

    @Param({"64", "128", "256", "512", "1024"})
    public int blockKib;

    private BloscFrameCodec codec;
    private ByteBuffer raw;
    private ByteBuffer compressTarget;
    private ByteBuffer compressed;
    private ByteBuffer decompressTarget;

    @Setup(Level.Trial)
    public void setUp() {
        int clevel = cname.equals("lz4") ? 5 : 1;
        BloscCompressor compressor = cname.equals("lz4") ? new Lz4BloscCompressor(clevel) : new ZstdBloscCompressor(clevel);
        codec = new BloscFrameCodec(compressor, clevel, BloscShuffle.SHUFFLE, 2, new BloscBlocks(blockKib << 10, 2), false);
        ByteBuffer plane = new SimulatedCamera(2048, 2048, PixelType.UINT16, 42).storedPlane(FrameCoordinates.of(0, 0, 0), 0)
                .duplicate();
        plane.clear();
        raw = ByteBuffer.allocateDirect(RAW_BYTES);
        raw.put(plane).flip();
        compressTarget = ByteBuffer.allocateDirect(codec.maxCompressedLength(RAW_BYTES));
        int length = codec.compress(raw, compressTarget);
        compressTarget.flip();
        compressed = ByteBuffer.allocateDirect(length);
        compressed.put(compressTarget).flip();
        decompressTarget = ByteBuffer.allocateDirect(RAW_BYTES);
        System.out.printf("%n[%s, %d KiB blocks] ratio %.3f%n", cname, blockKib, (double) RAW_BYTES / length);
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
