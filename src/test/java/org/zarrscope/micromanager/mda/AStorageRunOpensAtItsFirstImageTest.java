package org.zarrscope.micromanager.mda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.SettingsException;
import org.zarrscope.ZarrFormat;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.zarr.ZarrJson;

/**
 * What an mmstudio Storage learns in which order: Micro-Manager's summary before the first image
 * (the MDA may install the storage only after the summary was set), the frame size, pixel type
 * and pixel calibration only with the first image. The run waits for that image to open the
 * dataset, and answers as an empty dataset until then.
 */
@ExternalProcess
class AStorageRunOpensAtItsFirstImageTest {
    private static final List<String> ORDER = MdaFrames.axes("time", "position", "z", "channel");
    private static final SaveOptions V2 = SaveOptions.builder().format(ZarrFormat.V2).build();

    /** What Micro-Manager's summary holds: axes, sizes and channels, but no frame size or pixel type. */
    private static MdaSummary mdaSummary(int times, int zSlices, int channels) {
        MdaSummary.Builder b = MdaSummary.builder().orderedAxes(ORDER).prefix("cells")
                .intended("time", times).intended("position", 1).intended("z", zSlices).intended("channel", channels)
                .zStepUm(0.5);
        for (int c = 0; c < channels; c++) {
            b.channel("Ch" + c, null);
        }
        return b.build();
    }

    private static MdaImageFormat gray16(Double pixelSizeUm) {
        return new MdaImageFormat(MdaFrames.WIDTH, MdaFrames.HEIGHT, 2, 1, pixelSizeUm, null);
    }

    @Test
    void beforeTheFirstImageTheRunIsEmptyWithTheSummarysAxesAndNothingOnDisk(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("cells_1.ome.zarr");
        try (MdaRun run = new MdaRun(output, V2)) {
            run.updateSummary(mdaSummary(2, 3, 2));
            assertEquals(ORDER, run.axes());
            assertEquals(0, run.count());
            assertNull(run.get(Map.of("time", 1)));
            assertFalse(run.hasImage(Map.of()));
            assertNull(run.any());
            assertTrue(run.matching(Map.of("z", 1)).isEmpty());
            assertTrue(run.ignoringAxes(Map.of(), List.of("channel")).isEmpty());
            assertTrue(run.savedCoordinates().isEmpty());
            assertEquals(-1, run.maxIndex("z"));
            assertEquals(Map.of("time", -1, "position", -1, "z", -1, "channel", -1), run.maxIndices());
            assertFalse(Files.exists(output), "no dataset before an image gives its frame size");
        }
    }

