package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zarrscope.testing.MetadataValidation.HEIGHT;
import static org.zarrscope.testing.MetadataValidation.JSON;
import static org.zarrscope.testing.MetadataValidation.WIDTH;
import static org.zarrscope.testing.MetadataValidation.assertEveryMutationIsCaught;
import static org.zarrscope.testing.MetadataValidation.ints;
import static org.zarrscope.testing.MetadataValidation.keys;
import static org.zarrscope.testing.MetadataValidation.readJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.zarrscope.codec.BloscShuffle;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.zarr.ArrayLayout;
import org.zarrscope.testing.MetadataValidation;
import org.zarrscope.testing.MetadataValidation.Case;
import org.zarrscope.testing.NgffSchemas;

/**
 * The metadata of a Zarr v3 dataset is valid OME-NGFF 0.5 at every moment a reader may look
 * (right after open, while frames arrive, after finish): the {@code attributes} of the group's
 * {@code zarr.json} validate against the official strict_image 0.5 schema, and what the schema does
 * not check is checked here: {@code "version": "0.5"} under {@code ome} and not inside
 * {@code multiscales} (where 0.4 had it), every array's {@code dimension_names} equal to the axis
 * names, blosc's {@code typesize} whenever it shuffles, no {@code checksum} key for zstd, the codec
 * pipeline with and without sharding, and the axes, units and scales as for 0.4.
 */
class V3MetadataValidatesTest {
    private static final String NGFF = NgffSchemas.VERSION_0_5;

