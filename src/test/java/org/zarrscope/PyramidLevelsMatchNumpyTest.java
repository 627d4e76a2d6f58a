package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.pyramid.Downsampling;
import org.zarrscope.pyramid.PyramidLevels;
import org.zarrscope.pyramid.ResolutionLevels;
import org.zarrscope.simulate.SimulatedStage;
import org.zarrscope.testing.Buffers;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.MetadataValidation;
import org.zarrscope.testing.NgffSchemas;
import org.zarrscope.testing.NumpyPyramid;
import org.zarrscope.testing.Zarrita;

/**
 * Every resolution level of multi-channel, z-stack, time-lapse acquisitions holds what the
 * documented reduction gives, computed independently: zarr-python reads every level of the Zarr v2
 * datasets and numpy computes the pyramid from level 0 alone ({@link NumpyPyramid}); zarrita reads
 * every level of the Zarr v3 sharded twins, which must hash the same as numpy's levels. Built after
 * the run and while frames arrive (streaming), the levels are identical: every dataset is written
 * in both modes.
 *
 * <p>The frames are 301 × 257 (odd in both, so every level has odd-edge blocks of 1 or 2 pixels)
 * of uniformly random samples over each type's whole range: every rounding case of the integer
 * mean occurs, and {@code uint32} samples above 2^31 (signed in Java) and sums above 2^32. Chunk
 * shapes vary: square tiles, odd tiles (100 × 75, whose 2 × 2 blocks straddle chunk borders) with
 * chunks spanning z, whole-frame chunks with an explicit level count, chunks spanning channels.
 * Some runs image two stage positions; one is stopped early, so chunks are missing and read as 0;
 * one is an open-ended time-lapse; one is RGB (three stored channels per camera frame).
 */
@ExternalProcess
class PyramidLevelsMatchNumpyTest {
    private static final int WIDTH = 301;
    private static final int HEIGHT = 257;
    private static final int TIME_POINTS = 2;
    private static final int CHANNELS = 2;
    private static final int Z_SLICES = 3;

    @TempDir
    static Path temp;

    /** One acquisition, written once per format and pyramid mode. */
    private static final class Case {
        final String name;
        final PixelType type;
        final int[] chunk;
        final int levels;
        final Downsampling method;
        /** Stage positions, each its own image. */
        final int positions;
        /** Frames written before {@code abort()}; all of them when the run completes. */
        final int framesWritten;
        final Map<String, Path> written = new LinkedHashMap<>();
        final Map<String, WriterSettings> settings = new LinkedHashMap<>();
        /** The image group of each position. */
        final List<String> imagePaths = new ArrayList<>();
        /** An open-ended time-lapse: the arrays grow as time points arrive. */
        boolean openEnded;

        Case openEnded() {
            openEnded = true;
            return this;
        }

        /** Chunks stored without a codec: the after-run builder reads them straight from the shards. */
        String codec = "blosc-lz4";

        Case uncompressed() {
            codec = "none";
            return this;
        }

        Case(String name, PixelType type, int[] chunk, int levels, Downsampling method, int positions,
             int framesWritten) {
            this.name = name;
            this.type = type;
            this.chunk = chunk;
            this.levels = levels;
            this.method = method;
            this.positions = positions;
            this.framesWritten = framesWritten;
        }

        int allFrames() {
            return positions * FRAMES_PER_POSITION;
        }

        WriterSettings settings(Path output, ZarrFormat format, PyramidMode mode) {
            WriterSettings.Builder builder = WriterSettings.builder().output(output).format(format)
                    .timePoints(openEnded ? WriterSettings.UNBOUNDED : TIME_POINTS).channels(CHANNELS).zSlices(Z_SLICES).frameSize(WIDTH, HEIGHT)
                    .pixelType(type).chunkShape(chunk[0], chunk[1], chunk[2], chunk[3], chunk[4])
                    .codec(CodecSpec.parse(codec, null, null)).writerThreads(2).memoryBudgetBytes(32L << 20)
                    .pixelSizeUm(0.65).zStepUm(2.0).intervalSeconds(5.0).positions(SimulatedStage.positions(positions))
                    .pyramid(mode).pyramidLevels(levels).downsampling(method);
            return builder.build();
        }

        /** The id of the dataset written in this format and mode. */
        String id(ZarrFormat format, PyramidMode mode) {
            return name + "-" + format + "-" + mode;
        }