    @Test
    void theFirstImageCompletesTheLatestSummaryAndEveryImageReadsBackPixelExact(@TempDir Path folder)
            throws Exception {
        Path output = folder.resolve("cells_1.ome.zarr");
        Map<String, Integer> counts = MdaFrames.counts(2, 1, 3, 2);
        List<Map<String, Integer>> images = new ArrayList<>();
        try (MdaRun run = new MdaRun(output, V2)) {
            run.updateSummary(mdaSummary(9, 9, 9)); // replaced before the first image, as a pipeline may do
            run.updateSummary(mdaSummary(2, 3, 2));
            MdaFrames.forEachImage(ORDER, counts, coords -> {
                try {
                    run.put(coords, MdaFrames.pixels(coords), MdaFrameMetadata.NONE, gray16(0.65));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                images.add(coords);
            });
            MdaSummary completed = run.summary();
            assertEquals(MdaFrames.WIDTH, completed.width());
            assertEquals(MdaFrames.HEIGHT, completed.height());
            assertEquals(MdaPixelType.GRAY16, completed.pixelType());
            assertEquals(0.65, completed.pixelSizeUm());
            assertEquals(0.5, completed.zStepUm(), "the summary's own fields are kept");
            assertEquals(images.size(), run.count());
            assertEquals(Map.of("time", 1, "position", 0, "z", 2, "channel", 1), run.maxIndices());
            for (Map<String, Integer> coords : images) {
                assertArrayEquals(MdaFrames.pixels(coords), (short[]) run.get(coords).pixels(), "image " + coords);
            }
            List<String> progress = new ArrayList<>();
            run.freeze(progress::add);
            assertTrue(progress.get(progress.size() - 1).contains(String.valueOf(images.size())), progress.toString());
        }

        JsonNode attributes = ZarrJson.MAPPER.readTree(output.resolve(".zattrs").toFile());
        JsonNode scale = attributes.path("multiscales").path(0).path("datasets").path(0)
                .path("coordinateTransformations").path(0).path("scale");
        assertEquals(0.65, scale.get(3).asDouble(), "y scale from the first image's pixel size");
        assertEquals(0.65, scale.get(4).asDouble(), "x scale from the first image's pixel size");
        assertEquals(0.5, scale.get(2).asDouble(), "z scale from the summary");

        ZarrPython.Dataset read = ZarrPython.read(new ZarrPython.Request().add("run", output, "0")).get("run")
                .assertReadable();
        assertArrayEquals(new int[] {2, 2, 3, MdaFrames.HEIGHT, MdaFrames.WIDTH}, read.shape());
        assertEquals("<u2", read.dtype());
        for (Map<String, Integer> coords : images) {
            ByteBuffer expected = ByteBuffer.allocate(MdaFrames.WIDTH * MdaFrames.HEIGHT * 2)
                    .order(ByteOrder.LITTLE_ENDIAN);
            expected.asShortBuffer().put(MdaFrames.pixels(coords));
            assertEquals(ZarrPython.sha256(expected), read.plane(coords.getOrDefault("time", 0),
                    coords.getOrDefault("channel", 0), coords.getOrDefault("z", 0)), "zarr-python, image " + coords);
        }
    }

    @Test
    void aSummaryAfterTheFirstImageIsRefusedNamingTheDataset(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("cells_1.ome.zarr");
        try (MdaRun run = new MdaRun(output, V2)) {
            run.updateSummary(mdaSummary(1, 1, 1));
            run.put(Map.of(), MdaFrames.pixels(Map.of()), MdaFrameMetadata.NONE, gray16(null));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> run.updateSummary(mdaSummary(5, 1, 1)));
            assertTrue(refused.getMessage().contains(output.toString()), refused.getMessage());
            assertEquals(1, run.summary().intended("time"), "the summary the dataset was opened with");
        }
    }

    @Test
    void aSummaryWithAnAxisZarrscopeDoesNotStoreIsRefusedBeforeTheRunStarts(@TempDir Path folder) throws Exception {
        try (MdaRun run = new MdaRun(folder.resolve("tiles_1.ome.zarr"), V2)) {
            MdaSummary tiled = MdaSummary.builder().orderedAxes("time", "row", "column").build();
            SettingsException refused = assertThrows(SettingsException.class, () -> run.updateSummary(tiled));
            assertTrue(refused.getMessage().contains("row"), refused.getMessage());
            assertEquals(MdaSummary.STANDARD_AXES, run.axes(), "the summary before is kept");
        }
    }

    @Test
    void aRunFrozenBeforeAnyImageLeavesNothingAndSaysSo(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("cells_1.ome.zarr");
        try (MdaRun run = new MdaRun(output, V2)) {
            run.updateSummary(mdaSummary(3, 1, 1));
            List<String> progress = new ArrayList<>();
            run.freeze(progress::add);
            assertEquals(1, progress.size());
            assertTrue(progress.get(0).startsWith("No image arrived"), progress.get(0));
            assertThrows(IllegalStateException.class,
                    () -> run.put(Map.of(), MdaFrames.pixels(Map.of()), MdaFrameMetadata.NONE, gray16(null)));
        }
        assertFalse(Files.exists(output));
    }

    @Test
    void animageFormatZarrscopeCannotStoreIsRefusedListingThoseItCan() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new MdaImageFormat(4, 4, 8, 3, null, null));
        assertTrue(refused.getMessage().contains("GRAY16"), refused.getMessage());
    }
}
