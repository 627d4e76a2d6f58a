package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.Exhaustive;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.Folders;

/**
 * mmstudio's multipage TIFF storage ({@code StorageMultipageTiff}, written by the installation in a
 * child JVM: {@link OmeTiffRun}) continues a file set in {@code <prefix>_MMStack_1.ome.tif}, … when
 * the next image would take a file past 4 GB ({@code MultipageTiffWriter}'s 4 GiB: its offsets are
 * 32 bits), and {@code zarrscope convert} reads the run from all of its files.
 *
 * <p>mmstudio (2.0.3) keeps a time point's z/channel stack in one file when the stack fits in one, so a
 * time lapse changes files between time points; only a stack larger than 4 GB is split inside its
 * axis order. This run is one such stack, 260 z × DAPI, FITC of 2048² uint16 (520 images of 8 MiB,
 * 4.4 GB): the first file fills with about 510 images and the second holds the rest, the boundary
 * falling between two slices and two channels. The test checks, from the files' own index maps
 * (not Zarrscope's reader), that there is more than one file, so it fails if it ever stops reaching
 * a continuation file, and that together they list every image once in the run's order; converts
 * with blosc-lz4 and no pyramid; deletes the source; and compares every plane pixel-exact (by
 * zarrita and by Zarrscope's reader: SHA-256 against the pixels put, generated again plane by plane
 * rather than kept), every frame row with what its image carried, and that the rows of the last
 * image of each file and the first of the next name the file mmstudio put them in.
 *
 * <p>Needs 4.4 GB of disk for the source and, while converting, the output beside it; it holds one
 * plane at a time in memory. About a minute on the 2-core test machine.
 */
@Exhaustive
@ExternalProcess
class AnOmeTiffRunPastFourGigabytesConvertsFromItsContinuationFilesTest {
    /** mmstudio's {@code MultipageTiffWriter.MAX_FILE_SIZE}. */
    private static final long FOUR_GIB = 4L << 30;
    /** For the child JVM that writes 4.4 GB through mmstudio (about 15 s). */
    private static final long WRITE_TIMEOUT_SECONDS = 300;

    @Test
    void everyPlaneAndFrameRowOnBothSidesOfTheFileBoundaryConverts(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.slices = 260;
        shape.channels = new String[] {"DAPI", "FITC"};
        shape.width = 2048;
        shape.height = 2048;
        Path source = OmeTiffRun.written(shape, folder, WRITE_TIMEOUT_SECONDS);

        List<Path> files = OmeTiffRun.files(source);
        assertTrue(files.size() > 1, "mmstudio started no continuation file: " + files);
        long bytes = 0;
        for (int n = 0; n < files.size(); n++) {
            String name = files.get(n).getFileName().toString();
            assertEquals("source_MMStack" + (n == 0 ? "" : "_" + n) + ".ome.tif", name);
            assertTrue(Files.size(files.get(n)) <= FOUR_GIB, name + ": " + Files.size(files.get(n)) + " bytes");
            bytes += Files.size(files.get(n));
        }
        assertTrue(bytes > FOUR_GIB, bytes + " bytes in " + files);

        // each file goes on where the one before ended: together every image once, in the run's order
        List<int[]> images = shape.images();
        Map<FrameCoordinates, String> fileOf = new HashMap<>();
        int[][] lastAndFirst = new int[files.size() - 1][];
        int listed = 0;
        for (int n = 0; n < files.size(); n++) {
            List<OmeTiffRun.Listed> map = OmeTiffRun.indexMap(files.get(n));
            assertFalse(map.isEmpty(), files.get(n) + " lists no image");
            if (n > 0) {
                lastAndFirst[n - 1] = new int[] {listed - 1, listed};
            }
            for (OmeTiffRun.Listed image : map) {
                assertArrayEquals(images.get(listed), image.place(), files.get(n) + ", image " + listed);
                fileOf.put(FrameCoordinates.at(image.p, image.t, image.c, image.z), files.get(n).getFileName()
                        .toString());
                listed++;
            }
        }
        assertEquals(images.size(), listed, "images the index maps list");

        Path output = folder.resolve("out.ome.zarr");
        CommandRun.succeeding("convert", source.toString(), "--out", output.toString(), "--codec", "blosc-lz4",
                "--pyramid", "none", "--no-progress");
        Folders.deleteTree(source);

        AnOmeTiffDatasetConvertsPixelExactTest.checkPlanes(shape, output, "", 0);
        AnOmeTiffDatasetConvertsPixelExactTest.checkFrameRows(shape, output);
        Map<FrameCoordinates, FrameRecord> rows = new HashMap<>();
        for (FrameRecord row : FrameTableReader.read(new FileSystemStore(output))) {
            rows.put(row.frame(), row);
        }
        for (int[] boundary : lastAndFirst) {
            for (int index : boundary) {
                int[] image = images.get(index);
                FrameCoordinates frame = FrameCoordinates.at(image[1], image[0], image[3], image[2]);
                assertEquals(fileOf.get(frame), rows.get(frame).metadata().extra().get("FileName"),
                        "the row of image " + index + " (t, p, z, c " + Arrays.toString(image) + ") names its file");
            }
        }
    }
}
