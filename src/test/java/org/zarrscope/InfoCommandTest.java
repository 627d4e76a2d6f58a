package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.testing.CommandRun.succeeding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zarrscope info} tells what a dataset holds, for both formats: an aligned report in human
 * units with the codec in words, the same facts as JSON for scripts, and compression ratios of
 * the chunks actually stored.
 */
class InfoCommandTest {
    /** Where every value of the report starts. */
    private static final int VALUE_COLUMN = 13;

    @TempDir
    Path temp;

    private static void assertAligned(String info) {
        for (String line : info.split("\\R")) {
            assertTrue(line.length() > VALUE_COLUMN && line.charAt(VALUE_COLUMN - 1) == ' '
                    && line.charAt(VALUE_COLUMN) != ' ', "the value starts in column " + VALUE_COLUMN + ": '" + line
                    + "'\n" + info);
        }
    }

    private static JsonNode json(String dataset) throws IOException {
        return new ObjectMapper().readTree(succeeding("info", "--json", dataset));
    }

    @Test
    void describesAShardedV3Dataset() {
        String dataset = temp.resolve("run.ome.zarr").toString();
        succeeding("simulate", "--out", dataset, "--frames", "6", "--channels", "2", "--z", "3", "--size", "64x48",
                "--interval", "2", "--pixel-size", "0.5", "--no-progress");
        String info = succeeding("info", dataset);
        assertAligned(info);
        assertTrue(info.contains("format       Zarr v3, OME-NGFF 0.5\n"), info);
        assertTrue(info.contains("status       complete\n"), info);
        assertTrue(info.contains("axes       t (second), c, z, y (micrometer), x (micrometer)\n"), info);
        assertTrue(info.contains("shape    6 x 2 x 3 x 48 x 64 uint16, 221.2 kB\n"), info);
        assertTrue(info.contains("scale    2.0 x 1.0 x 1.0 x 0.5 x 0.5\n"), info);
        assertTrue(info.contains("chunks   1 x 1 x 1 x 48 x 64 (6.1 kB), in shards of 6 x 1 x 3 x 48 x 64\n"), info);
        assertTrue(info.contains("codec    Blosc lz4, level 1, byte shuffle\n"), info);
        assertTrue(info.contains("stored   36 of 36 chunks in 2 files: "), info); // one shard per channel
        assertTrue(info.contains("frames       36 recorded over 10.0 s (elapsed 0.0 to "), info);
    }

    @Test
    void describesAV2Dataset() {
        String dataset = temp.resolve("old.ome.zarr").toString();
        succeeding("simulate", "--format", "v2", "--out", dataset, "--frames", "4", "--size", "32x32", "--codec", "zstd",
                "--no-progress");
        String info = succeeding("info", dataset);
        assertAligned(info);
        assertTrue(info.contains("format       Zarr v2, OME-NGFF 0.4\n"), info);
        assertTrue(info.contains("shape    4 x 1 x 1 x 32 x 32 <u2, 8.2 kB\n"), info);
        assertTrue(info.contains("chunks   1 x 1 x 1 x 32 x 32 (2.0 kB)\n"), info);
        assertTrue(info.contains("codec    Zstandard, level 3\n"), info);
        assertTrue(info.contains("stored   4 of 4 chunks in 4 files: "), info);
    }

    @Test
    void describesEveryPositionOfAMultiPositionDataset() {
        String dataset = temp.resolve("stage.ome.zarr").toString();
        succeeding("simulate", "--out", dataset, "--positions", "3", "--frames", "2", "--size", "32x32", "--no-progress");
        String info = succeeding("info", dataset);
        assertAligned(info);
        assertTrue(info.contains("positions    3 images (bioformats2raw.layout)"), info);
        for (int p = 0; p < 3; p++) {
            assertTrue(info.contains("image        Pos" + p + " (" + p + ")\n"), info);
            assertTrue(info.contains("array      " + p + "/0\n    shape    2 x 1 x 1 x 32 x 32 uint16"), info);
        }
        assertTrue(info.contains("frames       6 recorded"), info);
    }

    @Test
    void describesAPlate() {
        String dataset = temp.resolve("screen.ome.zarr").toString();
        succeeding("simulate", "--format", "v2", "--out", dataset, "--plate", "2x3", "--fields", "2", "--frames", "1",
                "--size", "16x16", "--no-progress");
        String info = succeeding("info", dataset);
        assertAligned(info);
        assertTrue(info.contains("format       Zarr v2, OME-NGFF 0.4"), info);
        assertTrue(info.contains("plate        screen: 2 rows x 3 columns, 6 wells, up to 2 fields per well"), info);
        assertTrue(info.contains("image        B3-Site_1 (B/3/1)\n"), info);
        assertTrue(info.contains("array      B/3/1/0\n    shape    1 x 1 x 1 x 16 x 16 <u2"), info);
    }

    /**
     * A run stopped after 5 of 200 frames: the ratio is of the 5 frames stored, not of the 200 its
     * shape declares (which made a ratio of 2.8 read 17.8).
     */
    @Test
    void theRatioIsOfTheChunksStoredNotOfTheDeclaredShape() throws IOException {
        Path dataset = temp.resolve("stopped.ome.zarr");
        succeeding("simulate", "--out", dataset.toString(), "--frames", "200", "--size", "64x64", "--stop-after", "5",
                "--pyramid", "none", "--no-progress");
        JsonNode array = json(dataset.toString()).path("images").path(0).path("arrays").path(0);
        long frameBytes = 64 * 64 * 2;
        assertEquals(5, array.path("chunks_stored").asLong(), array.toString());
        assertEquals(5 * frameBytes, array.path("pixel_bytes_stored").asLong());
        assertEquals(200 * frameBytes, array.path("declared_bytes").asLong());
        long onDisk;
        try (Stream<Path> files = Files.walk(dataset.resolve("0"))) {
            onDisk = files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("zarr.json"))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
        assertEquals(onDisk, array.path("stored_bytes").asLong());
        assertEquals(5.0 * frameBytes / onDisk, array.path("compression_ratio").asDouble(), 1e-9);
        String info = succeeding("info", dataset.toString());
        assertTrue(info.contains("stored   5 of 200 chunks in 1 file: " + String.format(Locale.ROOT,
                "%.1f kB holding 41.0 kB of pixels (ratio %.2f)", onDisk / 1e3, 5.0 * frameBytes / onDisk)), info);
    }

    @Test
    void jsonHasTheFactsOfTheReport() throws IOException {
        String dataset = temp.resolve("facts.ome.zarr").toString();
        succeeding("simulate", "--out", dataset, "--frames", "3", "--z", "2", "--size", "32x32", "--codec", "gzip",
                "--no-progress");
        JsonNode info = json(dataset);
        assertEquals(3, info.path("zarr_format").asInt());
        assertEquals("complete", info.path("status").asText());
        assertEquals(6, info.path("frames").path("recorded").asLong());
        JsonNode array = info.path("images").path(0).path("arrays").path(0);
        assertEquals("[3,1,2,32,32]", array.path("shape").toString());
        assertEquals("gzip, level 5", array.path("codec").path("description").asText());
        assertEquals("gzip", array.path("codec").path("metadata").path(1).path("name").asText());
        assertEquals(6, array.path("chunks_stored").asLong());
    }
}
