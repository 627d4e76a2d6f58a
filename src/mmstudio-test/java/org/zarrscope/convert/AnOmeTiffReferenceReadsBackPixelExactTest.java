package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.Zarrita;

/**
 * {@code zarrscope convert --reference} of OME-TIFF datasets written by Micro-Manager's own
 * multipage TIFF storage ({@link OmeTiffRun}): a kerchunk reference file whose chunks point at the
 * images' strips in the {@code .ome.tif} files reads back pixel-exact through zarrita's
 * {@code ReferenceStore} and fsspec's {@code ReferenceFileSystem}, every position, channel and
 * slice, from one file or one file per position; an image a crash cut off has no key (it reads 0,
 * exit 3); RGB images, which a chunk cannot be as they are, are refused.
 */
@ExternalProcess
class AnOmeTiffReferenceReadsBackPixelExactTest {

    @Test
    void positionsChannelsAndSlicesOfUint16ReadBackFromOneFile(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 2;
        shape.positions = 2;
        shape.slices = 2;
        shape.channels = new String[] {"DAPI", "FITC"};
        Path source = OmeTiffRun.written(shape, folder);
        assertEquals(1, OmeTiffRun.files(source).size(), "single image file");
        Path reference = folder.resolve("run.ome.zarr.json");
        CommandRun.succeeding("convert", source.toString(), "--reference", "--out", reference.toString(),
                "--no-progress");

        checkPlanes(shape, reference, "uint16");
        assertTrue(Files.size(reference) < 64 * 1024, Files.size(reference) + " bytes: documents only");
        JsonNode refs = new ObjectMapper().readTree(reference.toFile()).path("refs");
        refs.fields().forEachRemaining(ref -> assertEquals(ref.getKey().matches("\\d/0/\\d+/\\d+/\\d+/0/0"),
                ref.getValue().isArray(), ref.getKey()));
        JsonNode chunk = refs.path("1/0/1/1/1/0/0");
        assertEquals("{{source}}/" + OmeTiffRun.files(source).get(0).getFileName(), chunk.get(0).asText(),
                chunk.toString());
        assertEquals(shape.width * shape.height * 2, chunk.get(2).asLong(), chunk.toString());
    }

    @Test
    void positionsInSeparateFilesOfUint8ReadBackWhenOneFileIsGiven(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 3;
        shape.positions = 2;
        shape.channels = new String[] {"DAPI", "Cy5"};
        shape.bytes = 1;
        shape.split = true;
        Path source = OmeTiffRun.written(shape, folder);
        List<Path> files = OmeTiffRun.files(source);
        assertEquals(2, files.size(), "one file per position: " + files);
        Path reference = folder.resolve("run.ome.zarr.json");
        CommandRun.succeeding("convert", files.get(1).toString(), "--reference", "--out", reference.toString(),
                "--no-progress");

        checkPlanes(shape, reference, "uint8");
        JsonNode refs = new ObjectMapper().readTree(reference.toFile()).path("refs");
        for (int p = 0; p < shape.positions; p++) {
            String file = refs.path(p + "/0/0/0/0/0/0").get(0).asText();
            assertEquals("{{source}}/" + files.get(p).getFileName(), file, "position " + p + " points at its file");
        }
    }

    @Test
    void aSourceCutShortPointsAtWhatItHoldsAndNamesWhatIsMissing(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.times = 3;
        shape.channels = new String[] {"DAPI", "Cy5"};
        Path source = OmeTiffRun.written(shape, folder);
        OmeTiffRun.cutShort(source);
        Path reference = folder.resolve("run.ome.zarr.json");
        CommandRun converted = CommandRun.zarrscope("convert", source.toString(), "--reference", "--out",
                reference.toString(), "--no-progress");
        assertEquals(3, converted.exitCode, converted.toString());
        assertTrue(converted.err.contains("1 of its 6 images are missing")
                && converted.err.contains("t=2 channel Cy5 z=0"), converted.toString());

        JsonNode refs = new ObjectMapper().readTree(reference.toFile()).path("refs");
        assertTrue(refs.has("0/2/0/0/0/0") && !refs.has("0/2/1/0/0/0"), "the missing image has no key");
        checkPlanesByZarrita(shape, reference, "uint16", new int[] {2, 0, 0, 1});
    }

