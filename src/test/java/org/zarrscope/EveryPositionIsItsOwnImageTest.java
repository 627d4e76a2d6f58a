package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.metadata.FrameTableKeys;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.simulate.SimulatedStage;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ExternalReader;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrReader;

/**
 * Each stage position is written as its own image: under a {@code bioformats2raw.layout} root, or
 * as the fields of an HCS plate's wells. zarr-python (v2) and zarrita (v3) read every position's
 * planes pixel-exact, for Micro-Manager's default order (positions inside time), positions
 * outermost and positions innermost, with plane and 3-D chunks, and after an early stop.
 */
@ExternalProcess
class EveryPositionIsItsOwnImageTest {
    private static final int WIDTH = 40;
    private static final int HEIGHT = 30;
    private static final int TIME_POINTS = 2;
    private static final int CHANNELS = 2;
    private static final int Z_SLICES = 3;
    private static final long SEED = 77;

    /** One written dataset and what should be in it. */
    private static final class Written {
        final String id;
        final Path path;
        final WriterSettings settings;
        final AcquisitionWriter writer;
        final Set<FrameCoordinates> acquired;

        Written(String id, Path path, WriterSettings settings, AcquisitionWriter writer, Set<FrameCoordinates> acquired) {
            this.id = id;
            this.path = path;
            this.settings = settings;
            this.writer = writer;
            this.acquired = acquired;
        }
    }

    @Test
    void zarrPythonReadsEveryPositionOfV2Datasets(@TempDir Path folder) throws Exception {
        List<Written> datasets = writeAll(folder, ZarrFormat.V2);
        ZarrPython.Request request = new ZarrPython.Request();
        addEveryImage(request, datasets);
        check(datasets, ZarrPython.read(request));
    }

    @Test
    void zarritaReadsEveryPositionOfV3Datasets(@TempDir Path folder) throws Exception {
        List<Written> datasets = writeAll(folder, ZarrFormat.V3);
        Zarrita.Request request = new Zarrita.Request();
        addEveryImage(request, datasets);
        check(datasets, Zarrita.read(request));
    }

    private static List<Written> writeAll(Path folder, ZarrFormat format) throws Exception {
        List<Written> datasets = new ArrayList<>();
        int n = 0;
        for (String order : Arrays.asList("tpzcyx", "ptczyx", "tczpyx")) {
            for (int[] chunk : new int[][] {{1, 1, 1, HEIGHT, WIDTH}, {1, 1, 2, 16, 16}}) {
                for (boolean plate : new boolean[] {false, true}) {
                    List<StagePosition> positions = plate ? SimulatedStage.plate(2, 2, 2).subList(0, 6)
                            : SimulatedStage.positions(3);
                    int stopAfter = n % 3 == 2 ? positions.size() * TIME_POINTS * CHANNELS * Z_SLICES / 2 : Integer.MAX_VALUE;
                    datasets.add(write(folder.resolve("d" + n++ + ".ome.zarr"), format, order, chunk, positions, stopAfter));
                }
            }
        }
        return datasets;
    }

    private static Written write(Path path, ZarrFormat format, String order, int[] chunk, List<StagePosition> positions,
                                 int stopAfter) throws Exception {
        WriterSettings settings = WriterSettings.builder().output(path).format(format).timePoints(TIME_POINTS)
                .channels(CHANNELS).zSlices(Z_SLICES).frameSize(WIDTH, HEIGHT).positions(positions)
                .chunkShape(chunk[0], chunk[1], chunk[2], chunk[3], chunk[4]).order(AcquisitionOrder.parse(order))
                .pyramid(PyramidMode.NONE).writerThreads(2).build();
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, SEED);
        Set<FrameCoordinates> acquired = new HashSet<>();
        AcquisitionWriter writer = AcquisitionWriter.open(settings);
        try {
            settings.order().forEachFrame(positions.size(), TIME_POINTS, CHANNELS, Z_SLICES, frame -> {
                if (acquired.size() < stopAfter) {
                    writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
                    acquired.add(frame);
                }
            });
        } finally {
            writer.abort();
        }
        String id = path.getFileName() + " " + format + " " + order + " chunk " + Arrays.toString(chunk)
                + (settings.plate() != null ? " plate" : "") + (stopAfter < Integer.MAX_VALUE ? " stopped" : "");
        return new Written(id, path, settings, writer, acquired);
    }

    private static void addEveryImage(ExternalReader.Request<?> request, List<Written> datasets) {
        for (Written d : datasets) {
            for (int p = 0; p < d.settings.positionCount(); p++) {
                request.add(d.id + " p" + p, d.path.resolve(d.writer.imagePath(p)), "0");
            }
        }
    }

    private static void check(List<Written> datasets, Map<String, ? extends ExternalReader.Dataset<?>> read)
            throws Exception {
        String zeros = ZarrPython.sha256OfZeros(WIDTH * HEIGHT * 2);
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, PixelType.UINT16, SEED);
        for (Written d : datasets) {
            Set<String> paths = new HashSet<>();
            FileSystemStore store = new FileSystemStore(d.path);
            for (int p = 0; p < d.settings.positionCount(); p++) {
                String imagePath = d.writer.imagePath(p);
                assertTrue(paths.add(imagePath), d.id + ": image path " + imagePath + " used twice");
                ExternalReader.Dataset<?> image = read.get(d.id + " p" + p);
                assertNull(image.error(), d.id + " p" + p + ": " + image.error());
                assertEquals(Arrays.toString(new int[] {TIME_POINTS, CHANNELS, Z_SLICES, HEIGHT, WIDTH}),
                        Arrays.toString(image.shape()), d.id);
                ZarrReader own = ZarrReader.open(store, imagePath.isEmpty() ? "0" : imagePath + "/0");
                for (int t = 0; t < TIME_POINTS; t++) {
                    for (int c = 0; c < CHANNELS; c++) {
                        for (int z = 0; z < Z_SLICES; z++) {
                            FrameCoordinates frame = FrameCoordinates.at(p, t, c, z);
                            String expected = d.acquired.contains(frame)
                                    ? ZarrPython.sha256(camera.storedPlane(frame, 0)) : zeros;
                            assertEquals(expected, image.plane(t, c, z), d.id + " independent reader, " + frame);
                            assertEquals(expected, ZarrPython.sha256(own.readPlane(t, c, z)), d.id + " ZarrReader, " + frame);
                        }
                    }
                }
            }
            if (d.settings.plate() != null) {
                assertEquals("A/1/0", d.writer.imagePath(0));
                assertEquals("B/1/1", d.writer.imagePath(5));
            } else {
                assertEquals("2", d.writer.imagePath(2));
            }
            checkFrameTable(d);
        }
    }

    /** The frame table at the root names each frame's position. */
    private static void checkFrameTable(Written d) throws Exception {
        JsonNode rows = ZarrJson.MAPPER.readTree(Files.readAllBytes(d.path.resolve(FrameTableKeys.segmentKey(0))))
                .get("frames");
        Set<FrameCoordinates> listed = new HashSet<>();
        for (JsonNode row : rows) {
            listed.add(FrameCoordinates.at(row.get("p").asInt(), row.get("t").asInt(), row.get("c").asInt(),
                    row.get("z").asInt()));
        }
        assertEquals(d.acquired, listed, d.id + ": frame table");
    }
}
