package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.codec.BloscShuffle;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedAcquisition;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.zarr.ZarrReader;

/**
 * Pixel-exact round trip of every pixel type × codec × chunking × acquisition order × complete
 * or early-stopped run: each dataset is written by the real pipeline from a seeded
 * {@link SimulatedCamera}, then read back by zarr-python (one script run for all of them) and by
 * Zarrscope's own {@link ZarrReader}, and every {@code (t, c, z)} plane is compared by SHA-256
 * with {@link SimulatedCamera#storedPlane} of the frame that belongs there, or with zeros (the
 * fill value) for frames an early stop never acquired.
 *
 * <p>Expected pixels and the set of acquired frames are computed here, independently of the
 * writer: the camera is a pure function of seed and coordinates, and the acquisition order is
 * enumerated with plain nested loops rather than {@link AcquisitionOrder#forEachFrame}.
 *
 * <p>The 3-D chunking {@code 2,2,3,16,16} of a {@code T=3, C=3, Z=5, 30×40} acquisition has an
 * edge chunk along every axis (t 2+1, c 2+1 or for RGB's 9 stored channels 2+2+2+2+1, z 3+2,
 * y 16+14, x 16+16+8), and for RGB its channel chunks straddle acquisition channels.
 */
class ZarrPythonReadsEveryCombinationTest {
    private static final int WIDTH = 40;
    private static final int HEIGHT = 30;
    private static final int TIME_POINTS = 3;
    private static final int CHANNELS = 3;
    private static final int Z_SLICES = 5;
    private static final long SEED = 20240611L;
    private static final int TOTAL_FRAMES = TIME_POINTS * CHANNELS * Z_SLICES;
    /** An early stop after 60% of the frames, as a user pressing Stop would. */
    private static final int STOPPED_AFTER = TOTAL_FRAMES * 6 / 10;

    @TempDir
    static Path root;

    /** Pixel type with the numpy dtype and sample size expected for it, written down here rather than taken from {@link PixelType}. */
    private enum Type {
        UINT8(PixelType.UINT8, "|u1", 1, 1),
        UINT16(PixelType.UINT16, "<u2", 2, 1),
        UINT32(PixelType.UINT32, "<u4", 4, 1),
        FLOAT32(PixelType.FLOAT32, "<f4", 4, 1),
        RGB8(PixelType.RGB8, "|u1", 1, 3);

        final PixelType pixelType;
        final String numpyDtype;
        final int bytesPerSample;
        final int componentsPerFrame;

        Type(PixelType pixelType, String numpyDtype, int bytesPerSample, int componentsPerFrame) {
            this.pixelType = pixelType;
            this.numpyDtype = numpyDtype;
            this.bytesPerSample = bytesPerSample;
            this.componentsPerFrame = componentsPerFrame;
        }

        int storedChannels() {
            return CHANNELS * componentsPerFrame;
        }
    }

    private enum Codec {
        NONE("none", CodecSpec.none()),
        BLOSC_LZ4("blosc-lz4-shuffle", CodecSpec.blosc("lz4", 5, BloscShuffle.SHUFFLE)),
        BLOSC_ZSTD("blosc-zstd-bitshuffle", CodecSpec.blosc("zstd", 5, BloscShuffle.BITSHUFFLE)),
        ZSTD("zstd", CodecSpec.zstd(3)),
        GZIP("gzip", CodecSpec.gzip(5));

        final String label;
        final CodecSpec spec;

        Codec(String label, CodecSpec spec) {
            this.label = label;
            this.spec = spec;
        }
    }

    private enum Chunking {
        PLANE("plane", 1, 1, 1, HEIGHT, WIDTH),
        BLOCK("block", 2, 2, 3, 16, 16);

        final String label;
        final int[] shape;

        Chunking(String label, int... shape) {
            this.label = label;
            this.shape = shape;
        }
    }

    private static final String[] ORDERS = {"tczyx", "zctyx"};

    /** One dataset: its combination, what was written, and what came back. */
    private static final class Case {
        final Type type;
        final Codec codec;
        final Chunking chunking;
        final String order;
        final boolean stopped;
        final String name;
        final Path path;
        /** Acquisition frames {@code (t, c, z)} the run wrote, as {@code "t,c,z"}. */
        final Set<String> acquired = new HashSet<>();
        Throwable writeFailure;
        long framesReported;

        Case(Type type, Codec codec, Chunking chunking, String order, boolean stopped) {
            this.type = type;
            this.codec = codec;
            this.chunking = chunking;
            this.order = order;
            this.stopped = stopped;
            this.name = type.pixelType.cliName() + " × " + codec.label + " × chunk "
                    + Arrays.toString(chunking.shape).replaceAll("[\\[\\] ]", "") + " × order " + order + " × "
                    + (stopped ? "stopped after " + STOPPED_AFTER + " of " + TOTAL_FRAMES : "complete");
            this.path = root.resolve(type.pixelType.cliName() + "_" + codec.label + "_" + chunking.label + "_" + order
                    + "_" + (stopped ? "stopped" : "complete") + ".ome.zarr");
        }

        String id() {
            return path.getFileName().toString();
        }

        int[] expectedShape() {
            // a bounded time axis keeps its declared extent even after an early stop
            return new int[] {TIME_POINTS, type.storedChannels(), Z_SLICES, HEIGHT, WIDTH};
        }

        int[] expectedChunks() {
            return chunking.shape.clone();
        }
    }

    private static final List<Case> CASES = new ArrayList<>();
    private static final Map<Type, Map<String, String>> EXPECTED_HASHES = new EnumMap<>(Type.class);
    private static Map<String, ZarrPython.Dataset> fromPython;

