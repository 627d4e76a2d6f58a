package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.zarr.ZarrJson;

/**
 * {@code zarrscope convert} of datasets written by Micro-Manager's own "separate image files"
 * storage ({@code StorageSinglePlaneTiffSeries} of the installation's {@code MMJ_.jar}, through
 * {@code DataManager.createSinglePlaneTIFFSeriesDatastore}, in a child JVM: {@link OmeTiffRun}): a
 * folder per position, a TIFF per image and a {@code metadata.txt}. Every pixel is read back by
 * Zarrscope's reader and by zarrita, the metadata (channel names, z step, pixel size, position
 * names, each frame's row) is compared with what the images carried, as for OME-TIFF (HCS site
 * names making a plate, RGB as three channels included); a missing and
 * a cut-off image file are named and read 0; {@code --reference} points at 8-bit files and refuses
 * 16-bit ones, which ImageJ's encoder writes big-endian.
 */
@ExternalProcess
class ASeparateImageFilesDatasetConvertsPixelExactTest {
    @Test
    void timeChannelsSlicesAndTwoPositionsKeepTheirPixelsNamesAndFrameRows(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = separate();
        shape.times = 2;
        shape.positions = 2;
        shape.slices = 3;
        shape.channels = new String[] {"DAPI", "FITC"};
        Path source = OmeTiffRun.written(shape, folder);
        assertEquals(2 * 3 * 2, tiffs(source.resolve("Pos-B")).size(), "a file per image, a folder per position");
        Path output = folder.resolve("out.ome.zarr");
        CommandRun.succeeding("convert", source.toString(), "--out", output.toString(), "--no-progress");

        AnOmeTiffDatasetConvertsPixelExactTest.checkPositions(shape, output);
        JsonNode ome = ZarrJson.MAPPER.readTree(output.resolve("0/zarr.json").toFile()).path("attributes").path("ome");
        List<String> names = new ArrayList<>();
        ome.path("omero").path("channels").forEach(channel -> names.add(channel.path("label").asText()));
        assertEquals(List.of("DAPI", "FITC"), names);
        JsonNode scale = ome.path("multiscales").get(0).path("datasets").get(0).path("coordinateTransformations")
                .get(0).path("scale");
        assertEquals(OmeTiffRun.Z_STEP_UM, scale.get(2).asDouble(), "z step, from the summary");
        assertEquals(OmeTiffRun.PIXEL_SIZE_UM, scale.get(3).asDouble(), "pixel size, from the first image");
    }

    @Test
    void aTimeLapseOfUint8ConvertsEveryPixel(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = separate();
        shape.times = 4;
        shape.bytes = 1;
        Path source = OmeTiffRun.written(shape, folder);
        Path output = folder.resolve("out.ome.zarr");
        CommandRun.succeeding("convert", source.toString(), "--out", output.toString(), "--no-progress");
        AnOmeTiffDatasetConvertsPixelExactTest.checkPlanes(shape, output, "", 0);
        AnOmeTiffDatasetConvertsPixelExactTest.checkFrameRows(shape, output);
    }

    @Test
    void hcsSitesTheImagesNameBecomeAPlateWhenTheSummaryListsNoPositions(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = separate();
        shape.times = 2;
        shape.positions = 3;
        shape.channels = new String[] {"GFP"};
        shape.positionNames = new String[] {"A1-Site_0", "A1-Site_1", "B2-Site_0"};
        shape.positionList = false;
        Path source = OmeTiffRun.written(shape, folder);
        Path output = folder.resolve("out.ome.zarr");
        CommandRun.succeeding("convert", source.toString(), "--out", output.toString(), "--no-progress");
        String[] images = {"A/1/0", "A/1/1", "B/2/0"};
        for (int p = 0; p < shape.positions; p++) {
            AnOmeTiffDatasetConvertsPixelExactTest.checkPlanes(shape, output, images[p], p);
        }
        JsonNode plate = ZarrJson.MAPPER.readTree(output.resolve("zarr.json").toFile()).path("attributes").path("ome")
                .path("plate");
        assertEquals(2, plate.path("wells").size(), plate.toString());
        AnOmeTiffDatasetConvertsPixelExactTest.checkFrameRows(shape, output);
    }

