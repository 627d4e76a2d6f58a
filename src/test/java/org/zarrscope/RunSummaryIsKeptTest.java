package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.zarr.ZarrJson;

/**
 * The run's summary (channel group, channels, start time, user data, pixel-size affine, order)
 * and each image's stage position are kept in the dataset; a non-square affine pixel size becomes
 * the x and y scales.
 */
class RunSummaryIsKeptTest {
    @Test
    void summaryAndStagePositionsAreInTheAttributes(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("run.ome.zarr");
        double[] affine = {0.325, 0.0, 10.0, 0.0, 0.4, -5.0}; // x 0.325 µm, y 0.4 µm per pixel
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V2).frameSize(8, 8)
                .channels(2).channelInfo(Arrays.asList(new ChannelInfo("DAPI", 0x0000FF), new ChannelInfo("GFP", null)))
                .positions(Arrays.asList(new StagePosition("Left", 100.5, -20.0, 3.0), StagePosition.named("Right")))
                .pixelSizeAffine(affine).zStepUm(0.5).intervalSeconds(2.0).pyramid(PyramidMode.NONE)
                .summary(AcquisitionSummary.builder().channelGroup("Channel").startTime("2026-11-23T15:00:00Z")
                        .prefix("run").userData("Operator", "Ada").userData("Sample", "HeLa \u00b5").build())
                .build();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            writer.finish();
        }

        JsonNode summary = ZarrJson.MAPPER.readTree(output.resolve(".zattrs").toFile()).path("zarrscope").path("summary");
        assertEquals("Channel", summary.path("channelGroup").asText());
        assertEquals("2026-11-23T15:00:00Z", summary.path("startTime").asText());
        assertEquals("Ada", summary.path("userData").path("Operator").asText());
        assertEquals("HeLa \u00b5", summary.path("userData").path("Sample").asText());
        assertEquals("DAPI", summary.path("channels").path(0).path("name").asText());
        assertEquals("0000FF", summary.path("channels").path(0).path("color").asText());
        assertFalse(summary.path("channels").path(1).has("color"));
        assertEquals(-5.0, summary.path("pixelSizeAffine").path(5).asDouble());
        assertEquals("tczyx", summary.path("acquisitionOrder").asText());

        JsonNode left = ZarrJson.MAPPER.readTree(output.resolve("0/.zattrs").toFile());
        JsonNode stage = left.path("zarrscope").path("stagePosition");
        assertEquals("Left", stage.path("name").asText());
        assertEquals(100.5, stage.path("xUm").asDouble());
        assertEquals(-20.0, stage.path("yUm").asDouble());
        assertEquals(3.0, stage.path("zUm").asDouble());
        JsonNode scale = left.path("multiscales").path(0).path("datasets").path(0).path("coordinateTransformations")
                .path(0).path("scale");
        assertEquals("[2.0,1.0,0.5,0.4,0.325]", scale.toString());
        JsonNode right = ZarrJson.MAPPER.readTree(output.resolve("1/.zattrs").toFile()).path("zarrscope");
        assertEquals("Right", right.path("stagePosition").path("name").asText());
        assertFalse(right.path("stagePosition").has("xUm"), "an unknown stage position is left out, not invented");
    }
}
