package org.zarrscope.micromanager.mda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.PixelType;
import org.zarrscope.StagePosition;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.zarr.ZarrJson;

/**
 * Plugins ▸ Zarrscope ▸ Open OME-Zarr… shows a dataset saved before in Micro-Manager's viewer: the
 * run's axes, sizes, positions, scales and channels come back from the OME-NGFF metadata, the
 * channel group and the rest of Micro-Manager's summary from Zarrscope's attributes, and every
 * image with the pixels it was saved with and what its frame table row recorded.
 */
class ASavedDatasetReopensForTheViewerTest {
    private static final List<String> ORDER = MdaFrames.axes("time", "position", "z", "channel");

    /** Saves a run as the Micro-Manager plugin does and returns the images saved. */
    private static List<Map<String, Integer>> save(Path output, SaveOptions options, Map<String, Integer> counts)
            throws IOException {
        MdaSummary.Builder summary = MdaSummary.builder().orderedAxes(ORDER).zStepUm(1.5).intervalMs(2000.0);
        counts.forEach(summary::intended);
        for (int c = 0; c < counts.get("channel"); c++) {
            summary.channel("Ch" + c, null);
        }
        for (int p = 0; p < counts.get("position"); p++) {
            summary.stagePosition(new StagePosition("Pos" + p, 100.0 * p, 0.0, null));
        }
        List<Map<String, Integer>> images = new ArrayList<>();
        try (MdaRun run = new MdaRun(output, options)) {
            run.updateSummary(summary.build());
            MdaImageFormat format = new MdaImageFormat(MdaFrames.WIDTH, MdaFrames.HEIGHT, 2, 1, 0.5, null);
            MdaFrames.forEachImage(ORDER, counts, coords -> {
                try {
                    run.put(coords, MdaFrames.pixels(coords), MdaFrameMetadata.NONE, format);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                images.add(coords);
            });
            run.freeze(message -> { });
        }
        return images;
    }

    @Test
    void aMultiPositionRunComesBackWithItsAxesScalesPositionsAndPixels(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("cells_1.ome.zarr");
        Map<String, Integer> counts = MdaFrames.counts(2, 2, 3, 2);
        List<Map<String, Integer>> images = save(output, SaveOptions.DEFAULTS, counts);

        SavedDataset saved = SavedDataset.open(output);
        MdaSummary summary = saved.summary();
        assertEquals(ORDER, saved.axes());
        assertEquals(counts, summary.intendedDimensions());
        assertEquals(Arrays.asList("Pos0", "Pos1"), Arrays.asList(summary.stagePositions().get(0).name(),
                summary.stagePositions().get(1).name()));
        assertEquals(1.5, summary.zStepUm());
        assertEquals(2000.0, summary.intervalMs());
        assertEquals(0.5, summary.pixelSizeUm());
        assertEquals(MdaFrames.WIDTH, summary.width());
        assertEquals(MdaFrames.HEIGHT, summary.height());
        assertEquals(MdaPixelType.GRAY16, summary.pixelType());
        assertEquals("cells_1", summary.prefix());

        assertEquals(images.size(), saved.count());
        assertEquals(images.size(), saved.savedCoordinates().size());
        assertEquals(Map.of("time", 1, "position", 1, "z", 2, "channel", 1), saved.maxIndices());
        for (Map<String, Integer> coords : images) {
            assertArrayEquals(MdaFrames.pixels(coords), (short[]) saved.get(coords).pixels(), "image " + coords);
        }
        assertNull(saved.get(Map.of("z", 3)), "outside the arrays");
        assertFalse(saved.hasImage(Map.of("position", 2)));

        List<MdaImage> plane = saved.ignoringAxes(Map.of("time", 1, "position", 1, "z", 2), List.of("channel"));
        assertEquals(2, plane.size(), "every channel of one plane, as the composite view asks");
        for (MdaImage image : plane) {
            assertArrayEquals(MdaFrames.pixels(image.coordinates()), (short[]) image.pixels());
            assertEquals(1, image.coordinates().get("position"));
        }
        assertEquals(8, saved.matching(Map.of("z", 1)).size());
        assertArrayEquals(MdaFrames.pixels(Map.of()), (short[]) saved.any().pixels());
    }

    @Test
    void eachImageComesBackWithWhatMicroManagerRecordedAndTheSummaryWithItsChannelGroup(@TempDir Path folder)
            throws Exception {
        Path output = folder.resolve("cells_1.ome.zarr");
        Map<String, Integer> counts = MdaFrames.counts(2, 1, 2, 2);
        MdaSummary.Builder summary = MdaSummary.builder().orderedAxes(ORDER).channelGroup("Channel")
                .startDate("2026-12-03 06:04:34.959 +0000").userData("Operator", "Ana");
        counts.forEach(summary::intended);
        summary.channel("DAPI", 0x0000FF).channel("FITC", 0x00FF00);
        // mmstudio attaches the identity affine to every image of an uncalibrated preset, beside a real pixel size
        MdaImageFormat format = new MdaImageFormat(MdaFrames.WIDTH, MdaFrames.HEIGHT, 2, 1, 0.65,
                new double[] {1, 0, 0, 0, 1, 0});
        try (MdaRun run = new MdaRun(output, SaveOptions.DEFAULTS)) {
            run.updateSummary(summary.build());
            MdaFrames.forEachImage(ORDER, counts, coords -> {
                try {
                    run.put(coords, MdaFrames.pixels(coords), recorded(coords), format);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            run.freeze(message -> { });
        }

        SavedDataset saved = SavedDataset.open(output);
        assertEquals("Channel", saved.summary().channelGroup(), "the viewer keys channel settings by it");
        assertEquals("2026-12-03 06:04:34.959 +0000", saved.summary().startDate());
        assertEquals(Map.of("Operator", "Ana"), saved.summary().userData());
        assertEquals(0.65, saved.summary().pixelSizeUm(), 1e-12, "an identity affine is no calibration");
        assertNull(saved.summary().pixelSizeAffine());
        MdaFrames.forEachImage(ORDER, counts, coords -> {
            try {
                MdaFrameMetadata expected = recorded(coords);
                MdaFrameMetadata back = saved.get(coords).metadata();
                assertEquals(expected.elapsedMs(), back.elapsedMs(), coords + " elapsed");
                assertEquals(expected.exposureMs(), back.exposureMs(), coords + " exposure");
                assertEquals(expected.xUm(), back.xUm(), coords + " x");
                assertEquals(expected.yUm(), back.yUm(), coords + " y");
                assertEquals(expected.zUm(), back.zUm(), coords + " z");
                assertEquals(expected.camera(), back.camera(), coords + " camera");
                assertEquals(expected.positionName(), back.positionName());
                assertEquals(expected.binning(), back.binning());
                assertEquals(expected.bitDepth(), back.bitDepth());
                assertArrayEquals(expected.roi(), back.roi());
                assertEquals(expected.scopeData(), back.scopeData());
                assertEquals(expected.userData(), back.userData());
                assertEquals(expected.other(), back.other());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** What Micro-Manager records with an image; the second time point has z without x/y, as the AcqEngJ engine records it. */
    private static MdaFrameMetadata recorded(Map<String, Integer> coords) {
        int t = coords.getOrDefault("time", 0);
        int z = coords.getOrDefault("z", 0);
        MdaFrameMetadata.Builder b = MdaFrameMetadata.builder().elapsedMs(100.0 * t + z).exposureMs(10.0 + t)
                .zUm(0.5 * z).camera("Camera").positionName("Default").binning(1).bitDepth(16).roi(0, 0, 8, 4)
                .scopeData("Camera-Gain", "5").userData("Exposure", "10").other("ImageNumber", "7");
        return t == 0 ? b.xUm(1.0).yUm(2.0).build() : b.build();
    }

    @Test
    void aZarrV2RunWithOmeroChannelsComesBackWithChannelNamesAndColours(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("beads_1.ome.zarr");
        List<Map<String, Integer>> images = save(output, SaveOptions.builder().format(ZarrFormat.V2).build(),
                MdaFrames.counts(1, 1, 2, 2));
        // the omero block as OME-NGFF specifies it (a writer of channel metadata puts it there)
        ObjectNode attributes = (ObjectNode) ZarrJson.MAPPER.readTree(output.resolve(".zattrs").toFile());
        ArrayNode channels = attributes.putObject("omero").putArray("channels");
        channels.addObject().put("label", "DAPI").put("color", "0000FF");
        channels.addObject().put("label", "GFP").put("color", "00FF00");
        ZarrJson.MAPPER.writeValue(output.resolve(".zattrs").toFile(), attributes);

        SavedDataset saved = SavedDataset.open(output);
        assertEquals(Arrays.asList("DAPI", "GFP"), saved.summary().channelNames());
        assertEquals(Arrays.asList(0x0000FF, 0x00FF00), saved.summary().channelColors());
        for (Map<String, Integer> coords : images) {
            assertArrayEquals(MdaFrames.pixels(coords), (short[]) saved.get(coords).pixels(), "image " + coords);
        }
    }

    @Test
    void aDatasetOpenedForViewingRefusesNewImagesAndSummaries(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("cells_1.ome.zarr");
        save(output, SaveOptions.DEFAULTS, MdaFrames.counts(1, 1, 1, 1));
        SavedDataset saved = SavedDataset.open(output);
        MdaImageFormat format = new MdaImageFormat(MdaFrames.WIDTH, MdaFrames.HEIGHT, 2, 1, null, null);
        IllegalStateException put = assertThrows(IllegalStateException.class,
                () -> saved.put(Map.of(), MdaFrames.pixels(Map.of()), MdaFrameMetadata.NONE, format));
        assertTrue(put.getMessage().contains(output.toString()), put.getMessage());
        assertThrows(IllegalStateException.class, () -> saved.updateSummary(saved.summary()));
        assertEquals(1, saved.count());
    }

    @Test
    void pixelsMicroManagerCannotShowAreRefusedNamingTheTypesItCan(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("counts.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).frameSize(4, 4).pixelType(PixelType.UINT32)
                .build();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            writer.write(FrameCoordinates.of(0, 0, 0), new int[16], FrameMetadata.NONE);
            writer.finish();
        }
        IOException refused = assertThrows(IOException.class, () -> SavedDataset.open(output));
        assertTrue(refused.getMessage().contains("uint16"), refused.getMessage());
    }

    @Test
    void aFolderThatIsNoDatasetIsRefusedNamingIt(@TempDir Path folder) throws Exception {
        Path notZarr = Files.createDirectory(folder.resolve("tiffs"));
        IOException refused = assertThrows(IOException.class, () -> SavedDataset.open(notZarr));
        assertTrue(refused.getMessage().contains(notZarr.toString()), refused.getMessage());
    }
}
