package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.testing.NdTiffRuns.HEIGHT;
import static org.zarrscope.testing.NdTiffRuns.WIDTH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.NdTiffRuns.Image;
import org.zarrscope.testing.NdTiffRuns.Run;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.testing.ZarrscopeChild;

/**
 * {@code zarrscope convert --reference}: a kerchunk reference file whose chunks point at the
 * NDTiff source's own pixel bytes reads back pixel-exact through zarrita's {@code ReferenceStore}
 * and through Python's fsspec {@code ReferenceFileSystem} with zarr-python, every position of a
 * multi-position source included, and holds documents only, no pixels.
 */
@ExternalProcess
class AReferenceDatasetReadsBackPixelExactTest {

    @Test
    void everyPlaneReadsBackThroughZarritasReferenceStoreAndFsspec(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 3;
        run.slices = 2;
        run.channels = new String[] {"DAPI", "FITC"};
        // a space in the source's path: the template is a file:// URL that fsspec and zarrita both resolve
        Path source = run.write(folder.resolve("source run"));
        Path reference = folder.resolve("run.ome.zarr.json");
        CommandRun.succeeding("convert", source.toString(), "--reference", "--out", reference.toString(),
                "--no-progress");

        Zarrita.Dataset read = Zarrita.readReferences(new Zarrita.Request().add("r", reference, "0")).get("r")
                .assertReadable();
        assertArrayEquals(new int[] {3, 2, 2, HEIGHT, WIDTH}, read.shape());
        assertArrayEquals(new int[] {1, 1, 1, HEIGHT, WIDTH}, read.chunks());
        assertEquals("uint16", read.dtype());
        ZarrPython.Dataset python = ZarrPython.readReferences(new ZarrPython.Request().add("r", reference, "0"))
                .get("r").assertReadable();
        assertArrayEquals(new int[] {3, 2, 2, HEIGHT, WIDTH}, python.shape());
        assertEquals("<u2", python.dtype());
        for (Image image : run.images()) {
            String where = "plane t=" + image.t + " c=" + image.c + " z=" + image.z;
            assertEquals(run.sha256(image), read.plane(image.t, image.c, image.z), "zarrita " + where);
            assertEquals(run.sha256(image), python.plane(image.t, image.c, image.z), "fsspec " + where);
        }

        // the documents only: every chunk is a reference, none is inlined
        assertTrue(Files.size(reference) < 64 * 1024, Files.size(reference) + " bytes");
        JsonNode refs = new ObjectMapper().readTree(reference.toFile()).path("refs");
        refs.fields().forEachRemaining(ref -> assertEquals(ref.getKey().matches("0/\\d+/\\d+/\\d+/0/0"),
                ref.getValue().isArray(), ref.getKey()));
        assertTrue(refs.path(".zattrs").asText().contains("\"multiscales\""), "root .zattrs inlined");
        JsonNode chunk = refs.path("0/1/1/0/0/0");
        assertTrue(chunk.isArray() && chunk.get(0).asText().startsWith("{{source}}/"), chunk.toString());
        assertEquals(WIDTH * HEIGHT * 2, chunk.get(2).asLong());

        // named as the run, as a copy to run.ome.zarr is; readable as any new file in its folder is
        JsonNode attributes = new ObjectMapper().readTree(refs.path(".zattrs").asText());
        assertEquals("run", attributes.path("multiscales").get(0).path("name").asText(), attributes.toString());
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            Path plain = Files.createFile(folder.resolve("plain-file"));
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(reference));
        }
    }

    @Test
    void hcsSitesBecomeAPlateWhoseEveryPositionReadsBack(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 2;
        run.channels = new String[] {"GFP", "RFP"};
        run.positions = new String[] {"A1-Site_0", "A1-Site_1", "B2-Site_0"};
        Path source = run.write(folder.resolve("source"));
        Path reference = folder.resolve("plate.ome.zarr.json");
        CommandRun.succeeding("convert", source.toString(), "--reference", "--out", reference.toString(),
                "--no-progress");

        JsonNode refs = new ObjectMapper().readTree(reference.toFile()).path("refs");
        JsonNode plate = new ObjectMapper().readTree(refs.path(".zattrs").asText()).path("plate");
        assertEquals("plate", plate.path("name").asText(), plate.toString());
        assertEquals(2, plate.path("wells").size(), plate.toString());
        String[] images = {"A/1/0", "A/1/1", "B/2/0"};
        Zarrita.Request zarrita = new Zarrita.Request();
        ZarrPython.Request python = new ZarrPython.Request();
        for (int p = 0; p < images.length; p++) {
            zarrita.add("p" + p, reference, images[p] + "/0");
            python.add("p" + p, reference, images[p] + "/0");
        }
        Map<String, Zarrita.Dataset> byZarrita = Zarrita.readReferences(zarrita);
        Map<String, ZarrPython.Dataset> byFsspec = ZarrPython.readReferences(python);
        for (int p = 0; p < images.length; p++) {
            Zarrita.Dataset read = byZarrita.get("p" + p).assertReadable();
            ZarrPython.Dataset readByFsspec = byFsspec.get("p" + p).assertReadable();
            assertArrayEquals(new int[] {2, 2, 1, HEIGHT, WIDTH}, read.shape(), images[p]);
            for (Image image : run.images()) {
                if (image.p == p) {
                    String where = images[p] + " plane t=" + image.t + " c=" + image.c;
                    assertEquals(run.sha256(image), read.plane(image.t, image.c, image.z), "zarrita " + where);
                    assertEquals(run.sha256(image), readByFsspec.plane(image.t, image.c, image.z), "fsspec " + where);
                }
            }
        }
    }

    @Test
    void aBareFileNameIsWrittenInTheWorkingDirectory(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 2;
        Path source = run.write(folder.resolve("source"));
        Path working = Files.createDirectory(folder.resolve("working"));
        Path log = folder.resolve("zarrscope.log");
        Process child = ZarrscopeChild.startIn(working, log, "convert", source.toString(), "--reference", "--out",
                "run.json", "--no-progress");
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "zarrscope convert did not end");
        assertEquals(0, child.exitValue(), ZarrscopeChild.output(log));

        Path reference = working.resolve("run.json");
        try (Stream<Path> files = Files.list(working)) {
            assertEquals(List.of(reference), files.collect(Collectors.toList()), "no temporary file is left");
        }
        Zarrita.Dataset read = Zarrita.readReferences(new Zarrita.Request().add("r", reference, "0")).get("r")
                .assertReadable();
        for (Image image : run.images()) {
            assertEquals(run.sha256(image), read.plane(image.t, image.c, image.z), "plane t=" + image.t);
        }
    }

    @Test
    void missingImagesAreLeftOutAndNamed(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 4;
        run.eightBit = true;
        Path source = run.write(folder.resolve("source"));
        Path last;
        try (Stream<Path> files = Files.list(source)) {
            last = files.filter(f -> f.toString().endsWith(".tif")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        try (FileChannel file = FileChannel.open(last, StandardOpenOption.WRITE)) {
            file.truncate(Files.size(last) - WIDTH * HEIGHT); // a crash took the last image
        }
        Path reference = folder.resolve("run.ome.zarr.json");
        CommandRun converted = CommandRun.zarrscope("convert", source.toString(), "--reference", "--out",
                reference.toString(), "--no-progress");
        assertEquals(3, converted.exitCode, converted.toString());
        assertTrue(converted.err.contains("1 of its 4 images are missing (t=3"), converted.err);

        JsonNode refs = new ObjectMapper().readTree(reference.toFile()).path("refs");
        assertFalse(refs.has("0/3/0/0/0/0"), "the missing image has no key");
        Zarrita.Dataset read = Zarrita.readReferences(new Zarrita.Request().add("r", reference, "0")).get("r")
                .assertReadable();
        assertEquals("uint8", read.dtype());
        for (Image image : run.images()) {
            String expected = image.t == 3 ? Zarrita.sha256OfZeros(WIDTH * HEIGHT) : run.sha256(image);
            assertEquals(expected, read.plane(image.t, image.c, image.z), "plane t=" + image.t);
        }
    }
}
