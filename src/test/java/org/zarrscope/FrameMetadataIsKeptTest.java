package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.metadata.FrameTableKeys;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.ome.OmeXmlDocument;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.zarr.ZarrJson;

/**
 * Every frame's metadata (time, exposure, stage position, camera, extra keys) is kept, also when
 * the run stops early, and each stage axis that is known even when the others are not.
 */
class FrameMetadataIsKeptTest {
    @Test
    void everyAcceptedFrameHasItsMetadataInTheTable(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("meta.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V2).timePoints(4)
                .channels(2).zSlices(3).frameSize(16, 8).order(AcquisitionOrder.parse("tzcyx")).build();
        List<FrameCoordinates> written = new ArrayList<>();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            settings.order().forEachFrame(4, 2, 3, frame -> {
                if (written.size() < 17) { // stop early, in the middle of a time point
                    writer.write(frame, new short[16 * 8], metadataOf(frame));
                    written.add(frame);
                }
            });
            writer.write(FrameCoordinates.of(3, 1, 2), new short[16 * 8], FrameMetadata.NONE);
            written.add(FrameCoordinates.of(3, 1, 2));
            writer.abort();
        }

        JsonNode attributes = ZarrJson.MAPPER.readTree(output.resolve(".zattrs").toFile());
        assertEquals(FrameTableKeys.FOLDER, attributes.path("zarrscope").path("frameMetadata").asText());
        JsonNode rows = ZarrJson.MAPPER.readTree(Files.readAllBytes(output.resolve(FrameTableKeys.segmentKey(0))))
                .get("frames");
        assertEquals(written.size(), rows.size());
        for (int i = 0; i < written.size() - 1; i++) {
            FrameCoordinates frame = written.get(i);
            JsonNode row = rows.get(i);
            assertEquals(frame, FrameCoordinates.of(row.get("t").asInt(), row.get("c").asInt(), row.get("z").asInt()));
            FrameMetadata expected = metadataOf(frame);
            assertEquals(expected.elapsedMs(), row.get("elapsedMs").asDouble());
            assertEquals(expected.exposureMs(), row.get("exposureMs").asDouble());
            assertEquals(expected.stageXUm(), row.get("stageXUm").asDouble());
            assertEquals(expected.stageYUm(), row.get("stageYUm").asDouble());
            assertEquals(expected.stageZUm(), row.get("stageZUm").asDouble());
            assertEquals("Prime BSI", row.get("camera").asText());
            assertEquals("Cy5-" + frame.channel(), row.get("extra").get("Filter").asText());
            assertEquals("\u00b5m \"quoted\", comma", row.get("extra").get("Note").asText());
        }
        JsonNode bare = rows.get(written.size() - 1);
        assertEquals(3, bare.get("t").asInt());
        assertFalse(bare.has("elapsedMs") || bare.has("camera") || bare.has("extra"), bare.toString());
    }

    @Test
    void eachKnownStageAxisIsKeptWhenTheOthersAreUnknown(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("axes.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V2).timePoints(4)
                .frameSize(16, 8).build();
        List<FrameMetadata> recorded = List.of(
                FrameMetadata.builder().stageZUm(3.5).build(), // a focus drive, no XY stage
                FrameMetadata.builder().stageXUm(100.5).stageYUm(-20.25).build(), // an XY stage, no focus drive
                FrameMetadata.builder().stagePositionUm(1, 2, 3).build(),
                FrameMetadata.NONE);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (int t = 0; t < recorded.size(); t++) {
                writer.write(FrameCoordinates.of(t, 0, 0), new short[16 * 8], recorded.get(t));
            }
            writer.finish();
        }
        List<FrameRecord> rows = FrameTableReader.read(new FileSystemStore(output));
        List<String> read = new ArrayList<>();
        rows.forEach(row -> read.add(row.metadata().stageXUm() + " " + row.metadata().stageYUm() + " "
                + row.metadata().stageZUm() + " " + row.metadata().extra()));
        assertEquals(List.of("null null 3.5 {}", "100.5 -20.25 null {}", "1.0 2.0 3.0 {}", "null null null {}"), read);

        String xml = Files.readString(output.resolve(OmeXmlDocument.KEY));
        Matcher planes = Pattern.compile("<Plane [^>]*>").matcher(xml);
        List<String> positions = new ArrayList<>();
        while (planes.find()) {
            Matcher position = Pattern.compile("Position([XYZ])=\"([^\"]+)\"").matcher(planes.group());
            StringBuilder known = new StringBuilder();
            while (position.find()) {
                known.append(position.group(1)).append(position.group(2));
            }
            positions.add(known.toString());
        }
        assertEquals(List.of("Z3.5", "X100.5Y-20.25", "X1.0Y2.0Z3.0", ""), positions, "OME-XML planes: " + xml);
    }

    @Test
    void aLongRunIsKeptInSegmentsThatAreWrittenOnce(@TempDir Path folder) throws Exception {
        FileSystemStore store = new FileSystemStore(folder);
        FrameMetadataTable table = new FrameMetadataTable(store, 3);
        for (int t = 0; t < 7; t++) {
            table.record(FrameCoordinates.of(t, 0, 0), FrameMetadata.builder().elapsedMs(t * 10.0).build());
            if (t == 2) {
                assertTrue(Files.exists(folder.resolve(FrameTableKeys.segmentKey(0))), "a full segment is written at once");
            }
        }
        table.save();
        int t = 0;
        for (int segment = 0; segment < 3; segment++) {
            JsonNode rows = ZarrJson.MAPPER.readTree(folder.resolve(FrameTableKeys.segmentKey(segment)).toFile())
                    .get("frames");
            assertEquals(segment < 2 ? 3 : 1, rows.size(), "segment " + segment);
            for (JsonNode row : rows) {
                assertEquals(t, row.get("t").asInt());
                assertEquals(t * 10.0, row.get("elapsedMs").asDouble());
                t++;
            }
        }
        assertFalse(Files.exists(folder.resolve(FrameTableKeys.segmentKey(3))));
    }

    private static FrameMetadata metadataOf(FrameCoordinates frame) {
        return FrameMetadata.builder()
                .elapsedMs(1000.25 * frame.time() + 7.5 * frame.z() + frame.channel())
                .exposureMs(12.5 + frame.channel())
                .stagePositionUm(-1234.5 + frame.time(), 987.25, 10.0 + 0.3 * frame.z())
                .camera("Prime BSI")
                .extra("Filter", "Cy5-" + frame.channel())
                .extra("Note", "\u00b5m \"quoted\", comma")
                .build();
    }
}
