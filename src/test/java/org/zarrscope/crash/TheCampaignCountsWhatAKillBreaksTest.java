package org.zarrscope.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign's checks find what they count, so a clean campaign means something: on a complete
 * v2 dataset given a garbled chunk file, a deleted chunk file and a frame-table row removed,
 * {@link DatasetCheck} reports exactly that chunk corrupt, those two promised frames lost and that
 * frame without metadata.
 */
class TheCampaignCountsWhatAKillBreaksTest {
    private static final long SEED = 3;

    @TempDir
    Path work;

    @Test
    void aGarbledChunkAMissingChunkAndAMissingRowAreCounted() throws Exception {
        TrialConfig config = new TrialConfig(false, false, false);
        ReferenceRun reference = ReferenceRun.of(config, SEED, work);
        Path dataset = work.resolve("reference.ome.zarr");
        Set<String> promised = PromisedFrames.now(dataset, config);
        assertEquals(TrialConfig.TIME_POINTS * TrialConfig.Z, promised.size(), "frames of a complete run");

        Path garbled = dataset.resolve("0/5/0/2/0/0");
        byte[] garbage = new byte[(int) Files.size(garbled)];
        Arrays.fill(garbage, (byte) 0x5a);
        Files.write(garbled, garbage);
        Files.delete(dataset.resolve("0/7/0/1/0/0"));
        removeRow(dataset.resolve("zarrscope/frames/0.json"), 9, 3);

        DatasetCheck check = DatasetCheck.of(dataset, config, promised, reference);
        assertTrue(check.opened, "the reader opens the damaged dataset: " + check.readerError);
        assertEquals(new TreeSet<>(Set.of("0/5/0/2")), check.corruptChunks, "corrupt chunks");
        assertEquals(new TreeSet<>(Set.of("5,0,2", "7,0,1")), check.lostBeyondPromise, "promised frames lost");
        assertEquals(new TreeSet<>(Set.of("9,0,3")), check.withoutMetadata, "frames on disk without a row");
    }

    /** Removes the row of frame (t, z) from a frame-table segment. */
    private static void removeRow(Path segment, int t, int z) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode table = (ObjectNode) json.readTree(segment.toFile());
        ArrayNode rows = (ArrayNode) table.get("frames");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (row.get("t").asInt() == t && row.get("z").asInt() == z) {
                rows.remove(i);
                json.writeValue(segment.toFile(), table);
                return;
            }
        }
        throw new AssertionError("no row of t=" + t + " z=" + z + " in " + segment);
    }
}
