package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.testing.MetadataValidation.JSON;
import static org.zarrscope.testing.MetadataValidation.assertEveryMutationIsCaught;
import static org.zarrscope.testing.MetadataValidation.ints;
import static org.zarrscope.testing.MetadataValidation.keys;
import static org.zarrscope.testing.MetadataValidation.readJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.zarr.ArrayLayout;
import org.zarrscope.testing.MetadataValidation;
import org.zarrscope.testing.MetadataValidation.Case;
import org.zarrscope.testing.NgffSchemas;

/**
 * The image metadata Zarrscope writes is valid OME-NGFF 0.4 (the official strict_image schema)
 * at every moment a reader may look: right after open, while frames arrive, and after finish;
 * plus what the schemas leave unchecked (axis order, units, scale values, the .zarray document).
 */
class NgffMetadataValidatesTest {
    @TempDir
    Path temp;

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
        Path output = temp.resolve("image.ome.zarr");
        WriterSettings settings = c.settings(output, ZarrFormat.V2);
        MetadataValidation.writeWhileAReaderLooks(c, settings,
                (timePoints, status) -> checkDataset(output, settings, timePoints, status));
    }

    @Test
    void validatorIsNotVacuous() throws IOException {
        Path output = temp.resolve("control.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V2).timePoints(1)
                .frameSize(16, 16).pixelSizeUm(1.0).zStepUm(1.0).intervalSeconds(1.0).writerThreads(1)
                .memoryBudgetBytes(4L << 20).build();
        MetadataValidation.writeZeroFrames(settings, FrameCoordinates.of(0, 0, 0));
        ObjectNode good = (ObjectNode) readJson(output.resolve(".zattrs"));
        assertEquals(List.of(), NgffSchemas.violations("strict_image", good));
        MetadataValidation.assertSchemaIsNotVacuous(NgffSchemas.VERSION, good,
                attributes -> (ObjectNode) attributes.get("multiscales").get(0));

        // a wrong version is caught too
        ObjectNode wrongVersion = good.deepCopy();
        ((ObjectNode) wrongVersion.get("multiscales").get(0)).put("version", "0.3");
        assertFalse(NgffSchemas.violations("strict_image", wrongVersion).isEmpty());

        // and my own checks are not vacuous either
        ObjectNode badUnit = good.deepCopy();
        ((ObjectNode) badUnit.get("multiscales").get(0).get("axes").get(4)).put("unit", "um");
        assertTrue(NgffSchemas.violations("strict_image", badUnit).isEmpty(), "the schema does not check units");
        AssertionError unitError = assertThrows(AssertionError.class,
                () -> checkAttributes(badUnit, settings, "complete"));
        assertTrue(unitError.getMessage().contains("um"), unitError.getMessage());
    }

    @Test
    void missingSchemasFailClearly() {
        String configured = System.getProperty("ngff.schemas");
        try {
            System.setProperty("ngff.schemas", temp.resolve("no-schemas-here").toString());
            IllegalStateException error = assertThrows(IllegalStateException.class, NgffSchemas::directory);
            assertTrue(error.getMessage().contains("no-schemas-here")
                    && error.getMessage().contains("strict_image.schema"), error.getMessage());
            System.clearProperty("ngff.schemas");
            error = assertThrows(IllegalStateException.class, NgffSchemas::directory);
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
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V2).timePoints(2)
                .zSlices(2).frameSize(16, 16).pixelSizeUm(0.5).zStepUm(2.0).intervalSeconds(3.0).writerThreads(1)
                .memoryBudgetBytes(4L << 20).build();
        MetadataValidation.writeZeroFrames(settings);
        ObjectNode zattrs = (ObjectNode) readJson(output.resolve(".zattrs"));
        ObjectNode zarray = (ObjectNode) readJson(output.resolve("0/.zarray"));
        checkAttributes(zattrs, settings, "complete");
        checkZarray(zarray, settings.fullResolutionLayout(), 2);

        List<Consumer<ObjectNode>> attributeMutations = List.of(
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
        assertEveryMutationIsCaught(zattrs, attributeMutations,
                mutated -> checkAttributes(mutated, settings, "complete"));
        List<Consumer<ObjectNode>> arrayMutations = List.of(
                doc -> doc.put("dimension_separator", "."),
                doc -> doc.put("zarr_format", 3),
                doc -> doc.put("dtype", ">u2"),
                doc -> ((ObjectNode) doc.get("compressor")).put("typesize", 2),
                doc -> ((ObjectNode) doc.get("compressor")).remove("blocksize"),
                doc -> doc.putNull("compressor"));
        assertEveryMutationIsCaught(zarray, arrayMutations, mutated -> checkZarray(mutated, settings.fullResolutionLayout(), 2));
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
        JsonNode datasets = zattrs.get("multiscales").get(0).get("datasets");
        assertEquals(AcquisitionWriter.FULL_RESOLUTION_PATH, datasets.get(0).get("path").asText());
        JsonNode zarray = null;
        for (int level = datasets.size() - 1; level >= 0; level--) { // level 0 last: the one returned
            zarray = readJson(output.resolve(datasets.get(level).get("path").asText()).resolve(".zarray"));
            checkZarray(zarray, settings.plan().levels().level(level), timePoints == null ? zarray.get("shape").get(0).asInt()
                    : timePoints);
        }
        return zarray;
    }

    /** What the NGFF schemas do not check. */
    static void checkAttributes(JsonNode zattrs, WriterSettings settings, String status) {
        assertEquals(1, zattrs.get("multiscales").size(), "one multiscale image");
        JsonNode multiscale = zattrs.get("multiscales").get(0);
        assertEquals("0.4", multiscale.get("version").asText());
        MetadataValidation.checkMultiscale(multiscale, settings, status);
        assertEquals(status, zattrs.path(org.zarrscope.metadata.ZarrscopeAttributes.KEY).path("status").asText(),
                "zarrscope status");
    }

    static void checkZarray(JsonNode zarray, ArrayLayout settings, int timePoints) {
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
        switch (settings.codec().name().split("-")[0]) { // the family: none, blosc, zstd, gzip
            case "none":
                assertTrue(compressor.isNull(), "uncompressed: compressor null, got " + compressor);
                break;
            case "blosc":
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
            case "zstd":
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
}
