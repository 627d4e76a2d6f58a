package org.zarrscope.micromanager.mda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mmcorej.org.json.JSONArray;
import mmcorej.org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.micromanager.acqj.main.AcqEngMetadata;
import org.zarrscope.metadata.FrameTableKeys;
import org.zarrscope.AcquisitionOrder;
import org.zarrscope.FrameMetadata;
import org.zarrscope.SettingsException;
import org.zarrscope.StagePosition;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.BloscShuffle;
import org.zarrscope.zarr.ZarrJson;

/**
 * A Micro-Manager run's summary (as the MDA on AcqEngJ writes it) and each image's metadata (as
 * MMCore and AcqEngJ tag it) reach the dataset's settings and frame table with nothing lost.
 */
class MicroManagerMetadataMapsWithoutLossTest {

    /** The summary the MDA writes: AcqEngJ's own keys plus those mmstudio adds for the MDA. */
    private static JSONObject mdaSummary() throws Exception {
        JSONObject json = new JSONObject();
        AcqEngMetadata.setAcqDate(json, "2026/03/01 10:11:12");
        AcqEngMetadata.setPixelTypeFromByteDepth(json, 2);
        AcqEngMetadata.setPixelSizeUm(json, 0.325);
        AcqEngMetadata.setAffineTransformString(json, "0.325_0.01_-0.01_0.325");
        AcqEngMetadata.setZStepUm(json, -0.5);
        AcqEngMetadata.setIntervalMs(json, 2500);
        AcqEngMetadata.setChannelGroup(json, "Channel");
        AcqEngMetadata.setWidth(json, 2048);
        AcqEngMetadata.setHeight(json, 1024);
        json.put("ChNames", new JSONArray(List.of("DAPI", "FITC")));
        json.put("ChColors", new JSONArray(List.of(0xFF0000FF, 0xFF00FF00))); // java.awt.Color.getRGB(): with alpha
        json.put("Frames", 10);
        json.put("Positions", 2);
        json.put("Slices", 7);
        json.put("Channels", 2);
        json.put("TimeFirst", false);
        json.put("SlicesFirst", true);
        json.put("Prefix", "cells");
        json.put("Directory", "D:/data");
        json.put("StartTime", "2026-03-01 10:11:12.345 +0100");
        json.put("StagePositions", new JSONArray(List.of(stagePosition("Pos0", 100, 200, 5), stagePosition("Pos1", 300, -50, 6))));
        json.put("UserData", new JSONObject(Map.of("Operator", new JSONObject(Map.of("type", "STRING", "scalar", "Ann")))));
        return json;
    }

    private static JSONObject stagePosition(String label, double x, double y, double z) throws Exception {
        JSONObject position = new JSONObject();
        position.put("Label", label);
        position.put("DefaultXYStage", "XY");
        position.put("DefaultZStage", "Z");
        JSONObject xy = new JSONObject();
        xy.put("Device", "XY");
        xy.put("Position_um", new JSONArray(List.of(x, y)));
        JSONObject focus = new JSONObject();
        focus.put("Device", "Z");
        focus.put("Position_um", new JSONArray(List.of(z)));
        position.put("DevicePositions", new JSONArray(List.of(xy, focus)));
        return position;
    }

    @Test
    void theSummaryIsReadFieldByField() throws Exception {
        MdaSummary summary = MdaJson.summary(mdaSummary());
        assertEquals(List.of("time", "position", "channel", "z"), summary.orderedAxes(), "TimeFirst false, SlicesFirst true");
        assertEquals(Map.of("time", 10, "position", 2, "z", 7, "channel", 2), summary.intendedDimensions());
        assertEquals("Channel", summary.channelGroup());
        assertEquals(List.of("DAPI", "FITC"), summary.channelNames());
        assertEquals(List.of(0x0000FF, 0x00FF00), summary.channelColors());
        assertEquals(-0.5, summary.zStepUm());
        assertEquals(2500.0, summary.intervalMs());
        assertEquals(2, summary.stagePositions().size());
        StagePosition second = summary.stagePositions().get(1);
        assertEquals("Pos1", second.name());
        assertEquals(300.0, second.xUm());
        assertEquals(-50.0, second.yUm());
        assertEquals(6.0, second.zUm());
        assertEquals(0.325, summary.pixelSizeUm());
        assertArrayEquals(new double[] {0.325, -0.01, 0, 0.01, 0.325, 0}, summary.pixelSizeAffine(), 0,
                "AcqEngJ's m00_m10_m01_m11 as Micro-Manager's a, b, tx, c, d, ty");
        assertEquals(2048, summary.width());
        assertEquals(1024, summary.height());
        assertEquals(MdaPixelType.GRAY16, summary.pixelType());
        assertEquals("cells", summary.prefix());
        assertEquals("D:/data", summary.directory());
        assertEquals("2026-03-01 10:11:12.345 +0100", summary.startDate());
        assertEquals(Map.of("Operator", "Ann"), summary.userData());
    }

