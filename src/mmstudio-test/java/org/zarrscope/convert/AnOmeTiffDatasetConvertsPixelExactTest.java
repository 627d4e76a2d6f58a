package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.zarr.ZarrJson;
import org.zarrscope.zarr.ZarrReader;

/**
 * {@code zarrscope convert} of OME-TIFF datasets written by Micro-Manager's own multipage TIFF
 * storage ({@code StorageMultipageTiff} of the installation's {@code MMJ_.jar}, through
 * {@code DataManager.createMultipageTIFFDatastore}, in a child JVM: {@link OmeTiffRun}): every pixel
 * is read back by Zarrscope's reader and by zarrita and compared with what was put, and the
 * metadata (channel names, z step, pixel size, position names, each frame's time, exposure and stage
 * position in the frame table) with what the images carried.
 */
@ExternalProcess
class AnOmeTiffDatasetConvertsPixelExactTest {
    @Test
    void aTimeLapseOfUint8ConvertsEveryPixel(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 5;
        shape.bytes = 1;
        Path output = convert(shape, folder);
        checkPlanes(shape, output, "", 0);
    }

    @Test
    void timeChannelsAndSlicesOfUint16KeepTheirNamesScalesAndFrameRows(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 3;
        shape.slices = 4;
        shape.channels = new String[] {"DAPI", "FITC"};
        Path output = convert(shape, folder);
        checkPlanes(shape, output, "", 0);

        JsonNode ome = ZarrJson.MAPPER.readTree(output.resolve("zarr.json").toFile()).path("attributes").path("ome");
        List<String> names = new ArrayList<>();
        ome.path("omero").path("channels").forEach(channel -> names.add(channel.path("label").asText()));
        assertEquals(List.of("DAPI", "FITC"), names);
        JsonNode scale = ome.path("multiscales").get(0).path("datasets").get(0).path("coordinateTransformations")
                .get(0).path("scale");
        assertEquals(OmeTiffRun.Z_STEP_UM, scale.get(2).asDouble(), "z step, from the summary");
        assertEquals(OmeTiffRun.PIXEL_SIZE_UM, scale.get(3).asDouble(), "pixel size, from the first image");
        assertEquals(OmeTiffRun.PIXEL_SIZE_UM, scale.get(4).asDouble(), "pixel size, from the first image");
        checkFrameRows(shape, output);
    }

