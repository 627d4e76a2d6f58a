package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;

/**
 * A script that passes {@code null} as a frame's metadata (Beanshell makes that easy) loses nothing:
 * that frame has no metadata, and every other frame's table rows and OME-XML planes are written.
 */
class NullFrameMetadataMeansNoneTest {
    @Test
    void aNullAmongFramesWithMetadataKeepsTheTableAndTheOmeXml(@TempDir Path folder) throws Exception {
        Path output = folder.resolve("null.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).timePoints(3).frameSize(16, 8).build();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            writer.write(FrameCoordinates.of(0, 0, 0), new short[16 * 8], FrameMetadata.builder().elapsedMs(1).build());
            writer.write(FrameCoordinates.of(1, 0, 0), new short[16 * 8], null);
            writer.handOver(FrameCoordinates.of(2, 0, 0), new short[16 * 8], FrameMetadata.builder().elapsedMs(3).build());
            writer.finish();
        }
        List<FrameRecord> rows = FrameTableReader.read(new FileSystemStore(output));
        assertEquals(3, rows.size());
        assertEquals(1.0, rows.get(0).metadata().elapsedMs());
        assertEquals(null, rows.get(1).metadata().elapsedMs());
        assertEquals(3.0, rows.get(2).metadata().elapsedMs());
        Path omeXml = output.resolve("OME/METADATA.ome.xml");
        assertTrue(Files.isRegularFile(omeXml), "OME-XML is written");
        String xml = new String(Files.readAllBytes(omeXml), StandardCharsets.UTF_8);
        assertTrue(xml.contains("DeltaT=\"0.001\"") && xml.contains("DeltaT=\"0.003\""),
                "the planes of the frames with metadata: " + xml);
        assertFalse(new String(Files.readAllBytes(output.resolve("zarr.json"))).contains("\"acquiring\""));
    }
}
