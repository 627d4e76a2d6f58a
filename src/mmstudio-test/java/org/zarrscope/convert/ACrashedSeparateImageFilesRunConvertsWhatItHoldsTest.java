package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.Zarrita;

/**
 * {@code zarrscope convert} of a "separate image files" run that crashed, written by the
 * installation's own {@code StorageSinglePlaneTiffSeries} ({@link OmeTiffRun}) and then left as a
 * crash leaves it: {@code metadata.txt} without its closing <code>}</code> (mmstudio writes it only
 * when the run ends), also cut in the middle of its last entry or of its last {@code Coords-} entry,
 * or with the last image's file never written. Every whole entry is kept: each image present
 * converts pixel-exact with its frame row; an image whose {@code Metadata-} entry or file is lost
 * is named (exit 3) and reads 0; one whose {@code Coords-} entry is cut off is named by its file,
 * its place being unknown (the summary's intended dimensions still name that place missing; without
 * them, that image alone makes the conversion end incomplete).
 */
@ExternalProcess
class ACrashedSeparateImageFilesRunConvertsWhatItHoldsTest {
    private static final String LAST = "img_channel001_position000_time000000002_z000.tif";
    private static final String CLOSING = "\n}\n";

    @Test
    void aMetadataTxtLeftUnclosedConvertsEveryImage(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = shape();
        Path source = OmeTiffRun.written(shape, folder);
        unclose(source);
        Path output = folder.resolve("out.ome.zarr");
        CommandRun.succeeding("convert", source.toString(), "--out", output.toString(), "--no-progress");
        AnOmeTiffDatasetConvertsPixelExactTest.checkPlanes(shape, output, "", 0);
        AnOmeTiffDatasetConvertsPixelExactTest.checkFrameRows(shape, output);
    }

    @Test
    void anEntryCutMidWayLosesItsImageAndKeepsTheRest(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = shape();
        Path source = OmeTiffRun.written(shape, folder);
        String text = unclose(source);
        int lastEntry = text.lastIndexOf("\"Metadata-");
        assertTrue(text.startsWith("\"Metadata-Pos-A/" + LAST + "\"", lastEntry), "the last entry is the last "
                + "image's Metadata-: " + text.substring(lastEntry, Math.min(text.length(), lastEntry + 80)));
        Files.writeString(metadataTxt(source), text.substring(0, (lastEntry + text.length()) / 2));
        checkTheLastImageMissing(shape, source, folder);
    }

    @Test
    void aCoordsEntryCutMidWayNamesItsImageByFile(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = shape();
        Path source = OmeTiffRun.written(shape, folder);
        String text = unclose(source);
        int insideItsFrameKey = afterLastCoordsKey(text, LAST) + " {\n  \"Fra".length();
        Files.writeString(metadataTxt(source), text.substring(0, insideItsFrameKey));
        assertTheLastImageUnplaced(checkTheLastImageMissing(shape, source, folder), LAST);
    }

    @Test
    void aCutRightAfterACoordsKeyNamesItsImageByFile(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = shape();
        Path source = OmeTiffRun.written(shape, folder);
        String text = unclose(source);
        Files.writeString(metadataTxt(source), text.substring(0, afterLastCoordsKey(text, LAST)));
        assertTheLastImageUnplaced(checkTheLastImageMissing(shape, source, folder), LAST);
    }

    @Test
    void aCutCoordsEntryBeyondAnyDeclaredPlaceStillEndsIncomplete(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.separateImageFiles = true;
        shape.times = 3;
        shape.intendedDimensions = false; // the images alone tell the run's extent: t=2 only the cut one
        Path source = OmeTiffRun.written(shape, folder);
        String text = unclose(source);
        String last = "img_channel000_position000_time000000002_z000.tif";
        Files.writeString(metadataTxt(source), text.substring(0, afterLastCoordsKey(text, last) + " {".length()));
        Path output = folder.resolve("out.ome.zarr");
        CommandRun converted = CommandRun.zarrscope("convert", source.toString(), "--out", output.toString(),
                "--no-progress");
        assertEquals(3, converted.exitCode, converted.toString());
        assertTheLastImageUnplaced(converted.err, last);
        assertTrue(converted.err.contains("was cut off); the 2 it holds were converted")
                && !converted.err.contains("missing"), "no place is missing: " + converted);
        shape.times = 2;
        AnOmeTiffDatasetConvertsPixelExactTest.checkPlanes(shape, output, "", 0);
        AnOmeTiffDatasetConvertsPixelExactTest.checkFrameRows(shape, output);
    }