        /** The id of one position's image of a dataset. */
        String id(ZarrFormat format, PyramidMode mode, int position) {
            return id(format, mode) + "-p" + position;
        }

        Path image(ZarrFormat format, PyramidMode mode, int position) {
            return written.get(id(format, mode)).resolve(imagePaths.get(position));
        }
    }

    private static final int FRAMES_PER_POSITION = TIME_POINTS * CHANNELS * Z_SLICES;
    private static final int ALL = Integer.MAX_VALUE;
    private static final List<Case> CASES = List.of(
            new Case("uint8-tiles64", PixelType.UINT8, new int[] {1, 1, 1, 64, 64}, 0, Downsampling.MEAN, 1, ALL),
            new Case("uint16-oddtiles-z2-positions", PixelType.UINT16, new int[] {1, 1, 2, 100, 75}, 0,
                    Downsampling.MEAN, 2, ALL),
            new Case("uint32-wholeframe-3levels", PixelType.UINT32, new int[] {1, 1, 1, HEIGHT, WIDTH}, 3,
                    Downsampling.MEAN, 1, ALL),
            new Case("float32-channels2-positions", PixelType.FLOAT32, new int[] {1, 2, 1, 64, 128}, 0,
                    Downsampling.MEAN, 2, ALL),
            new Case("uint16-stopped-early-positions", PixelType.UINT16, new int[] {1, 1, 2, 64, 64}, 0,
                    Downsampling.MEAN, 2, 15),
            new Case("uint16-nearest", PixelType.UINT16, new int[] {1, 1, 1, 100, 75}, 0, Downsampling.NEAREST, 1,
                    ALL),
            new Case("uint32-min", PixelType.UINT32, new int[] {1, 1, 1, 64, 64}, 0, Downsampling.MIN, 1, ALL),
            new Case("float32-max", PixelType.FLOAT32, new int[] {1, 1, 1, 64, 64}, 0, Downsampling.MAX, 1, ALL),
            new Case("rgb8-tiles64", PixelType.RGB8, new int[] {1, 3, 1, 64, 64}, 0, Downsampling.MEAN, 1, ALL),
            new Case("uint16-open-ended", PixelType.UINT16, new int[] {1, 1, 1, 128, 128}, 0, Downsampling.MEAN, 1,
                    ALL).openEnded(),
            // 2 chunks per level across t: the after-run builder makes levels 1-2 from level 0 in
            // one pass, then level 3 from level 2 on disk (too few chunks to share between threads)
            new Case("uint16-all-channels-and-z-in-one-chunk", PixelType.UINT16, new int[] {1, 2, 3, 64, 64}, 0,
                    Downsampling.MEAN, 1, ALL),
            new Case("uint16-uncompressed-oddtiles-stopped-early", PixelType.UINT16, new int[] {1, 1, 2, 100, 75}, 0,
                    Downsampling.MEAN, 1, 9).uncompressed());
    private static final List<ZarrFormat> FORMATS = List.of(ZarrFormat.V2, ZarrFormat.V3);
    private static final List<PyramidMode> MODES = List.of(PyramidMode.AFTER, PyramidMode.STREAMING);

    @BeforeAll
    static void writeEveryCase() throws IOException {
        for (Case c : CASES) {
            for (ZarrFormat format : FORMATS) {
                for (PyramidMode mode : MODES) {
                    String id = c.id(format, mode);
                    Path output = temp.resolve(id + ".ome.zarr");
                    WriterSettings settings = c.settings(output, format, mode);
                    c.written.put(id, output);
                    c.settings.put(id, settings);
                    write(c, settings);
                }
            }
        }
    }

    /** Every frame of the case in acquisition order (Micro-Manager's default: positions inside time). */
    private static List<FrameCoordinates> frames(Case c) {
        List<FrameCoordinates> frames = new ArrayList<>();
        c.settings.values().iterator().next().order().forEachFrame(c.positions, TIME_POINTS, CHANNELS, Z_SLICES,
                frames::add);
        return frames;
    }

