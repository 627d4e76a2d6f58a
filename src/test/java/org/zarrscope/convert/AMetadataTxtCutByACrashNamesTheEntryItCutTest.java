package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code metadata.txt} of separate image files that a crash cut ({@link MetadataTxt}) keeps its
 * whole entries and names the entry it cut when the cut fell after that entry's key, so the image
 * of a cut {@code Coords-} entry can be named by its file; a cut between entries or inside a key
 * names none. (The conversion of such runs, written by Micro-Manager's own storage:
 * {@code ACrashedSeparateImageFilesRunConvertsWhatItHoldsTest}.)
 */
class AMetadataTxtCutByACrashNamesTheEntryItCutTest {
    private static final String WHOLE = "{\n\"Summary\": {\n  \"Prefix\": \"run\"\n},\n"
            + "\"Coords-Pos-A/a.tif\": {\n  \"FrameIndex\": 0\n},\n"
            + "\"Metadata-Pos-A/a.tif\": {\n  \"Camera\": \"Camera\"\n},\n";

    @Test
    void aCutInsideACoordsEntryNamesIt(@TempDir Path folder) throws Exception {
        MetadataTxt cut = read(folder, WHOLE + "\"Coords-Pos-A/b.tif\": {\n  \"FrameIn");
        assertEquals("Coords-Pos-A/b.tif", cut.cutEntry());
        assertEquals(List.of("Summary", "Coords-Pos-A/a.tif", "Metadata-Pos-A/a.tif"), List.copyOf(cut.keys()));
    }

    @Test
    void aCutRightAfterAKeysColonNamesItsEntry(@TempDir Path folder) throws Exception {
        assertEquals("Coords-Pos-A/b.tif", read(folder, WHOLE + "\"Coords-Pos-A/b.tif\":").cutEntry());
    }

    @Test
    void aCutBetweenEntriesOrInsideAKeyNamesNone(@TempDir Path folder) throws Exception {
        for (String text : new String[] {WHOLE, WHOLE + "\"Coords-Pos-A/b", WHOLE.substring(0, WHOLE.length() - 2)}) {
            MetadataTxt cut = read(folder, text);
            assertNull(cut.cutEntry(), text);
            assertEquals(3, cut.keys().size(), text);
        }
    }

    private static MetadataTxt read(Path folder, String text) throws Exception {
        Path file = folder.resolve(SinglePlaneTiffSource.METADATA);
        Files.writeString(file, text);
        return MetadataTxt.read(file);
    }
}
