package org.zarrscope.benchmarks;

import com.scalableminds.bloscjava.Blosc;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.blosc.JBlosc;
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
import org.zarrscope.codec.JavaBloscFrames;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedCamera;

/**
 * Why Zarrscope writes Blosc frames in Java around lz4-java and zstd-jni rather than calling
 * c-blosc (docs/blosc-bindings.md): the same Blosc settings (byte shuffle, typesize 2, clevel 5, one
 * thread; {@code -Djmh.clevel} for another level) on 8 MiB of simulated 16-bit camera frames, through
 * <ol>
 *   <li>{@code javaFrames*}: Zarrscope's Blosc frames written and read in Java (256 KiB blocks,
 *       lz4-java or zstd-jni) between direct buffers, without a copy beyond the shuffle;</li>
 *   <li>{@code zarrscopeCodec*}: the {@link Codec} Zarrscope takes ({@link CodecSpec}: c-blosc for
 *       byte-shuffled lz4, Java frames for zstd) on the memory its writer gives it (heap arrays of
 *       exactly a chunk where the codec reads whole arrays, else direct buffers);</li>
 *   <li>{@code bloscJava*}: c-blosc 1.21.4 through blosc-java's {@code byte[]} API (its JNI copies
 *       and a new result array per call; c-blosc's own block size);</li>
 *   <li>{@code jblosc*}: c-blosc through jblosc's {@code *Ctx} functions (JNA) on direct buffers,
 *       with no copy at all: what c-blosc alone costs, SIMD shuffle included.</li>
 * </ol>
 * Every operation handles {@link #RAW_BYTES} uncompressed bytes, so MB/s = ops/s × 8.388608;
 * {@link BenchmarksLauncher} prints that table. All decompression benchmarks read the same chunk
 * (made by blosc-java). The set-up checks that every path round-trips byte-exactly and that the
 * bindings read each other's chunks. Without a system c-blosc (jblosc ships none) only the
 * {@code jblosc*} benchmarks fail; leave them out with {@code -Djmh.include}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BloscBindingsBenchmark {
    /** Uncompressed bytes per operation: 8 MiB of uint16 frames, a typical chunk. */
    public static final int RAW_BYTES = 8 << 20;
    private static final int WIDTH = 2048;
    private static final int HEIGHT = 2048;
    private static final long SEED = 42;
    private static final int TYPE_SIZE = 2;
    private static final int BLOSC_THREADS = 1;

    /** Blosc's internal compressor; both bindings and Zarrscope's codec name it the same way. */
    @Param({"lz4", "zstd"})
    public String cname;

    /** Blosc's level; 5 unless {@code -Djmh.clevel} says otherwise. */
    @Param({"5"})
    public int clevel;

    private byte[] raw;
    private ByteBuffer directRaw;
    private ByteBuffer directCompressTarget;
    private ByteBuffer directDecompressTarget;
    private byte[] compressedArray;
    private ByteBuffer directCompressed;
    private ByteBuffer writerRaw;
    private ByteBuffer heapCompressed;
    private ByteBuffer heapDecompressTarget;
    private Blosc.Compressor compressor;
    private Codec zarrscopeCodec;
    private Codec javaFrames;

    @Setup(Level.Trial)
    public void setUp() {
        raw = cameraFrames();
        directRaw = ByteBuffer.allocateDirect(RAW_BYTES);
        directRaw.put(raw).flip();
        directDecompressTarget = ByteBuffer.allocateDirect(RAW_BYTES);

        compressor = Blosc.Compressor.fromString(cname);
        zarrscopeCodec = CodecSpec.parse("blosc-" + cname, clevel, BloscShuffle.SHUFFLE).newCodec(TYPE_SIZE);
        javaFrames = JavaBloscFrames.codec(cname, clevel, BloscShuffle.SHUFFLE, TYPE_SIZE);
        // Java frames ask for a little more room than c-blosc's 16 bytes (their compressor's bound for one block).
        directCompressTarget = ByteBuffer.allocateDirect(javaFrames.maxCompressedLength(RAW_BYTES));

        // One chunk, made by blosc-java, is the input of every decompression benchmark.
        compressedArray = Blosc.compress(raw, TYPE_SIZE, compressor, clevel, Blosc.Shuffle.BYTE_SHUFFLE, 0, BLOSC_THREADS);
        directCompressed = ByteBuffer.allocateDirect(compressedArray.length);
        directCompressed.put(compressedArray).flip();
        check(Blosc.decompress(compressedArray, BLOSC_THREADS), "blosc-java reading its own chunk");
        writerRaw = zarrscopeCodec.readsWholeArrays() ? ByteBuffer.wrap(raw) : directRaw;
        heapCompressed = ByteBuffer.wrap(compressedArray);
        heapDecompressTarget = ByteBuffer.allocate(RAW_BYTES);
        zarrscopeCodec.decompress(heapCompressed.duplicate(), heapDecompressTarget);
        check(heapDecompressTarget.array(), "Zarrscope's codec reading blosc-java's chunk on the heap");

        // Every path must give the same bytes back, and the two bindings must read each other's chunks.
        wipe(directCompressTarget);
        int zarrscopeBytes = javaFramesCompression();
        check(Blosc.decompress(compressedBytes(zarrscopeBytes), BLOSC_THREADS), "blosc-java reading a Java frame");
        wipe(directDecompressTarget);
        directDecompressTarget.clear();
        javaFrames.decompress(directCompressed.duplicate(), directDecompressTarget);
        check(toArray(directDecompressTarget), "Java frames reading blosc-java's chunk");
        String jbloscBytes;
        try {
            wipe(directCompressTarget);
            int length = jbloscCompress();
            if (length <= 0) {
                throw new IllegalStateException(cname + ": jblosc compression failed with " + length);
            }
            jbloscBytes = Integer.toString(length);
            check(Blosc.decompress(compressedBytes(length), BLOSC_THREADS), "blosc-java reading jblosc's chunk");
            wipe(directDecompressTarget);
            if (jbloscDecompress() != RAW_BYTES) {
                throw new IllegalStateException(cname + ": jblosc decompressed the wrong size");
            }
            check(toArray(directDecompressTarget), "jblosc reading blosc-java's chunk");
        } catch (LinkageError e) {
            // No system c-blosc (jblosc ships none): the blosc-java and Zarrscope benchmarks still run.
            String why = e.toString();
            jbloscBytes = "unavailable (" + (why.length() > 160 ? why.substring(0, 160) + "…" : why) + ")";
        }
        directCompressTarget.clear();
        directDecompressTarget.clear();
        System.out.printf("%n[%s] %d bytes -> blosc-java %d (ratio %.2f), Java frames %d, jblosc %s%n", cname,
                RAW_BYTES, compressedArray.length, (double) RAW_BYTES / compressedArray.length, zarrscopeBytes, jbloscBytes);
    }

    /** The first {@code length} bytes of {@link #directCompressTarget}. */
    private byte[] compressedBytes(int length) {
        byte[] bytes = new byte[length];
        ByteBuffer view = directCompressTarget.duplicate();
        view.clear();
        view.get(bytes);
        return bytes;
    }

    /** Consecutive frames of one simulated camera (little-endian, as stored) until {@link #RAW_BYTES} are filled. */
    private static byte[] cameraFrames() {
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, SEED);
        byte[] frames = new byte[RAW_BYTES];
        int filled = 0;
        for (int time = 0; filled < RAW_BYTES; time++) {
            ByteBuffer plane = camera.storedPlane(FrameCoordinates.of(time, 0, 0), 0).duplicate();
            plane.clear(); // the whole plane, wherever storedPlane leaves the position
            int length = Math.min(plane.remaining(), RAW_BYTES - filled);
            plane.get(frames, filled, length);
            filled += length;
        }
        return frames;
    }

    private void check(byte[] roundTripped, String what) {
        if (!Arrays.equals(raw, roundTripped)) {
            throw new IllegalStateException(cname + ": " + what + " did not give back the original bytes");
        }
    }

    /** Zeros in the whole buffer, so a check cannot pass on an earlier benchmark's bytes. */
    private static void wipe(ByteBuffer buffer) {
        ByteBuffer all = buffer.duplicate();
        all.clear();
        all.put(new byte[all.remaining()]);
    }

    /** All of a buffer, from 0 to its capacity, wherever its position and limit are. */
    private static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer all = buffer.duplicate();
        all.clear();
        byte[] bytes = new byte[all.remaining()];
        all.get(bytes);
        return bytes;
    }

    private int javaFramesCompression() {
        directCompressTarget.clear();
        return javaFrames.compress(directRaw, directCompressTarget);
    }

    private int jbloscCompress() {
        return JBlosc.compressCtx(clevel, BloscShuffle.SHUFFLE.code(), TYPE_SIZE, directRaw, RAW_BYTES,
                directCompressTarget, directCompressTarget.capacity(), cname, 0, BLOSC_THREADS);
    }

    private int jbloscDecompress() {
        return JBlosc.decompressCtx(directCompressed, directDecompressTarget, RAW_BYTES, BLOSC_THREADS);
    }

    // ---- compression -------------------------------------------------------------------------

    /** Java frames: direct chunk buffer → codec → direct target buffer. */
    @Benchmark
    public int javaFramesCompress() {
        return javaFramesCompression();
    }

    /** Zarrscope's write path: the chunk buffer its writer gives this codec → codec → direct target buffer. */
    @Benchmark
    public int zarrscopeCodecCompress() {
        directCompressTarget.clear();
        return zarrscopeCodec.compress(writerRaw, directCompressTarget);
    }

    /** blosc-java as it is: {@code byte[]} in, new exact-size {@code byte[]} out. */
    @Benchmark
    public byte[] bloscJavaCompress() {
        return Blosc.compress(raw, TYPE_SIZE, compressor, clevel, Blosc.Shuffle.BYTE_SHUFFLE, 0, BLOSC_THREADS);
    }

    /** jblosc through JNA on direct buffers: no copy. */
    @Benchmark
    public int jbloscCompressDirect() {
        return jbloscCompress();
    }

    // ---- decompression -----------------------------------------------------------------------

    /** Java frames: direct compressed buffer → codec → direct chunk buffer. */
    @Benchmark
    public ByteBuffer javaFramesDecompress() {
        directDecompressTarget.clear();
        javaFrames.decompress(directCompressed.duplicate(), directDecompressTarget);
        return directDecompressTarget;
    }

    /** Zarrscope's read path: a chunk read from a file into a heap array → codec → a heap chunk (as ZarrReader). */
    @Benchmark
    public ByteBuffer zarrscopeCodecDecompress() {
        heapDecompressTarget.clear();
        zarrscopeCodec.decompress(heapCompressed.duplicate(), heapDecompressTarget);
        return heapDecompressTarget;
    }

    @Benchmark
    public byte[] bloscJavaDecompress() {
        return Blosc.decompress(compressedArray, BLOSC_THREADS);
    }

    @Benchmark
    public int jbloscDecompressDirect() {
        return jbloscDecompress();
    }
}