    @BeforeAll
    static void writeEveryCombinationAndReadWithZarrPython() throws Exception {
        for (Type type : Type.values()) {
            EXPECTED_HASHES.put(type, expectedHashes(type));
            for (Codec codec : Codec.values()) {
                for (Chunking chunking : Chunking.values()) {
                    for (String order : ORDERS) {
                        for (boolean stopped : new boolean[] {false, true}) {
                            Case c = new Case(type, codec, chunking, order, stopped);
                            write(c);
                            CASES.add(c);
                        }
                    }
                }
            }
        }
        ZarrPython.Request request = new ZarrPython.Request();
        for (Case c : CASES) {
            if (c.writeFailure == null) {
                request.add(c.id(), c.path, AcquisitionWriter.FULL_RESOLUTION_PATH);
            }
        }
        fromPython = ZarrPython.read(request);
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
     * The whole of a buffer from {@link SimulatedCamera#storedPlane}, whatever its position:
     * for {@code uint8} it currently comes back with its position at the end (a relative
     * {@code put} of the frame), so its remaining bytes would be none.
     */
    private static ByteBuffer wholeBuffer(ByteBuffer plane) {
        ByteBuffer whole = plane.duplicate();
        whole.clear();
        return whole;
    }

    /** Frames in acquisition order, enumerated with plain loops over the order's letters. */
    private static List<int[]> framesInOrder(String order) {
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
            int[] chunk = c.chunking.shape;
            WriterSettings settings = WriterSettings.builder()
                    .output(c.path)
                    .timePoints(TIME_POINTS).channels(CHANNELS).zSlices(Z_SLICES)
                    .frameSize(WIDTH, HEIGHT)
                    .pixelType(c.type.pixelType)
                    .chunkShape(chunk[0], chunk[1], chunk[2], chunk[3], chunk[4])
                    .codec(c.codec.spec)
                    .order(AcquisitionOrder.parse(c.order))
                    .writerThreads(2)
                    .memoryBudgetBytes(4L << 20)
                    .build();
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
    Stream<DynamicTest> storedPlaneIsReadyToRead() {
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
    Stream<DynamicNode> everyCombinationReadsBackPixelExact() {
        assertEquals(Type.values().length * Codec.values().length * Chunking.values().length * ORDERS.length * 2,
                CASES.size());
        return CASES.stream().map(c -> DynamicContainer.dynamicContainer(c.name, Stream.of(
                DynamicTest.dynamicTest("zarr-python reads " + c.name, () -> checkZarrPython(c)),
                DynamicTest.dynamicTest("ZarrReader reads " + c.name, () -> checkOwnReader(c)))));
    }

    private static void checkWritten(Case c) {
        if (c.writeFailure != null) {
            throw new AssertionError("writing " + c.name + " failed: " + c.writeFailure, c.writeFailure);
        }
        assertEquals(c.acquired.size(), c.framesReported, "frames SimulatedAcquisition.run reports for " + c.name);
    }

    private static void checkZarrPython(Case c) {
        checkWritten(c);
        ZarrPython.Dataset read = fromPython.get(c.id());
        read.assertReadable();
        assertEquals(AcquisitionWriter.FULL_RESOLUTION_PATH, read.multiscalesPath(),
                "multiscales dataset path of " + c.name);
        assertArrayEquals(c.expectedShape(), read.shape(), "shape zarr-python reads of " + c.name);
        assertArrayEquals(c.expectedChunks(), read.chunks(), "chunks zarr-python reads of " + c.name);
        assertEquals(c.type.numpyDtype, read.dtype(), "dtype zarr-python reads of " + c.name);
        assertEquals(TIME_POINTS * c.type.storedChannels() * Z_SLICES, read.planes().size(), "planes hashed");
        assertPlanes(c, "zarr-python", (t, sc, z) -> read.plane(t, sc, z));
    }

    private static void checkOwnReader(Case c) throws Exception {
        checkWritten(c);
        ZarrReader reader = ZarrReader.open(new FileSystemStore(c.path), AcquisitionWriter.FULL_RESOLUTION_PATH);
        assertArrayEquals(c.expectedShape(), reader.shape(), "shape ZarrReader reads of " + c.name);
        assertArrayEquals(c.expectedChunks(), reader.chunks(), "chunks ZarrReader reads of " + c.name);
        assertEquals(c.type.numpyDtype, reader.dtype(), "dtype ZarrReader reads of " + c.name);
        assertPlanes(c, "ZarrReader", (t, sc, z) -> ZarrPython.sha256(reader.readPlane(t, sc, z)));
    }

    private interface PlaneHash {
        String of(int t, int storedChannel, int z) throws Exception;
    }

    /** Compares every plane and reports all mismatches at once, saying which frames were acquired. */
    private static void assertPlanes(Case c, String reader, PlaneHash actual) {
        String zeros = ZarrPython.sha256OfZeros(WIDTH * HEIGHT * c.type.bytesPerSample);
        Map<String, String> expectedByPlane = EXPECTED_HASHES.get(c.type);
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
        assertEquals(TIME_POINTS * c.type.storedChannels() * Z_SLICES, planes);
        if (!wrong.isEmpty()) {
            StringBuilder message = new StringBuilder(reader + " read " + wrong.size() + " of " + planes
                    + " planes of " + c.name + " wrong (" + c.path + "):");
            wrong.entrySet().stream().limit(12)
                    .forEach(e -> message.append("\n  ").append(e.getKey()).append(": ").append(e.getValue()));
            fail(message.toString());
        }
    }
}