    @Test
    void positionsInOneFileBecomeNamedImagesWithEveryFrame(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 2;
        shape.positions = 3;
        shape.slices = 2;
        shape.channels = new String[] {"GFP"};
        Path output = convert(shape, folder);
        try (Stream<Path> files = Files.list(folder.resolve("source"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".ome.tif")).count(), "single image file");
        }
        checkPositions(shape, output);
    }

    @Test
    void positionsInSeparateFilesBecomeNamedImagesWithEveryFrame(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 2;
        shape.positions = 2;
        shape.channels = new String[] {"DAPI", "Cy5"};
        shape.split = true;
        Path source = OmeTiffRun.written(shape, folder);
        List<Path> files = OmeTiffRun.files(source);
        assertEquals(2, files.size(), "one file per position: " + files);
        // one of the files names the whole dataset
        Path output = folder.resolve("out.ome.zarr");
        CommandRun.succeeding("convert", files.get(1).toString(), "--out", output.toString(), "--no-progress");
        checkPositions(shape, output);
    }

    @Test
    void hcsSitesTheImagesNameBecomeAPlateWhenTheSummaryListsNoPositions(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 2;
        shape.positions = 3;
        shape.channels = new String[] {"GFP"};
        shape.positionNames = new String[] {"A1-Site_0", "A1-Site_1", "B2-Site_0"};
        shape.positionList = false;
        Path output = convert(shape, folder);
        String[] images = {"A/1/0", "A/1/1", "B/2/0"};
        for (int p = 0; p < shape.positions; p++) {
            checkPlanes(shape, output, images[p], p);
        }
        JsonNode plate = ZarrJson.MAPPER.readTree(output.resolve("zarr.json").toFile()).path("attributes").path("ome")
                .path("plate");
        assertEquals(2, plate.path("wells").size(), plate.toString());
        checkFrameRows(shape, output);
    }

    @Test
    void aSourceCutShortConvertsWhatItHoldsAndNamesWhatIsMissing(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 4;
        shape.channels = new String[] {"DAPI", "Cy5"};
        Path source = OmeTiffRun.written(shape, folder);
        OmeTiffRun.cutShort(source);
        Path output = folder.resolve("out.ome.zarr");
        CommandRun converted = CommandRun.zarrscope("convert", source.toString(), "--out", output.toString(),
                "--no-progress");
        assertEquals(3, converted.exitCode, converted.toString());
        String line = converted.err.lines().filter(l -> l.startsWith("zarrscope:")).collect(Collectors.joining("\n"));
        assertTrue(line.contains("1 of its 8 images are missing") && line.contains("t=3 channel Cy5 z=0")
                && line.contains("the 7 it holds were converted"), converted.toString());

        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("image", output, "0")).get("image")
                .assertReadable();
        int imageBytes = shape.width * shape.height * 2;
        for (int[] image : shape.images()) {
            boolean cut = image[0] == 3 && image[3] == 1;
            assertEquals(cut ? Zarrita.sha256OfZeros(imageBytes) : shape.sha256(image[0], image[1], image[2], image[3]),
                    read.plane(image[0], image[3], image[2]), "t=" + image[0] + " c=" + image[3]);
        }
    }

    @Test
    void rgbImagesBecomeThreeChannelsRedGreenBlue(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 2;
        shape.bytes = 4;
        Path output = convert(shape, folder);
        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("image", output, "0")).get("image")
                .assertReadable();
        assertArrayEquals(new int[] {2, 3, 1, shape.height, shape.width}, read.shape());
        assertEquals("uint8", read.dtype());
        for (int t = 0; t < shape.times; t++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(Zarrita.sha256(ByteBuffer.wrap(shape.colour(t, c))), read.plane(t, c, 0),
                        "t=" + t + " channel " + c);
            }
        }
    }

    private static Path convert(OmeTiffRun.Shape shape, Path folder) throws Exception {
        Path source = OmeTiffRun.written(shape, folder);
        Path output = folder.resolve("out.ome.zarr");
        CommandRun.succeeding("convert", source.toString(), "--out", output.toString(), "--no-progress");
        return output;
    }


    /**
     * Every position is an image named as in the position list, with all its planes and frame rows
     * (also for the "separate image files" conversion tests).
     */
    static void checkPositions(OmeTiffRun.Shape shape, Path output) throws Exception {
        for (int p = 0; p < shape.positions; p++) {
            checkPlanes(shape, output, String.valueOf(p), p);
            JsonNode multiscales = ZarrJson.MAPPER.readTree(output.resolve(p + "/zarr.json").toFile())
                    .path("attributes").path("ome").path("multiscales");
            assertEquals(shape.positionName(p), multiscales.get(0).path("name").asText(), "position " + p);
        }
        checkFrameRows(shape, output);
    }

    /**
     * Each plane of one position, by Zarrscope's reader and by zarrita, against the pixels put.
     * zarrita reads in Node while Zarrscope's reader reads here (for 2048² planes each takes tens of
     * seconds); the expected hashes are computed once, a plane at a time.
     */
    static void checkPlanes(OmeTiffRun.Shape shape, Path output, String image, int position)
            throws Exception {
        Path dataset = image.isEmpty() ? output : output.resolve(image);
        ExecutorService node = Executors.newSingleThreadExecutor();
        try {
            Future<Zarrita.Dataset> byZarrita = node.submit(
                    () -> Zarrita.read(new Zarrita.Request().add("image", dataset, "0")).get("image"));
            ZarrReader reader = ZarrReader.open(new FileSystemStore(dataset), "0");
            int[] shapeExpected = {shape.times, shape.channelCount(), shape.slices, shape.height, shape.width};
            assertArrayEquals(shapeExpected, reader.shape());
            Map<int[], String> expected = new LinkedHashMap<>();
            for (int[] each : shape.images()) {
                if (each[1] != position) {
                    continue;
                }
                String sha256 = shape.sha256(each[0], position, each[2], each[3]);
                expected.put(each, sha256);
                assertEquals(sha256, Zarrita.sha256(reader.readPlane(each[0], each[3], each[2])),
                        "Zarrscope's reader, " + at(each));
            }
            Zarrita.Dataset read = outcome(byZarrita).assertReadable();
            assertArrayEquals(shapeExpected, read.shape());
            expected.forEach((each, sha256) -> assertEquals(sha256, read.plane(each[0], each[3], each[2]),
                    "zarrita, " + at(each)));
        } finally {
            node.shutdownNow();
        }
    }

    private static String at(int[] image) {
        return "p=" + image[1] + " t=" + image[0] + " c=" + image[3] + " z=" + image[2];
    }

    /** What the task returned, or what it threw. */
    private static <T> T outcome(Future<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** Every image has its row, with the time stamp, exposure and stage position its metadata held. */
    static void checkFrameRows(OmeTiffRun.Shape shape, Path output) throws Exception {
        Map<FrameCoordinates, FrameRecord> rows = new HashMap<>();
        for (FrameRecord row : FrameTableReader.read(new FileSystemStore(output))) {
            rows.put(row.frame(), row);
        }
        assertEquals(shape.images().size(), rows.size());
        for (int[] image : shape.images()) {
            int t = image[0];
            int p = image[1];
            int z = image[2];
            int c = image[3];
            FrameMetadata row = rows.get(FrameCoordinates.at(p, t, c, z)).metadata();
            String at = "p=" + p + " t=" + t + " c=" + c + " z=" + z;
            assertEquals(OmeTiffRun.Shape.elapsedMs(t, p, z, c), row.elapsedMs(), at);
            assertEquals(OmeTiffRun.Shape.exposureMs(c), row.exposureMs(), at);
            assertEquals(OmeTiffRun.Shape.xUm(p), row.stageXUm(), at);
            assertEquals(OmeTiffRun.Shape.yUm(p), row.stageYUm(), at);
            assertEquals(OmeTiffRun.Shape.zUm(z), row.stageZUm(), at);
            assertEquals("Camera", row.camera(), at);
            assertEquals(OmeTiffRun.Shape.gain(c), row.extra().get("ScopeData/" + OmeTiffRun.GAIN), at);
            assertEquals("Ada", row.extra().get("UserData/" + OmeTiffRun.OPERATOR), at);
            assertTrue(row.extra().keySet().stream().noneMatch(key -> key.endsWith("Index")),
                    "the image's coordinates are its place, not tags of its row: " + row.extra());
        }
    }
}