    @Test
    void theSummaryBecomesTheWriterSettings(@TempDir Path folder) throws Exception {
        SaveOptions options = SaveOptions.builder().format(ZarrFormat.V2).codec("zstd", 5, null)
                .chunkShape(new int[] {1, 1, 7, 512, 512}).writerThreads(3).memoryMiB(1024).build();
        WriterSettings settings = MdaSettings.writerSettings(MdaJson.summary(mdaSummary()), options,
                folder.resolve("cells_1.ome.zarr"));
        assertEquals(10, settings.timePoints());
        assertEquals(2, settings.channels());
        assertEquals(7, settings.zSlices());
        assertEquals(2, settings.positionCount());
        assertEquals("Pos0", settings.positions().get(0).name());
        assertEquals(100.0, settings.positions().get(0).xUm());
        assertEquals("FITC", settings.channelInfo().get(1).name());
        assertEquals(0x00FF00, settings.channelInfo().get(1).rgb());
        assertEquals(0.325, settings.pixelSizeUm());
        assertArrayEquals(new double[] {0.325, -0.01, 0, 0.01, 0.325, 0}, settings.pixelSizeAffine(), 0);
        assertEquals(0.5, settings.zStepUm(), "a stack taken downwards keeps its step size");
        assertEquals(2.5, settings.intervalSeconds());
        assertEquals(AcquisitionOrder.parse("tpczyx").outermostFirst(), settings.order().outermostFirst());
        assertEquals(1, settings.order().positionDepth());
        assertEquals("Channel", settings.summary().channelGroup());
        assertEquals("cells", settings.summary().prefix());
        assertEquals("D:/data", settings.summary().directory());
        assertEquals("2026-03-01 10:11:12.345 +0100", settings.summary().startTime());
        assertEquals(Map.of("Operator", "Ann"), settings.summary().userData());
        assertEquals(ZarrFormat.V2, settings.format());
        assertEquals("zstd level 5", settings.codec().toString());
        assertArrayEquals(new int[] {1, 1, 7, 512, 512}, settings.chunkShape());
        assertEquals(3, settings.writerThreads());
        assertEquals(1024L << 20, settings.memoryBudgetBytes());
    }

    @Test
    void whatMicroManagerLeavesUnknownStaysUnset(@TempDir Path folder) {
        MdaSummary summary = MdaSummary.builder().frameSize(64, 32).pixelType(MdaPixelType.GRAY8)
                .intended("z", 3).intervalMs(0.0).pixelSizeUm(0.0).zStepUm(0.0)
                .pixelSizeAffine(new double[6]).build();
        WriterSettings settings = MdaSettings.writerSettings(summary, SaveOptions.DEFAULTS, folder.resolve("x.ome.zarr"));
        assertTrue(settings.isTimeUnbounded(), "no time count declared: the time axis grows with the images");
        assertEquals(1, settings.channels());
        assertEquals(3, settings.zSlices());
        assertEquals(1, settings.positionCount());
        assertNull(settings.intervalSeconds());
        assertNull(settings.pixelSizeUm());
        assertNull(settings.zStepUm());
        assertNull(settings.pixelSizeAffine());

        SettingsException noSize = assertThrows(SettingsException.class, () -> MdaSettings.writerSettings(
                MdaSummary.builder().pixelType(MdaPixelType.GRAY8).build(), SaveOptions.DEFAULTS, folder.resolve("y")));
        assertEquals("frameSize", noSize.field());
    }