    @Test
    void rgbImagesBecomeThreeChannelsRedGreenBlue(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = separate();
        shape.times = 2;
        shape.bytes = 4;
        Path source = OmeTiffRun.written(shape, folder);
        Path output = folder.resolve("out.ome.zarr");
        CommandRun.succeeding("convert", source.toString(), "--out", output.toString(), "--no-progress");
        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("image", output, "0")).get("image")
                .assertReadable();
        assertEquals("uint8", read.dtype());
        for (int t = 0; t < shape.times; t++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(Zarrita.sha256(ByteBuffer.wrap(shape.colour(t, c))), read.plane(t, c, 0),
                        "t=" + t + " channel " + c);
            }
        }
    }

    @Test
    void aMissingAndACutOffImageFileAreNamedAndTheRestConverts(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = separate();
        shape.times = 4;
        shape.channels = new String[] {"DAPI", "Cy5"};
        Path source = OmeTiffRun.written(shape, folder);
        Path position = source.resolve("Pos-A");
        Files.delete(position.resolve("img_channel000_position000_time000000002_z000.tif"));
        Path cut = position.resolve("img_channel001_position000_time000000003_z000.tif");
        try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 10); // the crash cut the last image's pixels short
        }
        Path output = folder.resolve("out.ome.zarr");
        CommandRun converted = CommandRun.zarrscope("convert", source.toString(), "--out", output.toString(),
                "--no-progress");
        assertEquals(3, converted.exitCode, converted.toString());
        String line = converted.err.lines().filter(l -> l.startsWith("zarrscope:")).collect(Collectors.joining("\n"));
        assertTrue(line.contains("2 of its 8 images are missing") && line.contains("t=2 channel DAPI z=0")
                && line.contains("t=3 channel Cy5 z=0") && line.contains("the 6 it holds were converted"),
                converted.toString());

        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("image", output, "0")).get("image")
                .assertReadable();
        int imageBytes = shape.width * shape.height * 2;
        for (int[] image : shape.images()) {
            boolean missing = image[0] == 2 && image[3] == 0 || image[0] == 3 && image[3] == 1;
            assertEquals(missing ? Zarrita.sha256OfZeros(imageBytes)
                    : shape.sha256(image[0], image[1], image[2], image[3]), read.plane(image[0], image[3], image[2]),
                    "t=" + image[0] + " c=" + image[3]);
        }
    }

    @Test
    void aReferencePointsAtUint8FilesInTheirPositionFolders(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = separate();
        shape.times = 2;
        shape.positions = 2;
        shape.channels = new String[] {"DAPI", "Cy5"};
        shape.bytes = 1;
        Path source = OmeTiffRun.written(shape, folder);
        Path reference = folder.resolve("run.ome.zarr.json");
        CommandRun.succeeding("convert", source.toString(), "--reference", "--out", reference.toString(),
                "--no-progress");
        AnOmeTiffReferenceReadsBackPixelExactTest.checkPlanesByZarrita(shape, reference, "uint8", null);
        JsonNode chunk = new ObjectMapper().readTree(reference.toFile()).path("refs").path("1/0/1/1/0/0/0");
        assertEquals("{{source}}/Pos-B/img_channel001_position001_time000000001_z000.tif", chunk.get(0).asText(),
                chunk.toString());
    }

    @Test
    void aReferenceToUint16FilesIsRefusedInOneLine(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = separate();
        Path source = OmeTiffRun.written(shape, folder);
        Path reference = folder.resolve("run.ome.zarr.json");
        CommandRun refused = CommandRun.zarrscope("convert", source.toString(), "--reference", "--out",
                reference.toString(), "--no-progress");
        assertEquals(2, refused.exitCode, refused.toString());
        List<String> lines = refused.err.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertTrue(lines.get(0).contains("is not a little-endian TIFF; --reference needs little-endian pixels"),
                refused.toString());
        assertFalse(refused.err.contains("\tat "), "no stack trace: " + refused);
        assertTrue(Files.notExists(reference), refused.toString());
    }

    private static OmeTiffRun.Shape separate() {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.separateImageFiles = true;
        return shape;
    }

    private static List<Path> tiffs(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".tif")).sorted().collect(Collectors.toList());
        }
    }
}
