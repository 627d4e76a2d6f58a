package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;

/**
 * {@code zarrscope convert} tells an NDTiff source, a Micro-Manager OME-TIFF one and a Micro-Manager
 * "separate image files" one apart by their files, and a path that is none is refused (exit 2) with
 * one line saying what was looked for; nothing is written. (Real sources of each kind:
 * {@code AnNdTiffDatasetConvertsPixelExactTest}, and with a Micro-Manager installation
 * {@code AnOmeTiffDatasetConvertsPixelExactTest} and {@code ASeparateImageFilesDatasetConvertsPixelExactTest}.)
 */
class ASourceIsToldByItsFilesTest {
    @Test
    void aFolderWithNoIndexOmeTiffOrMetadataTxtSaysWhatWasLookedFor(@TempDir Path folder) throws Exception {
        Path source = Files.createDirectories(folder.resolve("empty"));
        Files.writeString(source.resolve("notes.txt"), "not a dataset");
        CommandRun run = refused(source, folder);
        assertTrue(run.err.contains("is not an NDTiff dataset (a folder holding NDTiff.index), a "
                + "Micro-Manager OME-TIFF dataset (a folder of *_MMStack*.ome.tif files, or one of them) nor a "
                + "Micro-Manager \"separate image files\" dataset (a folder whose position folders, or itself, hold "
                + "metadata.txt)"), run.toString());
    }

    @Test
    void separateImageFilesWhoseMetadataTxtIsNotJsonAreRefusedInOneLine(@TempDir Path folder) throws Exception {
        Path position = Files.createDirectories(folder.resolve("separate").resolve("Pos-A"));
        String garbledInside = "{\n\"Summary\": {\n  \"Prefix\": \"run\"\n},\noops,\n\"Coords-a.tif\": {}";
        for (String text : new String[] {"Summary: run, not JSON\n", garbledInside}) {
            Files.writeString(position.resolve("metadata.txt"), text);
            CommandRun run = refused(folder.resolve("separate"), folder);
            assertTrue(run.err.contains("metadata.txt: its content is not JSON"), run.toString());
            assertFalse(run.err.contains("\tat "), "no stack trace: " + run);
        }
    }

    @Test
    void separateImageFilesWhoseCrashLeftOnlyTheSummaryAreRefused(@TempDir Path folder) throws Exception {
        Path position = Files.createDirectories(folder.resolve("separate").resolve("Pos-A"));
        Files.writeString(position.resolve("metadata.txt"), "{\n\"Summary\": {\n  \"Prefix\": \"run\"\n},\n");
        CommandRun run = refused(folder.resolve("separate"), folder);
        assertTrue(run.err.contains("holds no complete image (0 listed"), run.toString());
    }

    @Test
    void aPathThatDoesNotExistIsNamed(@TempDir Path folder) throws Exception {
        CommandRun run = refused(folder.resolve("gone"), folder);
        assertTrue(run.err.contains("gone does not exist"), run.toString());
    }

    @Test
    void anOmeTiffThatMicroManagerDidNotWriteIsRefused(@TempDir Path folder) throws Exception {
        Path source = Files.createDirectories(folder.resolve("other"));
        // a little-endian TIFF header and nothing of mmstudio's (no summary at byte 32)
        byte[] tiff = new byte[64];
        tiff[0] = 'I';
        tiff[1] = 'I';
        tiff[2] = 42;
        tiff[4] = 8;
        Files.write(source.resolve("image.ome.tif"), tiff);
        CommandRun run = refused(source, folder);
        assertTrue(run.err.contains("image.ome.tif is an OME-TIFF file but not one Micro-Manager's multipage TIFF "
                + "storage wrote"), run.toString());
        run = refused(source.resolve("image.ome.tif"), folder);
        assertTrue(run.err.contains("not one Micro-Manager's multipage TIFF storage wrote"), run.toString());
    }

    @Test
    void aFolderHoldingTwoDatasetsAsksForOneOfTheirFiles(@TempDir Path folder) throws Exception {
        Path source = Files.createDirectories(folder.resolve("two"));
        Files.write(source.resolve("a_1_MMStack_Pos0.ome.tif"), new byte[64]);
        Files.write(source.resolve("b_1_MMStack_Pos0.ome.tif"), new byte[64]);
        CommandRun run = refused(source, folder);
        assertTrue(run.err.contains("holds the OME-TIFF files of 2 datasets (a_1, b_1); give one of their files"),
                run.toString());
    }

    private static CommandRun refused(Path source, Path folder) {
        Path output = folder.resolve("out.ome.zarr");
        CommandRun run = CommandRun.zarrscope("convert", source.toString(), "--out", output.toString(),
                "--no-progress");
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(Files.notExists(output), "nothing is written: " + run);
        return run;
    }
}
