package org.zarrscope.micromanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micro-Manager's unique-name rule: prefix_N with N one above the highest number already used. */
class RunsAreNamedAsMicroManagerNamesThemTest {
    @Test
    void theFirstRunIsNumberOne(@TempDir Path root) throws IOException {
        assertEquals(root.resolve("cells_1.ome.zarr"), UniqueName.next(root, "cells"));
        assertEquals(root.resolve("missing").resolve("cells_1.ome.zarr"),
                UniqueName.next(root.resolve("missing"), "cells"), "a root that does not exist yet is empty");
    }

    @Test
    void theNextNumberFollowsTheHighestOfAnyKind(@TempDir Path root) throws IOException {
        Files.createDirectory(root.resolve("cells_1"));            // a TIFF run of Micro-Manager
        Files.createDirectory(root.resolve("cells_7.ome.zarr"));
        Files.createFile(root.resolve("cells_3.ome.tif"));
        Files.createDirectory(root.resolve("CELLS_9"));             // acquisition PCs ignore case
        Files.createDirectory(root.resolve("cells_x"));             // no number
        Files.createDirectory(root.resolve("cellsfoo_20"));         // another prefix
        Files.createDirectory(root.resolve("other_40"));
        assertEquals(root.resolve("cells_10.ome.zarr"), UniqueName.next(root, "cells"));
    }

    @Test
    void aPrefixWithRegexCharactersIsTakenLiterally(@TempDir Path root) throws IOException {
        Files.createDirectory(root.resolve("a.b_4"));
        Files.createDirectory(root.resolve("axb_8"));
        assertEquals(root.resolve("a.b_5.ome.zarr"), UniqueName.next(root, "a.b"));
    }

    @Test
    void aNumberLeavingNoHigherOneIsRefused(@TempDir Path root) throws IOException {
        Files.createDirectory(root.resolve("cells_99999999999"));
        IOException full = assertThrows(IOException.class, () -> UniqueName.next(root, "cells"));
        assertTrue(full.getMessage().contains("99999999999"), full.getMessage());
    }
}
