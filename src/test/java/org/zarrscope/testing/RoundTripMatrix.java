package org.zarrscope.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.BloscShuffle;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedAcquisition;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.zarr.ZarrReader;

/**
 * The machinery of a pixel-exact round-trip matrix, shared by the Zarr formats: every pixel type ×
 * codec × {@linkplain #layouts() layout} × acquisition order × complete or early-stopped run is
 * written by the real pipeline from a seeded {@link SimulatedCamera}, then read back by an
 * independent reader ({@link #readIndependently}, one run for all datasets) and by Zarrscope's own
 * {@link ZarrReader}, and every {@code (t, c, z)} plane is compared by SHA-256 with
 * {@link SimulatedCamera#storedPlane} of the frame that belongs there, or with zeros (the fill
 * value) for frames an early stop never acquired.
 *
 * <p>Expected pixels and the set of acquired frames are computed here, independently of the
 * writer: the camera is a pure function of seed and coordinates, and the acquisition order is
 * enumerated with plain nested loops rather than {@link AcquisitionOrder#forEachFrame}.
 *
 * <p>The acquisition is {@code T=3, C=3, Z=5, 30×40}; a 3-D chunking {@code 2,2,3,16,16} has an
 * edge chunk along every axis (t 2+1, c 2+1 or for RGB's 9 stored channels 2+2+2+2+1, z 3+2,
 * y 16+14, x 16+16+8), and for RGB its channel chunks straddle acquisition channels.
 *
 * <p>A subclass names the layouts, runs its independent reader and checks what that reader
 * reports ({@link #checkIndependentReader}, using {@link #assertPlanes} for the pixels). State is
 * per test class ({@link TestInstance.Lifecycle#PER_CLASS}), so several subclasses can run in one
 * JVM.
 *
 * @param <D> what the independent reader reports of one dataset
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExternalProcess
public abstract class RoundTripMatrix<D> {
    public static final int WIDTH = 40;
    public static final int HEIGHT = 30;
    public static final int TIME_POINTS = 3;
    public static final int CHANNELS = 3;
    public static final int Z_SLICES = 5;
    public static final long SEED = 20240611L;
    public static final int TOTAL_FRAMES = TIME_POINTS * CHANNELS * Z_SLICES;
    /** An early stop after 60% of the frames, as a user pressing Stop would. */
    public static final int STOPPED_AFTER = TOTAL_FRAMES * 6 / 10;
    public static final List<String> ORDERS = Collections.unmodifiableList(Arrays.asList("tczyx", "zctyx"));

    /**
     * Pixel type with the stored data types expected for it (numpy's for Zarr v2, Zarr v3's
     * {@code data_type}) and its sample size, written down here rather than taken from {@link PixelType}.
     */
    public enum Type {
        UINT8(PixelType.UINT8, "|u1", "uint8", 1, 1),
        UINT16(PixelType.UINT16, "<u2", "uint16", 2, 1),
        UINT32(PixelType.UINT32, "<u4", "uint32", 4, 1),
        FLOAT32(PixelType.FLOAT32, "<f4", "float32", 4, 1),
        RGB8(PixelType.RGB8, "|u1", "uint8", 1, 3);

        public final PixelType pixelType;
        public final String numpyDtype;
        public final String v3DataType;
        public final int bytesPerSample;
        public final int componentsPerFrame;

        Type(PixelType pixelType, String numpyDtype, String v3DataType, int bytesPerSample, int componentsPerFrame) {
            this.pixelType = pixelType;
            this.numpyDtype = numpyDtype;
            this.v3DataType = v3DataType;
            this.bytesPerSample = bytesPerSample;
            this.componentsPerFrame = componentsPerFrame;
        }

        public int storedChannels() {
            return CHANNELS * componentsPerFrame;
        }

        /** The data type as the format's metadata names it. */
        public String dtype(ZarrFormat format) {
            return format == ZarrFormat.V3 ? v3DataType : numpyDtype;
        }
    }

    /** A codec with the Zarr v3 codec name expected after {@code bytes} ({@code null}: none). */
    public enum Codec {
        NONE("none", CodecSpec.none(), null),
        BLOSC_LZ4("blosc-lz4-shuffle", CodecSpec.blosc("lz4", 5, BloscShuffle.SHUFFLE), "blosc"),
        BLOSC_ZSTD("blosc-zstd-bitshuffle", CodecSpec.blosc("zstd", 5, BloscShuffle.BITSHUFFLE), "blosc"),
        ZSTD("zstd", CodecSpec.zstd(3), "zstd"),
        GZIP("gzip", CodecSpec.gzip(5), "gzip");

        public final String label;
        public final CodecSpec spec;
        public final String v3Name;

        Codec(String label, CodecSpec spec, String v3Name) {
            this.label = label;
            this.spec = spec;
            this.v3Name = v3Name;
        }

        /** The codec names of a v3 chunk's pipeline: {@code bytes}, then the compressor if any. */
        public List<String> v3ChunkCodecs() {
            return v3Name == null ? List.of("bytes") : List.of("bytes", v3Name);
        }
    }

    /** How a dataset is laid out on disk: format, (inner) chunk shape and, for sharded v3, the shard shape. */
    public static final class Layout {
        /** Part of the dataset's folder name. */
        public final String label;
        public final ZarrFormat format;
        public final int[] chunk;
        /** {@code null} when not sharded. */
        public final int[] shard;

        private Layout(String label, ZarrFormat format, int[] chunk, int[] shard) {
            if (chunk.length != 5 || (shard != null && shard.length != 5)) {
                throw new IllegalArgumentException("give five extents t, c, z, y, x");
            }
            this.label = label;
            this.format = format;
            this.chunk = chunk.clone();
            this.shard = shard == null ? null : shard.clone();
        }

        public static Layout v2(String label, int... chunk) {
            return new Layout(label, ZarrFormat.V2, chunk, null);
        }

        public static Layout v3(String label, int... chunk) {
            return new Layout(label, ZarrFormat.V3, chunk, null);
        }

        public static Layout v3Sharded(String label, int[] chunk, int[] shard) {
            return new Layout(label, ZarrFormat.V3, chunk, shard);
        }

        public boolean sharded() {
            return shard != null;
        }

        /** For test names: {@code chunk 1,1,1,30,40} (v2), {@code v3 chunk …}, {@code v3 shard … of chunk …}. */
        public String description() {
            if (format == ZarrFormat.V2) {
                return "chunk " + extents(chunk);
            }
            return sharded() ? "v3 shard " + extents(shard) + " of chunk " + extents(chunk) : "v3 chunk " + extents(chunk);
        }

        static String extents(int[] values) {
            return Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(","));
        }
    }

    /** One dataset: its combination, what was written, and what came back. */
    public static final class Case {
        public final Type type;
        public final Codec codec;
        public final Layout layout;
        public final String order;
        public final boolean stopped;
        public final String name;
        public final Path path;
        /** Acquisition frames {@code (t, c, z)} the run wrote, as {@code "t,c,z"}. */
        public final Set<String> acquired = new HashSet<>();
        Throwable writeFailure;
        long framesReported;

        Case(Path root, Type type, Codec codec, Layout layout, String order, boolean stopped) {
            this.type = type;
            this.codec = codec;
            this.layout = layout;
            this.order = order;
            this.stopped = stopped;
            this.name = type.pixelType.cliName() + " × " + codec.label + " × " + layout.description() + " × order "
                    + order + " × " + (stopped ? "stopped after " + STOPPED_AFTER + " of " + TOTAL_FRAMES : "complete");
            this.path = root.resolve(type.pixelType.cliName() + "_" + codec.label + "_" + layout.label + "_" + order
                    + "_" + (stopped ? "stopped" : "complete") + ".ome.zarr");
        }

        public String id() {
            return path.getFileName().toString();
        }

        public int[] expectedShape() {
            // a bounded time axis keeps its declared extent even after an early stop
            return new int[] {TIME_POINTS, type.storedChannels(), Z_SLICES, HEIGHT, WIDTH};
        }

        /** The (inner) chunk shape. */
        public int[] expectedChunks() {
            return layout.chunk.clone();
        }

        /** The chunk grid's shape: the shard shape when sharded, else the chunk shape. */
        public int[] expectedGrid() {
            return layout.sharded() ? layout.shard.clone() : layout.chunk.clone();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<Case> cases = new ArrayList<>();
    private final Map<Type, Map<String, String>> expectedHashes = new EnumMap<>(Type.class);
    private Map<String, D> independent;

    /** The layouts every pixel type × codec × order × complete/stopped combination is written in. */
    protected abstract List<Layout> layouts();

    /** The independent reader's name, as test names show it, e.g. {@code zarr-python}. */
    protected abstract String readerName();

    /** Reads every written dataset with the independent reader in one run; keyed by {@link Case#id()}. */
    protected abstract Map<String, D> readIndependently(List<Case> written) throws Exception;

    /**
     * Checks what the independent reader reports of one dataset: readable, shape, chunks, data type,
     * format specifics and every plane ({@link #assertPlanes}). {@code read} is {@code null} when the
     * reader gave no answer.
     */
    protected abstract void checkIndependentReader(Case c, D read) throws Exception;

    /** Writes every combination into {@code root} (one folder per test class) and reads them all back. */
    @BeforeAll
    void writeEveryCombinationAndReadIndependently(@TempDir Path root) throws Exception {
        for (Type type : Type.values()) {
            expectedHashes.put(type, expectedHashes(type));
            for (Codec codec : Codec.values()) {
                for (Layout layout : layouts()) {
                    for (String order : ORDERS) {
                        for (boolean stopped : new boolean[] {false, true}) {
                            Case c = new Case(root, type, codec, layout, order, stopped);
                            write(c);
                            cases.add(c);
                        }
                    }
                }
            }
        }
        List<Case> written = cases.stream().filter(c -> c.writeFailure == null).collect(Collectors.toList());
        independent = written.isEmpty() ? Map.of() : readIndependently(written);
    }

    /** Hash of every stored plane of the camera's frames, keyed {@code "t,storedChannel,z"}. */
    private static Map<String, String> expectedHashes(Type type) {
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, type.pixelType, SEED);
        Map<String, String> hashes = new HashMap<>();
        for (int t = 0; t < TIME_POINTS; t++) {
            for (int c = 0; c < CHANNELS; c++) {
                for (int z = 0; z < Z_SLICES; z++) {
                    for (int component = 0; component < type.componentsPerFrame; component++) {
                        ByteBuffer plane = wholeBuffer(camera.storedPlane(FrameCoordinates.of(t, c, z), component));
                        assertEquals(WIDTH * HEIGHT * type.bytesPerSample, plane.remaining(), "stored plane size");
                        hashes.put(t + "," + (c * type.componentsPerFrame + component) + "," + z,
                                ZarrPython.sha256(plane));
                    }
                }
            }
        }
        return hashes;
    }

    /**
     * The whole of a buffer from {@link SimulatedCamera#storedPlane}, whatever its position
     * ({@link #storedPlaneIsReadyToRead} checks that the position is 0, as it should be).
     */
    private static ByteBuffer wholeBuffer(ByteBuffer plane) {
        ByteBuffer whole = plane.duplicate();
        whole.clear();
        return whole;
    }

    /** Frames in acquisition order, enumerated with plain loops over the order's letters. */
    public static List<int[]> framesInOrder(String order) {
        int[] extent = {TIME_POINTS, CHANNELS, Z_SLICES};
        int outer = "tcz".indexOf(order.charAt(0));
        int middle = "tcz".indexOf(order.charAt(1));
        int inner = "tcz".indexOf(order.charAt(2));
        List<int[]> frames = new ArrayList<>();
        for (int a = 0; a < extent[outer]; a++) {
            for (int b = 0; b < extent[middle]; b++) {
                for (int i = 0; i < extent[inner]; i++) {
                    int[] frame = new int[3];
                    frame[outer] = a;
                    frame[middle] = b;
                    frame[inner] = i;
                    frames.add(frame);
                }
            }
        }
        return frames;
    }

    private static void write(Case c) {
        int planned = c.stopped ? STOPPED_AFTER : TOTAL_FRAMES;
        for (int[] frame : framesInOrder(c.order).subList(0, planned)) {
            c.acquired.add(frame[0] + "," + frame[1] + "," + frame[2]);
        }
        try {
            int[] chunk = c.layout.chunk;
            WriterSettings.Builder builder = WriterSettings.builder()
                    .output(c.path)
                    .timePoints(TIME_POINTS).channels(CHANNELS).zSlices(Z_SLICES)
                    .frameSize(WIDTH, HEIGHT)
                    .pixelType(c.type.pixelType)
                    .chunkShape(chunk[0], chunk[1], chunk[2], chunk[3], chunk[4])
                    .codec(c.codec.spec)
                    .order(AcquisitionOrder.parse(c.order))
                    .format(c.layout.format)
                    .writerThreads(2)
                    .memoryBudgetBytes(4L << 20);
            if (c.layout.sharded()) {
                int[] shard = c.layout.shard;
                builder.shardShape(shard[0], shard[1], shard[2], shard[3], shard[4]);
            } else {
                builder.unsharded();
            }
            WriterSettings settings = builder.build();
            SimulatedAcquisition acquisition = new SimulatedAcquisition(settings, SEED, TIME_POINTS, 0);
            try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
                c.framesReported = acquisition.run(writer, planned, count -> { });
                writer.finish();
            }
        } catch (Throwable e) {
            c.writeFailure = e;
        }
    }

    /**
     * The expectations above rest on {@link SimulatedCamera#storedPlane}; it must hand out a
     * buffer ready to read (position 0, one whole plane remaining) like any other ByteBuffer
     * result, or a caller hashing its remaining bytes hashes nothing.
     */
    @TestFactory
    public Stream<DynamicTest> storedPlaneIsReadyToRead() {
        return Arrays.stream(Type.values()).map(type -> DynamicTest.dynamicTest(
                "SimulatedCamera.storedPlane of " + type.pixelType.cliName() + " starts at position 0", () -> {
                    SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, type.pixelType, SEED);
                    for (int component = 0; component < type.componentsPerFrame; component++) {
                        ByteBuffer plane = camera.storedPlane(FrameCoordinates.of(1, 2, 3), component);
                        assertEquals(0, plane.position(), "position of the stored plane of component " + component);
                        assertEquals(WIDTH * HEIGHT * type.bytesPerSample, plane.remaining(),
                                "bytes remaining in the stored plane of component " + component);
                    }
                }));
    }

    @TestFactory
    public Stream<DynamicNode> everyCombinationReadsBackPixelExact() {
        assertEquals(Type.values().length * Codec.values().length * layouts().size() * ORDERS.size() * 2,
                cases.size());
        return cases.stream().map(c -> DynamicContainer.dynamicContainer(c.name, Stream.of(
                DynamicTest.dynamicTest(readerName() + " reads " + c.name, () -> {
                    checkWritten(c);
                    checkIndependentReader(c, independent.get(c.id()));
                }),
                DynamicTest.dynamicTest("ZarrReader reads " + c.name, () -> checkOwnReader(c)))));
    }

    /** Fails with the writer's error when the dataset could not be written, or with a wrong frame count. */
    protected static void checkWritten(Case c) {
        if (c.writeFailure != null) {
            throw new AssertionError("writing " + c.name + " failed: " + c.writeFailure, c.writeFailure);
        }
        assertEquals(c.acquired.size(), c.framesReported, "frames SimulatedAcquisition.run reports for " + c.name);
    }

    private void checkOwnReader(Case c) throws Exception {
        checkWritten(c);
        ZarrReader reader = ZarrReader.open(new FileSystemStore(c.path), AcquisitionWriter.FULL_RESOLUTION_PATH);
        assertArrayEquals(c.expectedShape(), reader.shape(), "shape ZarrReader reads of " + c.name);
        assertArrayEquals(c.expectedChunks(), reader.chunks(), "chunks ZarrReader reads of " + c.name);
        assertEquals(c.type.dtype(c.layout.format), reader.dtype(), "dtype ZarrReader reads of " + c.name);
        assertPlanes(c, "ZarrReader", (t, sc, z) -> ZarrPython.sha256(reader.readPlane(t, sc, z)));
    }

    /** The SHA-256 of one plane {@code (t, storedChannel, z)} as a reader returned it. */
    public interface PlaneHash {
        String of(int t, int storedChannel, int z) throws Exception;
    }

    /** Planes in the array: {@code T × stored channels × Z}. */
    protected static int planesOf(Case c) {
        return TIME_POINTS * c.type.storedChannels() * Z_SLICES;
    }

    /** Compares every plane and reports all mismatches at once, saying which frames were acquired. */
    protected void assertPlanes(Case c, String reader, PlaneHash actual) {
        String zeros = ZarrPython.sha256OfZeros(WIDTH * HEIGHT * c.type.bytesPerSample);
        Map<String, String> expectedByPlane = expectedHashes.get(c.type);
        Map<String, String> wrong = new LinkedHashMap<>();
        int planes = 0;
        for (int t = 0; t < TIME_POINTS; t++) {
            for (int sc = 0; sc < c.type.storedChannels(); sc++) {
                for (int z = 0; z < Z_SLICES; z++) {
                    boolean acquired = c.acquired.contains(t + "," + (sc / c.type.componentsPerFrame) + "," + z);
                    String expected = acquired ? expectedByPlane.get(t + "," + sc + "," + z) : zeros;
                    String got;
                    try {
                        got = actual.of(t, sc, z);
                    } catch (Exception e) {
                        got = "error " + e;
                    }
                    planes++;
                    if (!expected.equals(got)) {
                        wrong.put("t=" + t + " c=" + sc + " z=" + z + (acquired ? " (acquired)" : " (never acquired)"),
                                (got != null && got.equals(zeros) ? "all zeros" : got) + ", expected "
                                        + (acquired ? expected : "all zeros"));
                    }
                }
            }
        }
        assertEquals(planesOf(c), planes);
        if (!wrong.isEmpty()) {
            StringBuilder message = new StringBuilder(reader + " read " + wrong.size() + " of " + planes
                    + " planes of " + c.name + " wrong (" + c.path + "):");
            wrong.entrySet().stream().limit(12)
                    .forEach(e -> message.append("\n  ").append(e.getKey()).append(": ").append(e.getValue()));
            fail(message.toString());
        }
    }
}