    @Test
    void saveOptionsSurviveTheUserProfile() {
        SaveOptions options = SaveOptions.builder().format(ZarrFormat.V2).codec("blosc-zstd", 7, BloscShuffle.BITSHUFFLE)
                .chunkShape(new int[] {1, 1, 16, 256, 256}).unsharded().writerThreads(6).memoryMiB(2048)
                .viewerCacheMiB(64).build();
        Map<String, String> profile = options.toMap();
        SaveOptions back = SaveOptions.fromMap(profile);
        assertEquals(profile, back.toMap());
        assertEquals(ZarrFormat.V2, back.format());
        assertEquals("blosc-zstd clevel 7 bitshuffle", back.codec().toString());
        assertArrayEquals(new int[] {1, 1, 16, 256, 256}, back.chunkShape());
        assertTrue(back.unsharded());
        assertEquals(6, back.writerThreads());
        assertEquals(2048, back.memoryMiB());
        assertEquals(64, back.viewerCacheMiB());

        SaveOptions sharded = SaveOptions.fromMap(Map.of("shard", "4,1,16,512,512"));
        assertArrayEquals(new int[] {4, 1, 16, 512, 512}, sharded.shardShape());
        assertEquals(SaveOptions.DEFAULTS.toMap(), SaveOptions.fromMap(Map.of()).toMap(), "an empty profile: defaults");

        SettingsException bad = assertThrows(SettingsException.class, () -> SaveOptions.fromMap(Map.of("chunk", "1,1,x,2,2")));
        assertEquals("chunk", bad.field());
        assertEquals("shuffle", assertThrows(SettingsException.class,
                () -> SaveOptions.fromMap(Map.of("shuffle", "twice"))).field());
    }

    /** The tags of an image as MMCore and AcqEngJ write them (MMCore's values are strings). */
    private static JSONObject imageTags() throws Exception {
        JSONObject tags = new JSONObject();
        AcqEngMetadata.createAxes(tags);
        AcqEngMetadata.setAxisPosition(tags, "time", 3);
        AcqEngMetadata.setAxisPosition(tags, "channel", "FITC");
        AcqEngMetadata.setExposure(tags, 10.0);
        AcqEngMetadata.setStageXIntended(tags, 100.5);
        AcqEngMetadata.setStageYIntended(tags, -20.25);
        AcqEngMetadata.setZPositionUm(tags, 3.5);
        AcqEngMetadata.setPositionName(tags, "Pos1");
        tags.put("ElapsedTime-ms", 1234L);
        tags.put("Camera", "Camera");
        tags.put("Binning", "2");
        tags.put("BitDepth", "12");
        tags.put("ROI-X-start", "4");
        tags.put("ROI-Y-start", "8");
        tags.put("Width", "16");
        tags.put("Height", "8");
        tags.put("ImageNumber", "7");
        tags.put("Camera-Gain", "5");
        tags.put("Camera-Mode", "Fast");
        tags.put("ScopeDataKeys", new JSONArray(List.of("Camera-Gain")));
        tags.put("tags", new JSONObject(Map.of("well", "B3")));
        return tags;
    }

    @Test
    void everyImageTagIsKept() throws Exception {
        MdaFrameMetadata metadata = MdaJson.frameMetadata(imageTags());
        assertEquals(1234.0, metadata.elapsedMs());
        assertEquals(10.0, metadata.exposureMs());
        assertEquals(100.5, metadata.xUm());
        assertEquals(-20.25, metadata.yUm());
        assertEquals(3.5, metadata.zUm());
        assertEquals("Camera", metadata.camera());
        assertEquals("Pos1", metadata.positionName());
        assertEquals(2, metadata.binning());
        assertEquals(12, metadata.bitDepth());
        assertArrayEquals(new int[] {4, 8, 16, 8}, metadata.roi());
        assertEquals(Map.of("Camera-Gain", "5"), metadata.scopeData());
        assertEquals(Map.of("well", "B3"), metadata.userData());

        FrameMetadata frame = metadata.toFrameMetadata();
        assertEquals(1234.0, frame.elapsedMs());
        assertEquals(10.0, frame.exposureMs());
        assertEquals(100.5, frame.stageXUm());
        assertEquals(-20.25, frame.stageYUm());
        assertEquals(3.5, frame.stageZUm());
        assertEquals("Camera", frame.camera());
        Map<String, String> extra = frame.extra();
        assertEquals("Pos1", extra.get("PositionName"));
        assertEquals("2", extra.get("Binning"));
        assertEquals("12", extra.get("BitDepth"));
        assertEquals("4,8,16,8", extra.get("ROI"));
        assertEquals("7", extra.get("ImageNumber"));
        assertEquals("Fast", extra.get("Camera-Mode"), "a device property not listed as scope data is kept as it is");
        assertEquals("5", extra.get("ScopeData/Camera-Gain"));
        assertEquals("B3", extra.get("UserData/well"));
        assertEquals("16", extra.get("Width"));
        assertTrue(!extra.containsKey("Axes") && !extra.containsKey("Exposure"), extra.toString());
    }