    private static void write(Case c, WriterSettings settings) throws IOException {
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            List<FrameCoordinates> frames = frames(c);
            for (FrameCoordinates frame : frames.subList(0, Math.min(c.framesWritten, frames.size()))) {
                // odd time points handed over as the camera's array: the streaming pyramid reduces them in place
                ByteBuffer pixels = randomFrame(c.type, frame);
                if (frame.time() % 2 == 1) {
                    writer.handOver(frame, Buffers.samples(pixels, c.type), FrameMetadata.NONE);
                } else {
                    writer.write(frame, pixels, FrameMetadata.NONE);
                }
            }
            if (c.framesWritten >= frames.size()) {
                writer.finish();
            } else {
                writer.abort();
            }
            if (c.imagePaths.isEmpty()) {
                for (int p = 0; p < c.positions; p++) {
                    c.imagePaths.add(writer.imagePath(p));
                }
            }
        }
    }

    /** Uniformly random samples over the type's whole range, seeded by the frame's coordinates. */
    private static ByteBuffer randomFrame(PixelType type, FrameCoordinates at) {
        SplittableRandom random = new SplittableRandom((((at.position() * 31L + at.time()) * 31 + at.channel()) * 31
                + at.z()) * 7919 + type.ordinal());
        ByteBuffer frame = ByteBuffer.allocate(WIDTH * HEIGHT * type.inputBytesPerPixel()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < WIDTH * HEIGHT; i++) {
            switch (type) {
                case UINT8: frame.put((byte) random.nextInt()); break;
                case RGB8: frame.putInt(random.nextInt()); break; // B, G, R and an unused A
                case UINT16: frame.putShort((short) random.nextInt()); break;
                case UINT32: frame.putInt(random.nextInt()); break;
                default: frame.putFloat((float) random.nextDouble(-1e4, 1e4));
            }
        }
        frame.flip();
        return frame;
    }

    /** What numpy computed, per v2 image id: the levels read back beside the expected ones. */
    private static Map<String, NumpyPyramid.Dataset> numpy;
    /** What zarrita read, per v3 image id and level: {@code <id>/<level>}. */
    private static Map<String, Zarrita.Dataset> zarrita;

    private static synchronized Map<String, NumpyPyramid.Dataset> numpy() throws Exception {
        if (numpy == null) {
            NumpyPyramid.Request request = new NumpyPyramid.Request();
            for (Case c : CASES) {
                for (PyramidMode mode : MODES) {
                    for (int p = 0; p < c.positions; p++) {
                        request.add(c.id(ZarrFormat.V2, mode, p), c.image(ZarrFormat.V2, mode, p),
                                AcquisitionWriter.FULL_RESOLUTION_PATH);
                    }
                }
            }
            numpy = NumpyPyramid.read(request);
        }
        return numpy;
    }

    private static synchronized Map<String, Zarrita.Dataset> zarrita() throws Exception {
        if (zarrita == null) {
            Zarrita.Request request = new Zarrita.Request();
            for (Case c : CASES) {
                for (PyramidMode mode : MODES) {
                    int levels = c.settings.get(c.id(ZarrFormat.V3, mode)).plan().levels().count();
                    for (int p = 0; p < c.positions; p++) {
                        for (int k = 0; k < levels; k++) {
                            request.add(c.id(ZarrFormat.V3, mode, p) + "/" + k, c.image(ZarrFormat.V3, mode, p),
                                    Integer.toString(k));
                        }
                    }
                }
            }
            zarrita = Zarrita.read(request);
        }
        return zarrita;
    }

    @Test
    void everyV2LevelEqualsNumpysReductionOfLevelZero() throws Exception {
        for (Case c : CASES) {
            for (PyramidMode mode : MODES) {
                ResolutionLevels levels = c.settings.get(c.id(ZarrFormat.V2, mode)).plan().levels();
                assertTrue(levels.count() >= 3, c.name + " has a pyramid of at least 3 levels: " + levels.count());
                for (int p = 0; p < c.positions; p++) {
                    String id = c.id(ZarrFormat.V2, mode, p);
                    NumpyPyramid.Dataset read = numpy().get(id).assertReadable();
                    assertEquals(c.method.ngffType(), read.type(), "multiscales type of " + id);
                    List<NumpyPyramid.Level> found = read.levels();
                    assertEquals(levels.count(), found.size(), "levels declared in the multiscales of " + id);
                    for (int k = 0; k < found.size(); k++) {
                        NumpyPyramid.Level level = found.get(k);
                        String where = id + " level " + k;
                        assertEquals(Integer.toString(k), level.path(), "path of " + where);
                        assertArrayEquals(new int[] {TIME_POINTS, CHANNELS * c.type.storedChannelsPerFrame(), Z_SLICES,
                                levels.level(k).height(), levels.level(k).width()},
                                level.shape(), "shape of " + where);
                        assertArrayEquals(new int[] {c.chunk[0], c.chunk[1], c.chunk[2],
                                Math.min(c.chunk[3], levels.level(k).height()), Math.min(c.chunk[4], levels.level(k).width())},
                                level.chunks(), "chunks of " + where);
                        assertEquals(c.type.zarrDtype(), level.dtype(), "dtype of " + where);
                        assertEquals(0, level.mismatchedPixels(), where + ": pixels differ from numpy's; the first: "
                                + level.firstMismatch());
                        assertEquals(level.expectedPlanes(), level.planes(), "plane hashes of " + where);
                        assertAcquiredPlanesHoldData(c, p, level.planes(), where);
                    }
                }
            }
        }
    }

    /**
     * Guards against vacuous equality (both sides all zeros): every acquired plane holds data at
     * every level, and in the early-stopped run every plane never acquired reads as zeros.
     */
    private static void assertAcquiredPlanesHoldData(Case c, int position, Map<String, String> planes, String where) {
        int components = c.type.storedChannelsPerFrame();
        assertEquals(FRAMES_PER_POSITION * components, planes.size(), "planes of " + where);
        List<FrameCoordinates> frames = frames(c);
        for (int i = 0; i < frames.size(); i++) {
            FrameCoordinates frame = frames.get(i);
            if (frame.position() != position) {
                continue;
            }
            for (int component = 0; component < components; component++) {
                String key = frame.time() + "," + (frame.channel() * components + component) + "," + frame.z();
                String plane = planes.get(key);
                assertNotNull(plane, "plane " + key + " of " + where);
                boolean acquired = i < c.framesWritten;
                assertEquals(acquired, !zeroPlaneHashes().contains(plane), "plane " + key + " of " + where
                        + (acquired ? " was acquired but reads as zeros" : " was never acquired but holds data"));
            }
        }
    }

    /** SHA-256 of an all-zero plane at every level size and sample size of the cases. */
    private static List<String> zeroPlaneHashes() {
        List<String> hashes = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            for (int bytes : new int[] {1, 2, 4}) {
                hashes.add(Zarrita.sha256OfZeros(PyramidLevels.size(WIDTH, k) * PyramidLevels.size(HEIGHT, k) * bytes));
            }
        }
        return hashes;
    }

    /** zarrita reads every level of the Zarr v3 sharded datasets as numpy computed it from the v2 twin's level 0. */
    @Test
    void everyV3ShardedLevelReadByZarritaEqualsNumpysLevel() throws Exception {
        for (Case c : CASES) {
            for (PyramidMode mode : MODES) {
                int levels = c.settings.get(c.id(ZarrFormat.V3, mode)).plan().levels().count();
                for (int p = 0; p < c.positions; p++) {
                    List<NumpyPyramid.Level> expected = numpy().get(c.id(ZarrFormat.V2, mode, p)).assertReadable()
                            .levels();
                    assertEquals(levels, expected.size(), "levels of the v2 twin of " + c.id(ZarrFormat.V3, mode, p));
                    for (int k = 0; k < levels; k++) {
                        String where = c.id(ZarrFormat.V3, mode, p) + " level " + k;
                        Zarrita.Dataset level = zarrita().get(c.id(ZarrFormat.V3, mode, p) + "/" + k).assertReadable();
                        assertTrue(level.sharded(), where + " is sharded like level 0");
                        assertArrayEquals(expected.get(k).shape(), level.shape(), "shape of " + where);
                        Map<String, String> numpyPlanes = expected.get(k).expectedPlanes();
                        assertEquals(numpyPlanes.keySet(), level.planes().keySet(), "planes of " + where);
                        numpyPlanes.forEach((plane, hash) -> assertEquals(hash, level.planes().get(plane), "plane "
                                + plane + " of " + where + " read by zarrita differs from numpy's, computed from the v2 "
                                + "twin's level 0"));
                    }
                }
            }
        }
    }

    /**
     * Built while frames arrive or after the run, every level of every image holds the same
     * pixels, plane by plane (the shard files differ: their chunks are appended in the order they
     * complete).
     */
    @Test
    void streamingAndAfterRunLevelsAreIdentical() throws Exception {
        for (Case c : CASES) {
            for (int p = 0; p < c.positions; p++) {
                List<NumpyPyramid.Level> after = numpy().get(c.id(ZarrFormat.V2, PyramidMode.AFTER, p)).assertReadable()
                        .levels();
                List<NumpyPyramid.Level> streaming = numpy().get(c.id(ZarrFormat.V2, PyramidMode.STREAMING, p))
                        .assertReadable().levels();
                String image = c.name + " position " + p;
                assertEquals(after.size(), streaming.size(), "levels of " + image + " v2, after the run and streaming");
                for (int k = 0; k < after.size(); k++) {
                    assertEquals(after.get(k).planes(), streaming.get(k).planes(), image + " v2 level " + k
                            + ": streaming differs from after the run");
                    Zarrita.Dataset afterV3 = zarrita().get(c.id(ZarrFormat.V3, PyramidMode.AFTER, p) + "/" + k)
                            .assertReadable();
                    Zarrita.Dataset streamingV3 = zarrita().get(c.id(ZarrFormat.V3, PyramidMode.STREAMING, p) + "/" + k)
                            .assertReadable();
                    assertEquals(afterV3.planes(), streamingV3.planes(), image + " v3 level " + k
                            + ": streaming differs from after the run");
                    assertEquals(after.get(k).planes(), afterV3.planes(), image + " level " + k + ": v2 differs from v3");
                }
            }
        }
    }

    /**
     * The image groups of every dataset validate against the strict OME-NGFF image schema of their
     * version, and declare every level with its scale and translation.
     */
    @Test
    void multiscalesDeclareEveryLevelWithScaleAndTranslation() throws IOException {
        for (Case c : CASES) {
            for (ZarrFormat format : FORMATS) {
                for (PyramidMode mode : MODES) {
                    ResolutionLevels levels = c.settings.get(c.id(format, mode)).plan().levels();
                    for (int p = 0; p < c.positions; p++) {
                        String id = c.id(format, mode, p);
                        Path image = c.image(format, mode, p);
                        JsonNode attributes;
                        JsonNode multiscale;
                        if (format == ZarrFormat.V2) {
                            attributes = MetadataValidation.readJson(image.resolve(".zattrs"));
                            assertEquals(List.of(), NgffSchemas.violations(NgffSchemas.VERSION, "strict_image",
                                    attributes), "strict 0.4 schema, " + id);
                            multiscale = attributes.get("multiscales").get(0);
                        } else {
                            attributes = MetadataValidation.readJson(image.resolve("zarr.json")).get("attributes");
                            assertEquals(List.of(), NgffSchemas.violations(NgffSchemas.VERSION_0_5, "strict_image",
                                    attributes), "strict 0.5 schema, " + id);
                            multiscale = attributes.get("ome").get("multiscales").get(0);
                        }
                        assertEquals(c.framesWritten >= c.allFrames() ? "complete" : "aborted",
                                attributes.get("zarrscope").get("status").asText(), "status of " + id);
                        checkLevels(c, multiscale, levels, id);
                    }
                }
            }
        }
    }

    private static void checkLevels(Case c, JsonNode multiscale, ResolutionLevels levels, String id) {
        assertEquals(c.method.ngffType(), multiscale.get("type").asText(), "type of " + id);
        assertTrue(multiscale.get("metadata").get("description").asText().contains(c.method.ngffType()),
                "metadata.description of " + id + " names the method");
        JsonNode datasets = multiscale.get("datasets");
        assertEquals(levels.count(), datasets.size(), "datasets of " + id);
        for (int k = 0; k < levels.count(); k++) {
            JsonNode transforms = datasets.get(k).get("coordinateTransformations");
            double factor = 1 << k;
            double[] scale = {5.0, 1.0, 2.0, 0.65 * factor, 0.65 * factor};
            assertEquals("scale", transforms.get(0).get("type").asText(), id + " level " + k);
            assertArrayEquals(scale, doubles(transforms.get(0).get("scale")), 1e-12, "scale of " + id + " level " + k);
            // pixel centres: a 2^k block's centre is (2^k - 1) / 2 pixels from its top-left pixel;
            // nearest takes the top-left pixel itself, so its levels are not shifted
            double offset = c.method == Downsampling.NEAREST ? 0 : (factor - 1) / 2 * 0.65;
            if (offset == 0) {
                assertEquals(1, transforms.size(), "no translation for " + id + " level " + k + ": " + transforms);
            } else {
                assertEquals(2, transforms.size(), "scale and translation for " + id + " level " + k);
                assertEquals("translation", transforms.get(1).get("type").asText(), id + " level " + k);
                assertArrayEquals(new double[] {0, 0, 0, offset, offset}, doubles(transforms.get(1).get("translation")),
                        1e-12, "translation of " + id + " level " + k);
            }
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
