package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.testing.NdTiffRuns.HEIGHT;
import static org.zarrscope.testing.NdTiffRuns.WIDTH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.metadata.FrameRecord;
import org.zarrscope.metadata.FrameTableReader;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.NdTiffRuns.Image;
import org.zarrscope.testing.NdTiffRuns.Run;
import org.zarrscope.testing.Zarrita;

/**
 * {@code zarrscope convert} of NDTiff datasets written by NDTiffStorage's own writer, as AcqEngJ
 * and pycro-manager write them (a summary, and AcqEngJ's JSON tags with every image): every pixel
 * is read back by zarrita and compared, and the metadata (channel names, z step, pixel size, each
 * frame's time and stage position) with what the source holds.
 */
@ExternalProcess
class AnNdTiffDatasetConvertsPixelExactTest {
    @Test
    void aTimeLapseOfUint8ConvertsEveryPixel(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 5;
        run.eightBit = true;
        Path output = convert(run, folder);
        checkPlanes(run, output, "", 0);
    }

    @Test
    void timeChannelsAndSlicesOfUint16KeepTheirNamesScalesAndFrameRows(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 3;
        run.slices = 4;
        run.channels = new String[] {"DAPI", "FITC"};
        Path output = convert(run, folder);
        checkPlanes(run, output, "", 0);

        JsonNode ome = new ObjectMapper().readTree(output.resolve("zarr.json").toFile()).path("attributes").path("ome");
        List<String> names = new ArrayList<>();
        ome.path("omero").path("channels").forEach(channel -> names.add(channel.path("label").asText()));
        assertEquals(List.of("DAPI", "FITC"), names);
        JsonNode scale = ome.path("multiscales").get(0).path("datasets").get(0).path("coordinateTransformations").get(0)
                .path("scale");
        assertEquals(0.5, scale.get(2).asDouble(), "z step");
        assertEquals(0.65, scale.get(3).asDouble(), "pixel size");
        assertEquals(0.65, scale.get(4).asDouble(), "pixel size");

        checkFrameRows(run, output, 0);
    }

    @Test
    void rgbImagesBecomeThreeChannelsRedGreenBlue(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 2;
        run.rgb = true;
        Path output = convert(run, folder);
        Zarrita.Dataset read = Zarrita.read(new Zarrita.Request().add("image", output, "0")).get("image")
                .assertReadable();
        assertArrayEquals(new int[] {2, 3, 1, HEIGHT, WIDTH}, read.shape());
        assertEquals("uint8", read.dtype());
        for (Image image : run.images()) {
            byte[] bgra = (byte[]) run.pixels(image); // as NDTiffStorage is handed them: B, G, R, A
            int[] sampleOfChannel = {2, 1, 0};
            for (int c = 0; c < 3; c++) {
                byte[] plane = new byte[WIDTH * HEIGHT];
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = bgra[i * 4 + sampleOfChannel[c]];
                }
                assertEquals(Zarrita.sha256(java.nio.ByteBuffer.wrap(plane)), read.plane(image.t, c, 0),
                        "t=" + image.t + " channel " + c);
            }
        }
    }

    @Test
    void hcsSitesBecomeAPlateWithEveryPositionsFrames(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 2;
        run.channels = new String[] {"GFP"};
        run.positions = new String[] {"A1-Site_0", "A1-Site_1", "B2-Site_0"};
        Path output = convert(run, folder);
        checkPlanes(run, output, "A/1/0", 0);
        checkPlanes(run, output, "A/1/1", 1);
        checkPlanes(run, output, "B/2/0", 2);
        JsonNode plate = new ObjectMapper().readTree(output.resolve("zarr.json").toFile()).path("attributes")
                .path("ome").path("plate");
        assertEquals(2, plate.path("wells").size(), plate.toString());
        checkFrameRows(run, output, 3);
    }

    @Test
    void aSourceCutShortConvertsWhatItHoldsAndNamesWhatIsMissing(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 4;
        run.channels = new String[] {"DAPI", "Cy5"};
        Path source = run.write(folder.resolve("source"));
        Path last;
        try (Stream<Path> files = Files.list(source)) {
            last = files.filter(f -> f.toString().endsWith(".tif")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        long size = Files.size(last);
        int imageBytes = WIDTH * HEIGHT * 2;
        try (FileChannel file = FileChannel.open(last, StandardOpenOption.WRITE)) {
            file.truncate(size - imageBytes); // the crash took the last image's pixels and metadata
        }
        Path output = folder.resolve("out.ome.zarr");
        CommandRun converted = CommandRun.zarrscope("convert", source.toString(), "--out", output.toString(),
                "--no-progress");
        assertEquals(3, converted.exitCode, converted.toString());
        String line = converted.err.lines().filter(l -> l.startsWith("zarrscope:")).collect(Collectors.joining("\n"));
        assertTrue(line.contains("1 of its 8 images are missing") && line.contains("t=3 channel Cy5 z=0")
                && line.contains("the 7 it holds were converted"), converted.toString());

        Zarrita.Request request = new Zarrita.Request();
        request.add("image", output, "0");
        Zarrita.Dataset read = Zarrita.read(request).get("image").assertReadable();
        for (Image image : run.images()) {
            boolean cut = image.t == 3 && image.c == 1;
            assertEquals(cut ? Zarrita.sha256OfZeros(imageBytes) : run.sha256(image), read.plane(image.t, image.c, 0),
                    "t=" + image.t + " c=" + image.c);
        }
    }

    private static Path convert(Run run, Path folder) throws Exception {
        Path source = run.write(folder.resolve("source"));
        Path output = folder.resolve("out.ome.zarr");
        CommandRun.succeeding("convert", source.toString(), "--out", output.toString(), "--no-progress");
        return output;
    }

    private static void checkPlanes(Run run, Path output, String image, int position) throws Exception {
        Zarrita.Request request = new Zarrita.Request();
        request.add("image", image.isEmpty() ? output : output.resolve(image), "0");
        Zarrita.Dataset read = Zarrita.read(request).get("image").assertReadable();
        assertArrayEquals(new int[] {run.times, Math.max(1, run.channels.length), run.slices, HEIGHT, WIDTH},
                read.shape());
        for (Image each : run.images()) {
            if (each.p == position) {
                assertEquals(run.sha256(each), read.plane(each.t, each.c, each.z),
                        "p=" + each.p + " t=" + each.t + " c=" + each.c + " z=" + each.z);
            }
        }
    }

    /** Every image has its row, with the time stamp and stage position its tags held. */
    private static void checkFrameRows(Run run, Path output, int positions) throws Exception {
        Map<FrameCoordinates, FrameRecord> rows = new HashMap<>();
        for (FrameRecord row : FrameTableReader.read(new FileSystemStore(output))) {
            rows.put(row.frame(), row);
        }
        assertEquals(run.images().size(), rows.size());
        for (Image image : run.images()) {
            FrameRecord row = rows.get(FrameCoordinates.at(image.p, image.t, image.c, image.z));
            String at = "p=" + image.p + " t=" + image.t + " c=" + image.c + " z=" + image.z;
            assertEquals(run.elapsedMs(image), row.metadata().elapsedMs(), at);
            assertEquals(12.5, row.metadata().exposureMs(), at);
            assertEquals(run.xUm(image), row.metadata().stageXUm(), at);
            assertEquals(-20.0, row.metadata().stageYUm(), at);
            assertEquals(run.zUm(image), row.metadata().stageZUm(), at);
        }
    }
}
