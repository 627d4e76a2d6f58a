package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.testing.CommandRun.succeeding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;

/** {@code info} and {@code recover} on a dataset whose metadata file is truncated say which file is damaged. */
class DamagedMetadataIsNamedTest {
    @Test
    void aTruncatedZarrJsonIsNamed(@TempDir Path folder) throws Exception {
        Path dataset = folder.resolve("cut.ome.zarr");
        succeeding("simulate", "--out", dataset.toString(), "--frames", "2", "--size", "32x32", "--no-progress");
        Path array = dataset.resolve("0/zarr.json");
        byte[] whole = Files.readAllBytes(array);
        Files.write(array, Arrays.copyOf(whole, whole.length / 2));

        for (String command : new String[] {"info", "recover"}) {
            CommandRun run = CommandRun.zarrscope(command, dataset.toString());
            assertEquals(1, run.exitCode, run.toString());
            assertTrue(run.err.contains(array + " is damaged: it is not valid JSON"), command + ": " + run);
        }
    }
}