    @Test
    void theLastImageFileNeverWrittenIsNamedAndTheRestConverts(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = shape();
        Path source = OmeTiffRun.written(shape, folder);
        unclose(source);
        Files.delete(source.resolve("Pos-A").resolve(LAST));
        checkTheLastImageMissing(shape, source, folder);
    }

    private static OmeTiffRun.Shape shape() {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.separateImageFiles = true;
        shape.times = 3;
        shape.channels = new String[] {"DAPI", "Cy5"};
        return shape;
    }

    private static Path metadataTxt(Path source) {
        return source.resolve("Pos-A").resolve(SinglePlaneTiffSource.METADATA);
    }

    /** Where the last {@code Coords-} key of {@code text}, image {@code file}'s, ends: after its colon. */
    private static int afterLastCoordsKey(String text, String file) {
        String key = "\"Coords-Pos-A/" + file + "\":";
        int at = text.lastIndexOf("\"Coords-");
        assertTrue(text.startsWith(key, at), "the last Coords- entry is the last image's: "
                + text.substring(at, Math.min(text.length(), at + 80)));
        return at + key.length();
    }

    private static void assertTheLastImageUnplaced(String message, String file) {
        assertTrue(message.contains("1 of the images it lists could not be placed nor converted (Pos-A/" + file
                + ", whose Coords- entry in Pos-A/metadata.txt was cut off)"), message);
    }

    /** Removes the closing mmstudio writes when the run ends; the text left. */
    private static String unclose(Path source) throws Exception {
        String text = Files.readString(metadataTxt(source));
        assertTrue(text.endsWith(CLOSING), "mmstudio closed the object at the end of the run");
        String unclosed = text.substring(0, text.length() - CLOSING.length());
        Files.writeString(metadataTxt(source), unclosed);
        return unclosed;
    }

    /** Converts {@code source}, checks the last image named missing and the rest exact; the message line. */
    private static String checkTheLastImageMissing(OmeTiffRun.Shape shape, Path source, Path folder)
            throws Exception {
        Path output = folder.resolve("out.ome.zarr");
        CommandRun converted = CommandRun.zarrscope("convert", source.toString(), "--out", output.toString(),
                "--no-progress");
        assertEquals(3, converted.exitCode, converted.toString());
        String line = converted.err.lines().filter(l -> l.startsWith("zarrscope:")).collect(Collectors.joining("\n"));
        assertTrue(line.contains("1 of its 6 images are missing (t=2 channel Cy5 z=0)")
                && line.contains("the 5 it holds were converted"), converted.toString());

        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("image", output, "0")).get("image")
                .assertReadable();
        Set<FrameCoordinates> present = new HashSet<>();
        for (int[] image : shape.images()) {
            boolean missing = image[0] == 2 && image[3] == 1;
            assertEquals(missing ? Zarrita.sha256OfZeros(shape.width * shape.height * 2)
                    : shape.sha256(image[0], image[1], image[2], image[3]), read.plane(image[0], image[3], image[2]),
                    "t=" + image[0] + " c=" + image[3]);
            if (!missing) {
                present.add(FrameCoordinates.at(image[1], image[0], image[3], image[2]));
            }
        }
        Set<FrameCoordinates> rows = new HashSet<>();
        for (FrameRecord row : FrameTableReader.read(new FileSystemStore(output))) {
            rows.add(row.frame());
        }
        assertEquals(present, rows, "a frame row per image present");
        return line;
    }
}
