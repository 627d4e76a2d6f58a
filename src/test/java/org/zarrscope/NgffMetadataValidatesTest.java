package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.testing.NgffSchemas;

/**
 * The image metadata Zarrscope writes is valid OME-NGFF 0.4 (the official strict_image schema)
 * at every moment a reader may look: right after open, while frames arrive, and after finish;
 * plus what the schemas leave unchecked (axis order, units, scale values, the .zarray document).
 */
class NgffMetadataValidatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** UDUNITS-2 names OME-NGFF 0.4 allows for space and time axes. */
    private static final Set<String> SPACE_UNITS = new HashSet<>(Arrays.asList("angstrom", "attometer", "centimeter",
            "decimeter", "exameter", "femtometer", "foot", "gigameter", "hectometer", "inch", "kilometer", "megameter",
            "meter", "micrometer", "mile", "millimeter", "nanometer", "parsec", "petameter", "picometer", "terameter",
            "yard", "yoctometer", "yottameter", "zeptometer", "zettameter"));
    private static final Set<String> TIME_UNITS = new HashSet<>(Arrays.asList("attosecond", "centisecond", "day",
            "decisecond", "exasecond", "femtosecond", "gigasecond", "hectosecond", "hour", "kilosecond", "megasecond",
            "microsecond", "millisecond", "minute", "nanosecond", "petasecond", "picosecond", "second", "terasecond",
            "yoctosecond", "yottasecond", "zeptosecond", "zettasecond"));

    @TempDir
    Path temp;

    /** One dataset layout to write. */
    static final class Case {
        final String label;
        final int timePoints; // WriterSettings.UNBOUNDED for open-ended
        final int channels;
        final int zSlices;
        final PixelType type;
        final CodecSpec codec;
        final Double pixelSize;
        final Double zStep;
        final Double interval;
        final int[] chunk;

        Case(String label, int timePoints, int channels, int zSlices, PixelType type, CodecSpec codec,
             Double pixelSize, Double zStep, Double interval, int[] chunk) {
            this.label = label;
            this.timePoints = timePoints;
            this.channels = channels;
            this.zSlices = zSlices;
            this.type = type;
            this.codec = codec;
            this.pixelSize = pixelSize;
            this.zStep = zStep;
            this.interval = interval;
            this.chunk = chunk;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new Case("all sizes, bounded, uint16, blosc-lz4", 3, 2, 3, PixelType.UINT16,
                        CodecSpec.parse("blosc-lz4", null, null), 0.65, 2.0, 1.5, null)),
                Arguments.of(new Case("no sizes, bounded, uint8, zstd", 2, 1, 2, PixelType.UINT8,
                        CodecSpec.parse("zstd", null, null), null, null, null, new int[] {1, 1, 2, 16, 16})),
                Arguments.of(new Case("pixel size only, open-ended, float32, blosc-zstd", WriterSettings.UNBOUNDED, 1, 2,
                        PixelType.FLOAT32, CodecSpec.parse("blosc-zstd", 3, null), 0.1083, null, null, null)),
                Arguments.of(new Case("z step and interval, open-ended, uint32, gzip", WriterSettings.UNBOUNDED, 2, 2,
                        PixelType.UINT32, CodecSpec.parse("gzip", null, null), null, 0.5, 60.0,
                        new int[] {2, 1, 2, 24, 32})),
                Arguments.of(new Case("interval only, bounded, rgb8, none", 2, 1, 1, PixelType.RGB8, CodecSpec.none(),
                        null, null, 0.25, new int[] {1, 3, 1, 24, 32})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void metadataIsValidNgffBeforeDuringAndAfterTheRun(Case c) throws IOException {
        int width = 32;
        int height = 24;
        Path output = temp.resolve("image.ome.zarr");
        WriterSettings.Builder builder = WriterSettings.builder().output(output).timePoints(c.timePoints)
                .channels(c.channels).zSlices(c.zSlices).frameSize(width, height).pixelType(c.type).codec(c.codec)
                .writerThreads(2).memoryBudgetBytes(16L << 20)
                .pixelSizeUm(c.pixelSize).zStepUm(c.zStep).intervalSeconds(c.interval);
        if (c.chunk != null) {
            builder.chunkShape(c.chunk[0], c.chunk[1], c.chunk[2], c.chunk[3], c.chunk[4]);
        }
        WriterSettings settings = builder.build();
        int timePointsWritten = c.timePoints == WriterSettings.UNBOUNDED ? 3 : c.timePoints;
        SimulatedCamera camera = new SimulatedCamera(width, height, c.type, 5);

        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            // a reader opening the dataset right away
            checkDataset(output, settings, c.timePoints == WriterSettings.UNBOUNDED ? 0 : c.timePoints, "acquiring");

            List<FrameCoordinates> frames = new ArrayList<>();
            settings.order().forEachFrame(timePointsWritten, c.channels, c.zSlices, frames::add);
            int half = frames.size() / 2;
            for (FrameCoordinates frame : frames.subList(0, half)) {
                writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            // a reader looking while frames arrive (the time axis may have grown, never past what arrived)
            boolean open = c.timePoints == WriterSettings.UNBOUNDED;
            JsonNode zarray = checkDataset(output, settings, open ? null : c.timePoints, "acquiring");
            int timeNow = zarray.get("shape").get(0).asInt();
            assertTrue(timeNow <= (open ? frames.get(half - 1).time() + 1 : c.timePoints),
                    "shape " + timeNow + " is ahead of the frames written");
            for (FrameCoordinates frame : frames.subList(half, frames.size())) {
                writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            writer.finish();
        }
        // after finish: the time axis is final
        checkDataset(output, settings, timePointsWritten, "complete");
    }

    @Test
    void validatorIsNotVacuous() throws IOException {
        Path output = temp.resolve("control.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).timePoints(1).frameSize(16, 16)
                .pixelSizeUm(1.0).zStepUm(1.0).intervalSeconds(1.0).writerThreads(1).memoryBudgetBytes(4L << 20).build();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            writer.write(FrameCoordinates.of(0, 0, 0), new short[16 * 16], FrameMetadata.NONE);
            writer.finish();
        }
        ObjectNode good = (ObjectNode) readJson(output.resolve(".zattrs"));
        assertEquals(List.of(), NgffSchemas.violations("strict_image", good));

        // the same document with one space axis left (t, c, x): image.schema demands 2 to 3 (minContains)
        ObjectNode oneSpaceAxis = good.deepCopy();
        ArrayNode axes = (ArrayNode) oneSpaceAxis.get("multiscales").get(0).get("axes");
        for (Iterator<JsonNode> it = axes.elements(); it.hasNext(); ) {
            String name = it.next().get("name").asText();
            if (name.equals("z") || name.equals("y")) {
                it.remove();
            }
        }
        assertEquals(3, axes.size());
        List<String> violations = NgffSchemas.violations("strict_image", oneSpaceAxis);
        assertFalse(violations.isEmpty(), "a 1-space-axis image must be invalid");
        assertTrue(violations.stream().anyMatch(v -> v.contains("[minContains]")),
                "expected a minContains violation, got " + violations);

        // strict_image (not just image) is applied: without "metadata" only the strict schema objects
        ObjectNode noMetadata = good.deepCopy();
        ((ObjectNode) noMetadata.get("multiscales").get(0)).remove("metadata");
        assertEquals(List.of(), NgffSchemas.violations("image", noMetadata));
        List<String> strict = NgffSchemas.violations("strict_image", noMetadata);
        assertTrue(strict.stream().anyMatch(v -> v.contains("[required]") && v.contains("metadata")),
                "strict_image must require multiscales[].metadata, got " + strict);

        // a wrong version is caught too
        ObjectNode wrongVersion = good.deepCopy();
        ((ObjectNode) wrongVersion.get("multiscales").get(0)).put("version", "0.3");
        assertFalse(NgffSchemas.violations("strict_image", wrongVersion).isEmpty());

        // and my own checks are not vacuous either
        ObjectNode badUnit = good.deepCopy();
        ((ObjectNode) badUnit.get("multiscales").get(0).get("axes").get(4)).put("unit", "um");
        assertTrue(NgffSchemas.violations("strict_image", badUnit).isEmpty(), "the schema does not check units");
        AssertionError unitError = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> checkAttributes(badUnit, settings, "complete"));
        assertTrue(unitError.getMessage().contains("um"), unitError.getMessage());
    }

    @Test
    void missingSchemasFailClearly() {
        String configured = System.getProperty("ngff.schemas");
        try {
            System.setProperty("ngff.schemas", temp.resolve("no-schemas-here").toString());
            IllegalStateException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    NgffSchemas::directory);
            assertTrue(error.getMessage().contains("no-schemas-here")
                    && error.getMessage().contains("strict_image.schema"), error.getMessage());
            System.clearProperty("ngff.schemas");
            error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, NgffSchemas::directory);
            assertTrue(error.getMessage().contains("ngff.schemas"), error.getMessage());
        } finally {
            if (configured != null) {
                System.setProperty("ngff.schemas", configured);
            }
        }
        assertNotNull(configured, "surefire must set ngff.schemas");
    }

    /** The checks beyond the schema reject what they are meant to reject (each mutation is schema-valid). */
    @Test
    void ownChecksRejectWhatTheSchemaLetsThrough() throws IOException {
        Path output = temp.resolve("mutations.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).timePoints(2).zSlices(2).frameSize(16, 16)
                .pixelSizeUm(0.5).zStepUm(2.0).intervalSeconds(3.0).writerThreads(1).memoryBudgetBytes(4L << 20).build();
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            writer.finish();
        }
        ObjectNode zattrs = (ObjectNode) readJson(output.resolve(".zattrs"));
        ObjectNode zarray = (ObjectNode) readJson(output.resolve("0/.zarray"));
        checkAttributes(zattrs, settings, "complete");
        checkZarray(zarray, settings, 2);

        List<java.util.function.Consumer<ObjectNode>> attributeMutations = List.of(
                doc -> { // z and t swapped
                    ArrayNode axes = (ArrayNode) doc.get("multiscales").get(0).get("axes");
                    JsonNode t = axes.get(0);
                    axes.set(0, axes.get(2));
                    axes.set(2, t);
                },
                doc -> scaleOf(doc).remove(0), // 4 values for 5 axes
                doc -> scaleOf(doc).set(3, JSON.getNodeFactory().numberNode(0.25)), // y scale not the pixel size
                doc -> scaleOf(doc).set(0, JSON.getNodeFactory().numberNode(1.0)), // interval lost
                doc -> ((ObjectNode) doc.get("multiscales").get(0).get("axes").get(0)).put("unit", "sec"),
                doc -> ((ObjectNode) doc.get("multiscales").get(0).get("axes").get(1)).put("unit", "micrometer"));
        for (java.util.function.Consumer<ObjectNode> mutation : attributeMutations) {
            ObjectNode mutated = zattrs.deepCopy();
            mutation.accept(mutated);
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> checkAttributes(mutated, settings, "complete"), "mutation not caught: " + mutated);
        }
        List<java.util.function.Consumer<ObjectNode>> arrayMutations = List.of(
                doc -> doc.put("dimension_separator", "."),
                doc -> doc.put("zarr_format", 3),
                doc -> doc.put("dtype", ">u2"),
                doc -> ((ObjectNode) doc.get("compressor")).put("typesize", 2),
                doc -> ((ObjectNode) doc.get("compressor")).remove("blocksize"),
                doc -> doc.putNull("compressor"));
        for (java.util.function.Consumer<ObjectNode> mutation : arrayMutations) {
            ObjectNode mutated = zarray.deepCopy();
            mutation.accept(mutated);
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                    () -> checkZarray(mutated, settings, 2), "mutation not caught: " + mutated);
        }
    }

    private static ArrayNode scaleOf(ObjectNode zattrs) {
        return (ArrayNode) zattrs.get("multiscales").get(0).get("datasets").get(0).get("coordinateTransformations")
                .get(0).get("scale");
    }

    // ---------------------------------------------------------------------------------------------

    /** Checks the whole dataset's metadata; {@code timePoints} null accepts any time extent (still growing). */
    private static JsonNode checkDataset(Path output, WriterSettings settings, Integer timePoints, String status)
            throws IOException {
        JsonNode zgroup = readJson(output.resolve(".zgroup"));
        assertEquals(2, zgroup.path("zarr_format").asInt(-1), ".zgroup zarr_format");
        JsonNode zattrs = readJson(output.resolve(".zattrs"));
        List<String> violations = NgffSchemas.violations("strict_image", zattrs);
        assertEquals(List.of(), violations, "strict_image 0.4 violations of " + zattrs);
        checkAttributes(zattrs, settings, status);
        String path = zattrs.get("multiscales").get(0).get("datasets").get(0).get("path").asText();
        assertEquals(AcquisitionWriter.FULL_RESOLUTION_PATH, path);
        JsonNode zarray = readJson(output.resolve(path).resolve(".zarray"));
        checkZarray(zarray, settings, timePoints == null ? zarray.get("shape").get(0).asInt() : timePoints);
        return zarray;
    }

    /** What the NGFF schemas do not check. */
    static void checkAttributes(JsonNode zattrs, WriterSettings settings, String status) {
        assertEquals(1, zattrs.get("multiscales").size(), "one multiscale image");
        JsonNode multiscale = zattrs.get("multiscales").get(0);
        assertEquals("0.4", multiscale.get("version").asText());
        checkMultiscale(multiscale, settings);
        assertEquals(status, zattrs.path(org.zarrscope.ngff.NgffImageMetadata.ZARRSCOPE_KEY).path("status").asText(),
                "zarrscope status");
    }

    /**
     * What the NGFF schemas do not check of one {@code multiscales} entry, the same in OME-NGFF 0.4
     * and 0.5 (which differ in where {@code version} goes): name, axis order, types and units, and
     * the scale of the one resolution level.
     */
    static void checkMultiscale(JsonNode multiscale, WriterSettings settings) {
        String folder = settings.output().toAbsolutePath().normalize().getFileName().toString();
        assertEquals(folder.replaceAll("\\.ome\\.zarr$", ""), multiscale.get("name").asText(),
                "name from the folder without .ome.zarr");

        JsonNode axes = multiscale.get("axes");
        List<String> names = new ArrayList<>();
        axes.forEach(axis -> names.add(axis.get("name").asText()));
        assertEquals(List.of("t", "c", "z", "y", "x"), names, "axis order");
        List<String> types = new ArrayList<>();
        axes.forEach(axis -> types.add(axis.get("type").asText()));
        assertEquals(List.of("time", "channel", "space", "space", "space"), types, "axis types");

        Double[] physical = {settings.intervalSeconds(), null, settings.zStepUm(), settings.pixelSizeUm(),
                settings.pixelSizeUm()};
        for (int i = 0; i < 5; i++) {
            JsonNode axis = axes.get(i);
            String name = names.get(i);
            if (physical[i] == null) {
                assertFalse(axis.has("unit"), "axis " + name + " has no known physical size, so no unit: " + axis);
            } else {
                assertTrue(axis.has("unit"), "axis " + name + " needs a unit: " + axis);
                String unit = axis.get("unit").asText();
                Set<String> allowed = i == 0 ? TIME_UNITS : SPACE_UNITS;
                assertTrue(allowed.contains(unit), "axis " + name + " unit '" + unit + "' is not a UDUNITS name "
                        + "OME-NGFF allows for a " + types.get(i) + " axis");
                assertEquals(i == 0 ? "second" : "micrometer", unit, "unit of axis " + name);
            }
        }

        JsonNode datasets = multiscale.get("datasets");
        assertEquals(1, datasets.size(), "one resolution level");
        JsonNode transforms = datasets.get(0).get("coordinateTransformations");
        List<JsonNode> scales = new ArrayList<>();
        transforms.forEach(t -> {
            if ("scale".equals(t.path("type").asText())) {
                scales.add(t);
            }
        });
        assertEquals(1, scales.size(), "exactly one scale transformation: " + transforms);
        JsonNode scale = scales.get(0).get("scale");
        assertEquals(axes.size(), scale.size(), "scale length = number of axes");
        for (int i = 0; i < 5; i++) {
            double expected = physical[i] == null ? 1.0 : physical[i];
            assertTrue(scale.get(i).isNumber(), "scale values are numbers");
            assertEquals(expected, scale.get(i).asDouble(), 0.0, "scale of axis " + names.get(i));
        }
        assertFalse(multiscale.has("coordinateTransformations") && multiscale.get("coordinateTransformations")
                .size() > 0 && !multiscale.get("coordinateTransformations").get(0).path("scale").isArray(),
                "a top-level transformation must be a scale");
    }

    static void checkZarray(JsonNode zarray, WriterSettings settings, int timePoints) {
        assertEquals(2, zarray.path("zarr_format").asInt(-1), "zarr_format");
        assertEquals("/", zarray.path("dimension_separator").asText(), "dimension_separator");
        String expectedDtype;
        switch (settings.pixelType()) {
            case UINT8:
            case RGB8:
                expectedDtype = "|u1";
                break;
            case UINT16:
                expectedDtype = "<u2";
                break;
            case UINT32:
                expectedDtype = "<u4";
                break;
            default:
                expectedDtype = "<f4";
        }
        assertEquals(expectedDtype, zarray.path("dtype").asText(), "dtype of " + settings.pixelType());
        assertEquals(ints(timePoints, settings.storedChannels(), settings.zSlices(), settings.height(),
                settings.width()), zarray.get("shape"), "shape");
        assertEquals(ints(settings.chunkShape()), zarray.get("chunks"), "chunks");
        assertEquals(0, zarray.path("fill_value").asInt(-1));
        assertEquals("C", zarray.path("order").asText());
        assertTrue(zarray.has("filters") && zarray.get("filters").isNull(), "filters: null");

        JsonNode compressor = zarray.get("compressor");
        assertNotNull(compressor, "compressor key must be present (null for none)");
        switch (settings.codec().kind()) {
            case NONE:
                assertTrue(compressor.isNull(), "uncompressed: compressor null, got " + compressor);
                break;
            case BLOSC:
                assertEquals(new TreeSet<>(List.of("id", "cname", "clevel", "shuffle", "blocksize")), keys(compressor),
                        "numcodecs Blosc keys");
                assertEquals("blosc", compressor.get("id").asText());
                assertTrue(Set.of("lz4", "lz4hc", "blosclz", "zstd", "zlib", "snappy")
                        .contains(compressor.get("cname").asText()), "blosc cname " + compressor);
                assertTrue(compressor.get("clevel").isInt() && compressor.get("clevel").asInt() >= 0
                        && compressor.get("clevel").asInt() <= 9, "blosc clevel " + compressor);
                assertTrue(compressor.get("shuffle").isInt() && compressor.get("shuffle").asInt() >= -1
                        && compressor.get("shuffle").asInt() <= 2, "blosc shuffle " + compressor);
                assertTrue(compressor.get("blocksize").isInt() && compressor.get("blocksize").asInt() >= 0,
                        "blosc blocksize " + compressor);
                break;
            case ZSTD:
                assertEquals(new TreeSet<>(List.of("id", "level")), keys(compressor), "numcodecs Zstd keys");
                assertEquals("zstd", compressor.get("id").asText());
                assertTrue(compressor.get("level").isInt(), "zstd level " + compressor);
                break;
            default:
                assertEquals(new TreeSet<>(List.of("id", "level")), keys(compressor), "numcodecs GZip keys");
                assertEquals("gzip", compressor.get("id").asText());
                assertTrue(compressor.get("level").isInt(), "gzip level " + compressor);
        }
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static ArrayNode ints(int... values) {
        ArrayNode array = JSON.createArrayNode();
        for (int value : values) {
            array.add(value);
        }
        return array;
    }

    private static JsonNode readJson(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " must exist");
        return JSON.readTree(file.toFile());
    }
}