    @TempDir
    Path temp;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new Case("all sizes, bounded, uint16, blosc-lz4 shuffle, unsharded", 3, 2, 3,
                        PixelType.UINT16, CodecSpec.blosc("lz4", 5, BloscShuffle.SHUFFLE), 0.65, 2.0, 1.5, null, null)),
                Arguments.of(new Case("no sizes, bounded, uint8, zstd, sharded", 2, 1, 4, PixelType.UINT8,
                        CodecSpec.zstd(3), null, null, null, new int[] {1, 1, 2, 16, 16}, new int[] {2, 1, 4, 32, 32})),
                Arguments.of(new Case("pixel size only, open-ended, float32, blosc-zstd bitshuffle, sharded",
                        WriterSettings.UNBOUNDED, 1, 2, PixelType.FLOAT32, CodecSpec.blosc("zstd", 3, BloscShuffle.BITSHUFFLE),
                        0.1083, null, null, new int[] {1, 1, 1, HEIGHT, WIDTH}, new int[] {4, 1, 2, HEIGHT, WIDTH})),
                Arguments.of(new Case("z step and interval, open-ended, uint32, gzip, unsharded", WriterSettings.UNBOUNDED,
                        2, 2, PixelType.UINT32, CodecSpec.gzip(5), null, 0.5, 60.0, new int[] {2, 1, 2, 24, 32}, null)),
                Arguments.of(new Case("interval only, bounded, rgb8, none, sharded", 2, 1, 1, PixelType.RGB8,
                        CodecSpec.none(), null, null, 0.25, new int[] {1, 3, 1, 24, 32}, new int[] {2, 3, 1, 24, 32})),
                Arguments.of(new Case("no sizes, bounded, uint16, blosc-lz4 noshuffle, sharded", 2, 2, 1,
                        PixelType.UINT16, CodecSpec.blosc("lz4", 5, BloscShuffle.NOSHUFFLE), null, null, null,
                        new int[] {1, 1, 1, 16, 16}, new int[] {1, 2, 1, 32, 32})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void metadataIsValidNgff05BeforeDuringAndAfterTheRun(Case c) throws IOException {
        Path output = temp.resolve("image.ome.zarr");
        WriterSettings settings = c.settings(output, ZarrFormat.V3);
        MetadataValidation.writeWhileAReaderLooks(c, settings,
                (timePoints, status) -> checkDataset(output, settings, timePoints, status));
    }

    /** The schema is applied, strictly, and rejects what it should: the negative controls. */
    @Test
    void validatorIsNotVacuous() throws IOException {
        ObjectNode good = (ObjectNode) writeSmallDataset("control.ome.zarr").get("attributes");
        assertEquals(List.of(), NgffSchemas.violations(NGFF, "strict_image", good));

        MetadataValidation.assertSchemaIsNotVacuous(NGFF, good, V3MetadataValidatesTest::multiscaleOf);

        // the 0.5 schemas are the ones applied: a wrong version, or none under ome, is caught
        ObjectNode wrongVersion = good.deepCopy();
        ((ObjectNode) wrongVersion.get("ome")).put("version", "0.4");
        assertFalse(NgffSchemas.violations(NGFF, "strict_image", wrongVersion).isEmpty(), "version 0.4 under ome");
        ObjectNode noVersion = good.deepCopy();
        ((ObjectNode) noVersion.get("ome")).remove("version");
        assertFalse(NgffSchemas.violations(NGFF, "strict_image", noVersion).isEmpty(), "no version under ome");
        // and the 0.4 layout (multiscales at the top of the attributes) is not 0.5
        ObjectNode v04Layout = good.deepCopy();
        v04Layout.setAll((ObjectNode) v04Layout.remove("ome"));
        assertFalse(NgffSchemas.violations(NGFF, "strict_image", v04Layout).isEmpty(), "no ome object");
    }

    /** The checks beyond the schema reject what they are meant to reject (each group mutation is schema-valid). */
    @Test
    void ownChecksRejectWhatTheSchemaLetsThrough() throws IOException {
        Path output = temp.resolve("mutations.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V3).unsharded().timePoints(2)
                .zSlices(2).frameSize(16, 16).pixelSizeUm(0.5).zStepUm(2.0).intervalSeconds(3.0)
                .codec(CodecSpec.blosc("lz4", 5, BloscShuffle.SHUFFLE)).writerThreads(1).memoryBudgetBytes(4L << 20)
                .build();
        MetadataValidation.writeZeroFrames(settings);
        ObjectNode group = (ObjectNode) readJson(output.resolve("zarr.json"));
        ObjectNode array = (ObjectNode) readJson(output.resolve("0/zarr.json"));
        checkGroup(group, settings, "complete");
        checkArray(array, group, settings.fullResolutionLayout(), 2);

        List<Consumer<ObjectNode>> groupMutations = List.of(
                doc -> multiscaleOf(attributesOf(doc)).put("version", "0.5"), // 0.4's place as well
                doc -> attributesOf(doc).put("version", "0.5"), // beside ome rather than under it
                doc -> doc.put("zarr_format", 2),
                doc -> doc.put("node_type", "array"),
                doc -> ((ObjectNode) multiscaleOf(attributesOf(doc)).get("axes").get(0)).put("unit", "sec"),
                doc -> ((ObjectNode) attributesOf(doc).get("zarrscope")).put("status", "acquiring"),
                doc -> attributesOf(doc).set("multiscales", attributesOf(doc).get("ome").get("multiscales").deepCopy()),
                doc -> ((ArrayNode) attributesOf(doc).get("ome").get("multiscales"))
                        .add(multiscaleOf(attributesOf(doc)).deepCopy().put("name", "second")));
        for (Consumer<ObjectNode> mutation : groupMutations) {
            ObjectNode mutated = group.deepCopy();
            mutation.accept(mutated);
            assertEquals(List.of(), NgffSchemas.violations(NGFF, "strict_image", attributesOf(mutated)),
                    "the mutation must be one the schema lets through: " + mutated);
            assertThrows(AssertionError.class, () -> checkGroup(mutated, settings, "complete"),
                    "mutation not caught: " + mutated);
        }

        List<Consumer<ObjectNode>> arrayMutations = List.of(
                doc -> ((ArrayNode) doc.get("dimension_names")).set(0, JSON.getNodeFactory().textNode("time")),
                doc -> doc.remove("dimension_names"),
                doc -> ((ArrayNode) doc.get("dimension_names")).remove(4),
                doc -> compressorOf(doc).remove("typesize"),
                doc -> compressorOf(doc).put("typesize", 1),
                doc -> compressorOf(doc).put("shuffle", 1),
                doc -> ((ObjectNode) doc.get("codecs").get(0).get("configuration")).put("endian", "big"),
                doc -> ((ArrayNode) doc.get("codecs")).remove(1),
                doc -> ((ObjectNode) doc.get("chunk_key_encoding").get("configuration")).put("separator", "."),
                doc -> doc.put("data_type", "int16"),
                doc -> doc.putNull("fill_value"),
                doc -> ((ArrayNode) doc.get("shape")).set(0, JSON.getNodeFactory().numberNode(3)),
                doc -> compressorOf(doc).put("cname", "lz5"),
                doc -> compressorOf(doc).put("clevel", 10),
                doc -> compressorOf(doc).remove("blocksize"),
                doc -> doc.put("node_type", "group"));
        assertEveryMutationIsCaught(array, arrayMutations, mutated -> checkArray(mutated, group, settings.fullResolutionLayout(), 2));
        // a Zarr v2 document left in a v3 dataset is refused
        checkDataset(output, settings, 2, "complete");
        Files.write(output.resolve(".zgroup"), "{\"zarr_format\": 2}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThrows(AssertionError.class, () -> checkDataset(output, settings, 2, "complete"));
        // dimension_names are compared with the group's axes, not with a fixed list
        ObjectNode renamedAxis = group.deepCopy();
        ((ObjectNode) multiscaleOf(attributesOf(renamedAxis)).get("axes").get(4)).put("name", "col");
        assertThrows(AssertionError.class, () -> checkArray(array, renamedAxis, settings.fullResolutionLayout(), 2));
    }

    /** zstd's checksum key is refused whatever its value; a sharded array's index pipeline is checked. */
    @Test
    void ownChecksRejectZstdChecksumAndWrongShardIndexCodecs() throws IOException {
        Path output = temp.resolve("zstd.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V3).timePoints(2)
                .frameSize(32, 32).chunkShape(1, 1, 1, 16, 16).shardShape(2, 1, 1, 32, 32).codec(CodecSpec.zstd(3))
                .writerThreads(1).memoryBudgetBytes(4L << 20).build();
        MetadataValidation.writeZeroFrames(settings);
        ObjectNode group = (ObjectNode) readJson(output.resolve("zarr.json"));
        ObjectNode array = (ObjectNode) readJson(output.resolve("0/zarr.json"));
        checkArray(array, group, settings.fullResolutionLayout(), 2);
        List<Consumer<ObjectNode>> mutations = List.of(
                doc -> compressorOf(doc).put("checksum", false),
                doc -> compressorOf(doc).put("checksum", true),
                doc -> compressorOf(doc).put("level", "3"),
                doc -> shardingOf(doc).put("index_location", "start"),
                doc -> ((ArrayNode) shardingOf(doc).get("index_codecs")).remove(1),
                doc -> ((ArrayNode) shardingOf(doc).get("chunk_shape")).set(4, JSON.getNodeFactory().numberNode(32)),
                doc -> ((ArrayNode) doc.get("chunk_grid").get("configuration").get("chunk_shape"))
                        .set(0, JSON.getNodeFactory().numberNode(1)));
        assertEveryMutationIsCaught(array, mutations, mutated -> checkArray(mutated, group, settings.fullResolutionLayout(), 2));
    }

    /** gzip's configuration is its level alone, 0 to 9. */
    @Test
    void ownChecksRejectWrongGzipConfiguration() throws IOException {
        Path output = temp.resolve("gzip.ome.zarr");
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V3).unsharded().timePoints(1)
                .frameSize(16, 16).codec(CodecSpec.gzip(5)).writerThreads(1).memoryBudgetBytes(4L << 20).build();
        MetadataValidation.writeZeroFrames(settings);
        ObjectNode group = (ObjectNode) readJson(output.resolve("zarr.json"));
        ObjectNode array = (ObjectNode) readJson(output.resolve("0/zarr.json"));
        checkArray(array, group, settings.fullResolutionLayout(), 1);
        List<Consumer<ObjectNode>> mutations = List.of(
                doc -> compressorOf(doc).put("level", 10),
                doc -> compressorOf(doc).put("mtime", 0),
                doc -> ((ObjectNode) doc.get("codecs").get(1)).put("name", "zlib"));
        assertEveryMutationIsCaught(array, mutations, mutated -> checkArray(mutated, group, settings.fullResolutionLayout(), 1));
    }

    // ---------------------------------------------------------------------------------------------

    private JsonNode writeSmallDataset(String name) throws IOException {
        Path output = temp.resolve(name);
        WriterSettings settings = WriterSettings.builder().output(output).format(ZarrFormat.V3).timePoints(1)
                .frameSize(16, 16).pixelSizeUm(1.0).zStepUm(1.0).intervalSeconds(1.0).writerThreads(1)
                .memoryBudgetBytes(4L << 20).build();
        MetadataValidation.writeZeroFrames(settings, FrameCoordinates.of(0, 0, 0));
        JsonNode group = readJson(output.resolve("zarr.json"));
        checkGroup(group, settings, "complete");
        return group;
    }

    private static ObjectNode attributesOf(JsonNode group) {
        return (ObjectNode) group.get("attributes");
    }

    private static ObjectNode multiscaleOf(JsonNode attributes) {
        return (ObjectNode) attributes.get("ome").get("multiscales").get(0);
    }

    /** The configuration of the compressor after {@code bytes} (inside sharding_indexed when sharded). */
    private static ObjectNode compressorOf(ObjectNode array) {
        JsonNode codecs = array.get("codecs");
        if ("sharding_indexed".equals(codecs.get(0).path("name").asText())) {
            codecs = codecs.get(0).get("configuration").get("codecs");
        }
        return (ObjectNode) codecs.get(1).get("configuration");
    }

    private static ObjectNode shardingOf(ObjectNode array) {
        return (ObjectNode) array.get("codecs").get(0).get("configuration");
    }

    /** Checks the whole dataset's metadata; {@code timePoints} null accepts any time extent (still growing). */
    private static JsonNode checkDataset(Path output, WriterSettings settings, Integer timePoints, String status)
            throws IOException {
        assertFalse(Files.exists(output.resolve(".zgroup")) || Files.exists(output.resolve(".zattrs"))
                || Files.exists(output.resolve("0/.zarray")), "a v3 dataset has no Zarr v2 documents");
        JsonNode group = readJson(output.resolve("zarr.json"));
        checkGroup(group, settings, status);
        JsonNode array = null;
        JsonNode datasets = multiscaleOf(attributesOf(group)).get("datasets");
        assertEquals(AcquisitionWriter.FULL_RESOLUTION_PATH, datasets.get(0).get("path").asText());
        for (int level = datasets.size() - 1; level >= 0; level--) { // level 0 last: the one returned
            array = readJson(output.resolve(datasets.get(level).get("path").asText()).resolve("zarr.json"));
            checkArray(array, group, settings.plan().levels().level(level), timePoints == null
                    ? array.get("shape").get(0).asInt() : timePoints);
        }
        assertNotNull(array, "no dataset in multiscales");
        return array;
    }

    /** The group's {@code zarr.json}: valid strict_image 0.5 attributes, plus what the schema leaves unchecked. */
    static void checkGroup(JsonNode group, WriterSettings settings, String status) {
        assertEquals(3, group.path("zarr_format").asInt(-1), "group zarr_format");
        assertEquals("group", group.path("node_type").asText(), "group node_type");
        JsonNode attributes = group.get("attributes");
        assertNotNull(attributes, "the group zarr.json has no attributes");
        assertEquals(List.of(), NgffSchemas.violations(NGFF, "strict_image", attributes),
                "strict_image 0.5 violations of " + attributes);

        JsonNode ome = attributes.get("ome");
        assertEquals("0.5", ome.path("version").asText(), "attributes.ome.version");
        assertTrue(ome.get("version").isTextual(), "the version is a string: " + ome.get("version"));
        assertFalse(attributes.has("version"), "version belongs under ome, not beside it: " + attributes);
        assertFalse(attributes.has("multiscales"), "multiscales belongs under ome (0.4 kept it at the top)");
        assertEquals(1, ome.get("multiscales").size(), "one multiscale image");
        JsonNode multiscale = ome.get("multiscales").get(0);
        assertFalse(multiscale.has("version"), "OME-NGFF 0.5 has no version inside multiscales: " + multiscale);
        MetadataValidation.checkMultiscale(multiscale, settings, status);
        assertEquals(status, attributes.path(org.zarrscope.metadata.ZarrscopeAttributes.KEY).path("status")
                .asText(), "zarrscope status");
    }

    /** An array's {@code zarr.json}, its {@code dimension_names} compared with the group's axis names. */
    static void checkArray(JsonNode array, JsonNode group, ArrayLayout settings, int timePoints) {
        assertEquals(3, array.path("zarr_format").asInt(-1), "array zarr_format");
        assertEquals("array", array.path("node_type").asText(), "array node_type");
        assertEquals(ints(timePoints, settings.storedChannels(), settings.zSlices(), settings.height(),
                settings.width()), array.get("shape"), "shape");
        String expectedType;
        switch (settings.pixelType()) {
            case UINT8:
            case RGB8:
                expectedType = "uint8";
                break;
            case UINT16:
                expectedType = "uint16";
                break;
            case UINT32:
                expectedType = "uint32";
                break;
            default:
                expectedType = "float32";
        }
        assertEquals(expectedType, array.path("data_type").asText(), "data_type of " + settings.pixelType());
        assertTrue(array.has("fill_value") && array.get("fill_value").isNumber()
                && array.get("fill_value").asDouble() == 0, "fill_value 0: " + array.get("fill_value"));

        List<String> axisNames = new ArrayList<>();
        multiscaleOf(attributesOf(group)).get("axes").forEach(axis -> axisNames.add(axis.get("name").asText()));
        JsonNode dimensionNames = array.get("dimension_names");
        assertNotNull(dimensionNames, "dimension_names is missing");
        List<String> names = new ArrayList<>();
        dimensionNames.forEach(name -> names.add(name.isTextual() ? name.asText() : String.valueOf(name)));
        assertEquals(axisNames, names, "dimension_names must equal the multiscales axis names");

        JsonNode grid = array.get("chunk_grid");
        assertEquals("regular", grid.path("name").asText(), "chunk_grid name");
        assertEquals(ints(settings.isSharded() ? settings.shardShape() : settings.chunkShape()),
                grid.path("configuration").get("chunk_shape"), "chunk_grid chunk_shape (the shard shape when sharded)");
        JsonNode keys = array.get("chunk_key_encoding");
        assertEquals("default", keys.path("name").asText(), "chunk_key_encoding");
        assertEquals("/", keys.path("configuration").path("separator").asText("/"), "chunk key separator");

        JsonNode codecs = array.get("codecs");
        assertTrue(codecs != null && codecs.isArray(), "codecs: " + codecs);
        if (settings.isSharded()) {
            assertEquals(1, codecs.size(), "sharding_indexed is the only codec: " + codecs);
            JsonNode sharding = codecs.get(0);
            assertEquals("sharding_indexed", sharding.path("name").asText());
            JsonNode configuration = sharding.get("configuration");
            assertEquals(ints(settings.chunkShape()), configuration.get("chunk_shape"), "inner chunk_shape");
            checkChunkCodecs(configuration.get("codecs"), settings);
            JsonNode indexCodecs = configuration.get("index_codecs");
            assertEquals(2, indexCodecs.size(), "index_codecs: bytes + crc32c: " + indexCodecs);
            checkBytesCodec(indexCodecs.get(0));
            assertEquals("crc32c", indexCodecs.get(1).path("name").asText(), "index checksum codec");
            assertEquals("end", configuration.path("index_location").asText("end"), "index_location");
        } else {
            checkChunkCodecs(codecs, settings);
        }
    }

    /** {@code bytes} (little-endian), then the compressor, if any. */
    private static void checkChunkCodecs(JsonNode codecs, ArrayLayout settings) {
        boolean compressed = settings.codec().compresses();
        assertEquals(compressed ? 2 : 1, codecs.size(), "bytes" + (compressed ? " + a compressor" : "") + ": " + codecs);
        checkBytesCodec(codecs.get(0));
        if (!compressed) {
            return;
        }
        JsonNode compressor = codecs.get(1);
        JsonNode configuration = compressor.get("configuration");
        assertNotNull(configuration, "compressor configuration: " + compressor);
        int typeSize = settings.pixelType().bytesPerSample();
        switch (settings.codec().name().split("-")[0]) { // the family: none, blosc, zstd, gzip
            case "blosc":
                assertEquals("blosc", compressor.path("name").asText());
                assertTrue(Set.of("lz4", "lz4hc", "blosclz", "zstd", "zlib", "snappy")
                        .contains(configuration.path("cname").asText()), "blosc cname " + configuration);
                assertTrue(configuration.path("clevel").isInt() && configuration.get("clevel").asInt() >= 0
                        && configuration.get("clevel").asInt() <= 9, "blosc clevel " + configuration);
                String shuffle = configuration.path("shuffle").asText();
                assertTrue(Set.of("noshuffle", "shuffle", "bitshuffle").contains(shuffle)
                        && configuration.get("shuffle").isTextual(), "blosc shuffle is a name: " + configuration);
                if (!shuffle.equals("noshuffle")) {
                    assertTrue(configuration.has("typesize"), "blosc with " + shuffle + " needs typesize: "
                            + configuration);
                }
                if (configuration.has("typesize")) {
                    assertTrue(configuration.get("typesize").isInt(), "typesize is an integer: " + configuration);
                    assertEquals(typeSize, configuration.get("typesize").asInt(), "blosc typesize");
                }
                assertTrue(configuration.path("blocksize").isInt() && configuration.get("blocksize").asInt() >= 0,
                        "blosc blocksize " + configuration);
                break;
            case "zstd":
                assertEquals("zstd", compressor.path("name").asText());
                assertFalse(configuration.has("checksum"), "zstd must have no checksum key: " + configuration);
                assertEquals(new TreeSet<>(List.of("level")), keys(configuration), "zstd configuration keys");
                assertTrue(configuration.get("level").isInt(), "zstd level " + configuration);
                break;
            default:
                assertEquals("gzip", compressor.path("name").asText());
                assertEquals(new TreeSet<>(List.of("level")), keys(configuration), "gzip configuration keys");
                assertTrue(configuration.get("level").isInt() && configuration.get("level").asInt() >= 0
                        && configuration.get("level").asInt() <= 9, "gzip level " + configuration);
        }
    }

    private static void checkBytesCodec(JsonNode codec) {
        assertEquals("bytes", codec.path("name").asText(), "the array-to-bytes codec: " + codec);
        assertEquals("little", codec.path("configuration").path("endian").asText(), "bytes endian: " + codec);
    }
}
