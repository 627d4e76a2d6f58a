package org.zarrscope.micromanager.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Convert to OME-Zarr… makes of a window's dataset before any dialog ({@link SourceOnDisk},
 * no Studio needed): a dataset only in memory (no save path) is refused with "save it first", one
 * still being acquired with "when the acquisition has ended"; a saved one converts into
 * {@code <name>.ome.zarr} beside it, or the next free {@code <name>_<N>.ome.zarr}.
 */
class ConvertToOmeZarrNeedsACompleteSavedDatasetTest {
    @Test
    void aDatasetOnlyInMemoryIsToldToBeSavedFirst() {
        for (String savePath : new String[] {null, "", "  "}) {
            SourceOnDisk source = SourceOnDisk.of("Snap/Live View", savePath, true);
            assertFalse(source.saved());
            assertNull(source.folder());
            assertTrue(source.refusal().startsWith("\"Snap/Live View\" is only in memory: save it first"),
                    source.refusal());
        }
    }

    @Test
    void aRunStillAcquiringIsToldToWait(@TempDir Path folder) {
        SourceOnDisk source = SourceOnDisk.of("mda_1", folder.toString(), false);
        assertFalse(source.saved());
        assertTrue(source.refusal().contains("is still being acquired"), source.refusal());
    }

    @Test
    void theNewDatasetGoesBesideTheSourceAndNeverOntoAnEarlierOne(@TempDir Path folder) throws Exception {
        Path saved = Files.createDirectories(folder.resolve("mda_1"));
        SourceOnDisk source = SourceOnDisk.of("mda_1", saved.toString(), true);
        assertTrue(source.saved());
        assertNull(source.refusal());
        assertEquals(saved, source.folder());
        assertEquals(folder.resolve("mda_1.ome.zarr"), source.defaultOutput());
        Files.createDirectories(folder.resolve("mda_1.ome.zarr"));
        assertEquals(folder.resolve("mda_1_1.ome.zarr"), source.defaultOutput());
    }
}
