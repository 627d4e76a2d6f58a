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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.NdTiffRuns.Image;
import org.zarrscope.testing.NdTiffRuns.Run;
import org.zarrscope.testing.Zarrita;

/**
 * {@code zarrscope convert --reference}: a kerchunk reference file whose chunks point at the
 * NDTiff source's own pixel bytes reads back pixel-exact through zarrita's {@code ReferenceStore},
 * and holds documents only, no pixels.
 */
@ExternalProcess
class AReferenceDatasetReadsBackPixelExactTest {

    @Test
    void everyPlaneReadsBackThroughZarritasReferenceStore(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.times = 3;
        run.slices = 2;
        run.channels = new String[] {"DAPI", "FITC"};
        Path source = run.write(folder.resolve("source"));
        Path reference = folder.resolve("run.ome.zarr.json");
        CommandRun.succeeding("convert", source.toString(), "--reference", "--out", reference.toString(),
                "--no-progress");

        Zarrita.Dataset read = Zarrita.readReferences(new Zarrita.Request().add("r", reference, "0")).get("r")
                .assertReadable();
        assertArrayEquals(new int[] {3, 2, 2, HEIGHT, WIDTH}, read.shape());
        assertArrayEquals(new int[] {1, 1, 1, HEIGHT, WIDTH}, read.chunks());
        assertEquals("uint16", read.dtype());
        for (Image image : run.images()) {
            assertEquals(run.sha256(image), read.plane(image.t, image.c, image.z), "plane t=" + image.t + " c="
                    + image.c + " z=" + image.z);
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