    @Test
    void anIdentityAffineIsNoCalibrationAndThePixelSizeApplies(@TempDir Path folder) throws Exception {
        JSONObject acqEngJ = mdaSummary();
        AcqEngMetadata.setAffineTransformString(acqEngJ, "1.0_0.0_0.0_1.0"); // AcqEngJ, demo configuration
        MdaSummary summary = MdaJson.summary(acqEngJ);
        assertNull(summary.pixelSizeAffine());
        assertEquals(0.325, MdaSettings.writerSettings(summary, SaveOptions.DEFAULTS, folder.resolve("a.ome.zarr"))
                .pixelSizeXUm());
        JSONObject core = mdaSummary();
        core.put("PixelSizeAffine", "1;0;0;0;1;0");
        assertNull(MdaJson.summary(core).pixelSizeAffine(), "MMCore's identity likewise");
    }

    @Test
    void anAcqEngJFocusPositionWithoutXyIsAStagePosition() throws Exception {
        JSONObject zOnly = new JSONObject();
        AcqEngMetadata.setZPositionUm(zOnly, 3.5);
        FrameMetadata fromAcqEngJ = MdaJson.frameMetadata(zOnly).toFrameMetadata();
        assertEquals(Arrays.asList(null, null, 3.5),
                Arrays.asList(fromAcqEngJ.stageXUm(), fromAcqEngJ.stageYUm(), fromAcqEngJ.stageZUm()));
        assertEquals(Map.of(), fromAcqEngJ.extra(), "no ZPositionUm left among the other keys");
    }

    /** mmstudio keeps AcqEngJ's exposure of the images that engine acquired only in their user data. */
    @Test
    void anAcqEngJExposureInTheUserDataIsTheExposure() throws Exception {
        JSONObject typed = new JSONObject("{\"UserData\": {\"Exposure\": {\"type\": \"STRING\", \"scalar\": \"12.5\"}}}");
        assertEquals(12.5, MdaJson.frameMetadata(typed).exposureMs(), "mmstudio's typed entry");
        JSONObject plain = new JSONObject("{\"UserData\": {\"Exposure\": 7}}");
        assertEquals(7.0, MdaJson.frameMetadata(plain).exposureMs(), "a plain value");
        JSONObject both = new JSONObject("{\"Exposure-ms\": 3, \"UserData\": {\"Exposure\": 7}}");
        assertEquals(3.0, MdaJson.frameMetadata(both).exposureMs(), "the image's own exposure comes first");
    }

    @Test
    void aTagThatIsNotANumberIsKeptAsText() throws Exception {
        JSONObject tags = new JSONObject();
        tags.put("Exposure", "fast");
        tags.put("Binning", "2x2");
        MdaFrameMetadata metadata = MdaJson.frameMetadata(tags);
        assertNull(metadata.exposureMs());
        assertEquals(2, metadata.binning(), "mmstudio's older 2x2");
        assertEquals(Map.of("Exposure", "fast"), metadata.other());
    }

    @Test
    void theFrameTableHoldsWhatMicroManagerRecorded(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("t.ome.zarr");
        MdaSummary summary = MdaFrames.summary(MdaFrames.axes("time", "position", "z", "channel"),
                MdaFrames.counts(1, 1, 1, 1));
        try (LiveDataset dataset = LiveDataset.open(summary, SaveOptions.DEFAULTS, output)) {
            dataset.put(Map.of(), MdaFrames.pixels(Map.of()), MdaJson.frameMetadata(imageTags()));
            dataset.freeze(status -> { });
        }
        JsonNode row = ZarrJson.MAPPER.readTree(output.resolve(FrameTableKeys.segmentKey(0)).toFile())
                .get("frames").get(0);
        assertEquals(1234.0, row.get("elapsedMs").asDouble());
        assertEquals(100.5, row.get("stageXUm").asDouble());
        assertEquals("Camera", row.get("camera").asText());
        assertEquals("5", row.get("extra").get("ScopeData/Camera-Gain").asText());
        assertEquals("Pos1", row.get("extra").get("PositionName").asText());
        assertEquals("4,8,16,8", row.get("extra").get("ROI").asText());
    }
}
