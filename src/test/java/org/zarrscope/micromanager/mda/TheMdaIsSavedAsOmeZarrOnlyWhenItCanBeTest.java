package org.zarrscope.micromanager.mda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a Multi-D Acquisition starts, the plugin saves it as OME-Zarr under Micro-Manager's run
 * name, or leaves it alone and tells the user why: it never takes over a run Micro-Manager
 * already writes to disk.
 */
class TheMdaIsSavedAsOmeZarrOnlyWhenItCanBeTest {
    @Test
    void anEnabledPluginSavesTheRunUnderMicroManagersNextRunName(@TempDir Path root) throws Exception {
        Files.createDirectory(root.resolve("cells_1"));          // a TIFF run of Micro-Manager's
        Files.createDirectory(root.resolve("cells_2.ome.zarr")); // an earlier OME-Zarr run
        MdaSavePlan plan = MdaSavePlan.forRun(true, false, root.toString(), "cells");
        assertTrue(plan.saves());
        assertEquals(root.resolve("cells_3.ome.zarr"), plan.output());
        assertNull(plan.message());
    }

    @Test
    void whenMicroManagersOwnSavingIsOnTheRunIsLeftAloneAndTheUserToldHowToSaveOmeZarr(@TempDir Path root)
            throws Exception {
        MdaSavePlan plan = MdaSavePlan.forRun(true, true, root.toString(), "cells");
        assertFalse(plan.saves());
        assertNull(plan.output());
        assertTrue(plan.message().contains("\"Save images\""), plan.message());
        assertTrue(plan.message().contains("off"), plan.message());
    }

    @Test
    void withoutARootFolderTheRunIsNotSavedAndTheUserToldWhy() throws Exception {
        MdaSavePlan plan = MdaSavePlan.forRun(true, false, "  ", "cells");
        assertFalse(plan.saves());
        assertTrue(plan.message().contains("root folder"), plan.message());
    }

    @Test
    void aDisabledPluginDoesNothingAndSaysNothing(@TempDir Path root) throws Exception {
        MdaSavePlan plan = MdaSavePlan.forRun(false, false, root.toString(), "cells");
        assertFalse(plan.saves());
        assertNull(plan.message());
    }

    @Test
    void aRunWithoutANameIsNumberedAsMicroManagerNumbersIt(@TempDir Path root) throws Exception {
        assertEquals(root.resolve("_1.ome.zarr"), MdaSavePlan.forRun(true, false, root.toString(), null).output());
    }
}