    @Test
    void rgbImagesAreRefusedAndNothingIsWritten(@TempDir Path folder) throws Exception {
        OmeTiffRun.Shape shape = new OmeTiffRun.Shape();
        shape.bytes = 4;
        Path source = OmeTiffRun.written(shape, folder);
        Path reference = folder.resolve("run.ome.zarr.json");
        CommandRun refused = CommandRun.zarrscope("convert", source.toString(), "--reference", "--out",
                reference.toString(), "--no-progress");
        assertEquals(2, refused.exitCode, refused.toString());
        List<String> lines = refused.err.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertTrue(lines.get(0).contains("holds RGB images; --reference needs grey ones")
                && lines.get(0).contains("convert it without --reference"), refused.toString());
        assertFalse(refused.err.contains("\tat "), "no stack trace: " + refused);
        assertTrue(Files.notExists(reference), refused.toString());
    }

    /**
     * Every plane of every position, read through zarrita's ReferenceStore and fsspec's
     * ReferenceFileSystem, against the pixels put.
     */
    private static void checkPlanes(OmeTiffRun.Shape shape, Path reference, String dtype) throws Exception {
        ZarrPython.Request python = new ZarrPython.Request();
        for (int p = 0; p < shape.positions; p++) {
            python.add("p" + p, reference, arrayOf(shape, p));
        }
        Map<String, ZarrPython.Dataset> readByFsspec = ZarrPython.readReferences(python);
        for (int[] image : shape.images()) {
            ZarrPython.Dataset position = readByFsspec.get("p" + image[1]).assertReadable();
            assertEquals(shape.sha256(image[0], image[1], image[2], image[3]),
                    position.plane(image[0], image[3], image[2]), "fsspec " + Arrays.toString(image));
        }
        checkPlanesByZarrita(shape, reference, dtype, null);
    }

    /**
     * Every plane of every position, read through zarrita's ReferenceStore, against the pixels put,
     * or zeros for the image {@code missing} ({@code {t, p, z, c}}, or {@code null}). Only zarrita
     * reads a reference file with a key left out: fsspec 2022.11's mapper lets zarr-python see a
     * KeyError for it, as for NDTiff.
     */
    static void checkPlanesByZarrita(OmeTiffRun.Shape shape, Path reference, String dtype, int[] missing)
            throws Exception {
        Zarrita.Request zarrita = new Zarrita.Request();
        for (int p = 0; p < shape.positions; p++) {
            zarrita.add("p" + p, reference, arrayOf(shape, p));
        }
        Map<String, Zarrita.Dataset> read = Zarrita.readReferences(zarrita);
        for (int p = 0; p < shape.positions; p++) {
            Zarrita.Dataset position = read.get("p" + p).assertReadable();
            assertArrayEquals(new int[] {shape.times, shape.channelCount(), shape.slices, shape.height, shape.width},
                    position.shape(), "position " + p);
            assertArrayEquals(new int[] {1, 1, 1, shape.height, shape.width}, position.chunks(), "position " + p);
            assertEquals(dtype, position.dtype(), "position " + p);
        }
        int imageBytes = shape.width * shape.height * ("uint16".equals(dtype) ? 2 : 1);
        for (int[] image : shape.images()) {
            String expected = Arrays.equals(missing, image) ? Zarrita.sha256OfZeros(imageBytes)
                    : shape.sha256(image[0], image[1], image[2], image[3]);
            assertEquals(expected, read.get("p" + image[1]).plane(image[0], image[3], image[2]),
                    "zarrita " + Arrays.toString(image));
        }
    }

    /** The full-resolution array of position {@code p}: one position is the root image. */
    private static String arrayOf(OmeTiffRun.Shape shape, int p) {
        return shape.positions == 1 ? "0" : p + "/0";
    }

}
