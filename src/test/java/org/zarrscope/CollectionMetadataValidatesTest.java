package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrscope.contrast.ContrastEstimator;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.ngff.ImageCollection;
import org.zarrscope.ngff.OmeroMetadata;
import org.zarrscope.ngff.PlateLayout;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.simulate.SimulatedStage;
import org.zarrscope.store.FileSystemStore;
import org.zarrscope.testing.NgffSchemas;
import org.zarrscope.zarr.ZarrJson;

/**
 * Every group document of a multi-position dataset and of an HCS plate validates against the
 * strict OME-NGFF schemas, 0.4 for Zarr v2 ({@code .zattrs}) and 0.5 for Zarr v3 (the
 * {@code attributes} of {@code zarr.json}): the {@code bioformats2raw.layout} root, the
 * {@code OME} group's {@code series}, the {@code plate} and each {@code well}, and each image with
 * its {@code omero} channels and contrast windows. Beyond the schemas, the documents must agree
 * with each other and with the images on disk; negative controls show each schema is applied.
 */
class CollectionMetadataValidatesTest {
    private static final int WIDTH = 24;
    private static final int HEIGHT = 16;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (ZarrFormat format : ZarrFormat.values()) {
            cases.add(Arguments.of(format, "positions", SimulatedStage.positions(3), PixelType.UINT16));
            cases.add(Arguments.of(format, "plate", SimulatedStage.plate(2, 3, 2).subList(0, 9), PixelType.UINT16));
            cases.add(Arguments.of(format, "rgb positions", SimulatedStage.positions(2), PixelType.RGB8));
            cases.add(Arguments.of(format, "float plate", SimulatedStage.plate(1, 2, 1), PixelType.FLOAT32));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("cases")
    void everyGroupValidatesAndAgrees(ZarrFormat format, String label, List<StagePosition> positions, PixelType type,
                                      @TempDir Path folder) throws Exception {
        WriterSettings settings = WriterSettings.builder().output(folder.resolve("screen.ome.zarr")).format(format)
                .positions(positions).channels(2).channelInfo(SimulatedStage.channels(2)).timePoints(2).zSlices(2)
                .frameSize(WIDTH, HEIGHT).pixelType(type).pyramid(PyramidMode.NONE).writerThreads(1)
                .memoryBudgetBytes(8L << 20).build();
        ContrastEstimator contrast = write(settings);
        String version = format == ZarrFormat.V2 ? NgffSchemas.VERSION : NgffSchemas.VERSION_0_5;
        FileSystemStore store = new FileSystemStore(settings.output());
        ImageCollection images = new ImageCollection(settings);

        ObjectNode root = attributes(store, format, "");
        assertValid(version, "bf2raw", root);
        assertEquals(3, ome(root, format).get("bioformats2raw.layout").asInt());
        List<String> imagePaths = new ArrayList<>();
        for (int p = 0; p < settings.positionCount(); p++) {
            imagePaths.add(images.imagePath(p));
        }
        ObjectNode omeGroup = attributes(store, format, ImageCollection.OME_GROUP);
        assertValid(version, "ome", omeGroup);
        List<String> series = new ArrayList<>();
        ome(omeGroup, format).get("series").forEach(path -> series.add(path.asText()));
        assertEquals(imagePaths, series, "series: every image, in position order (the order of METADATA.ome.xml)");

        PlateLayout plate = settings.plate();
        assertEquals(label.contains("plate"), plate != null);
        if (plate != null) {
            assertValid(version, "strict_plate", root);
            checkPlate(store, format, version, ome(root, format).get("plate"), plate, imagePaths);
        }

        // the writer's own windows, computed on the ring, equal an estimator fed the same frames here
        ObjectNode omero = OmeroMetadata.of(settings, contrast.windows());
        for (String imagePath : imagePaths) {
            ObjectNode image = attributes(store, format, imagePath);
            assertEquals(omero.toString(), ome(image, format).get("omero").toString(), imagePath + ": omero as written");
            assertValid(version, "strict_image", image);
        }
        checkOmero(omero, settings);
        assertNegativeControls(version, format, root, omeGroup, attributes(store, format, imagePaths.get(0)), omero);
    }

    /** Rows, columns and wells as the position names say; every well lists fields that exist as images. */
    private static void checkPlate(FileSystemStore store, ZarrFormat format, String version, JsonNode attributes,
                                   PlateLayout plate, List<String> imagePaths) throws Exception {
        assertEquals("screen", attributes.get("name").asText(), "the plate is named after the dataset");
        assertEquals(plate.rows().size(), attributes.get("rows").size());
        assertEquals(plate.columns().size(), attributes.get("columns").size());
        assertEquals(plate.maxFieldsPerWell(), attributes.get("field_count").asInt());
        List<String> fieldPaths = new ArrayList<>();
        for (JsonNode well : attributes.get("wells")) {
            String path = well.get("path").asText();
            assertEquals(attributes.get("rows").get(well.get("rowIndex").asInt()).get("name").asText() + "/"
                    + attributes.get("columns").get(well.get("columnIndex").asInt()).get("name").asText(), path,
                    "a well's path is its row and column name");
            ObjectNode wellGroup = attributes(store, format, path);
            assertValid(version, "strict_well", wellGroup);
            for (JsonNode image : ome(wellGroup, format).get("well").get("images")) {
                fieldPaths.add(path + "/" + image.get("path").asText());
            }
            String row = path.substring(0, path.indexOf('/'));
            attributes(store, format, row); // the row group exists, so readers can walk the hierarchy
        }
        assertEquals(imagePaths.stream().sorted().collect(Collectors.toList()),
                fieldPaths.stream().sorted().collect(Collectors.toList()),
                "the wells list exactly the images written");
    }

    /** Labels and colours from the channel info, windows inside the data type's range. */
    private static void checkOmero(ObjectNode omero, WriterSettings settings) {
        JsonNode channels = omero.get("channels");
        assertEquals(settings.storedChannels(), channels.size());
        for (int c = 0; c < channels.size(); c++) {
            JsonNode channel = channels.get(c);
            JsonNode window = channel.get("window");
            double min = window.get("min").asDouble();
            double max = window.get("max").asDouble();
            double start = window.get("start").asDouble();
            double end = window.get("end").asDouble();
            assertTrue(min <= start && start < end && end <= max, "window of channel " + c + ": " + window);
            assertTrue(channel.get("color").asText().matches("[0-9A-F]{6}"), channel.toString());
            if (settings.pixelType() == PixelType.RGB8) {
                assertEquals(List.of("FF0000", "00FF00", "0000FF").get(c % 3), channel.get("color").asText());
                assertTrue(channel.get("label").asText().startsWith(settings.channelInfo().get(c / 3).name() + " "));
            } else {
                ChannelInfo info = settings.channelInfo().get(c);
                assertEquals(info.name(), channel.get("label").asText());
                assertEquals(String.format("%06X", info.rgb()), channel.get("color").asText());
            }
        }
    }

    /** A broken document of each kind is refused: the schemas are applied, strictly. */
    private static void assertNegativeControls(String version, ZarrFormat format, ObjectNode root, ObjectNode omeGroup,
                                               ObjectNode image, ObjectNode omero) {
        assertRefused(version, "bf2raw", root, doc -> ome(doc, format).put("bioformats2raw.layout", 2));
        assertRefused(version, "ome", omeGroup, doc -> ((ArrayNode) ome(doc, format).get("series")).add(3));
        ome(image, format).set("omero", omero.deepCopy());
        if (format == ZarrFormat.V2) { // 0.4 requires a colour per channel, 0.5 no longer does
            assertRefused(version, "strict_image", image,
                    doc -> ((ObjectNode) ome(doc, format).get("omero").get("channels").get(0)).remove("color"));
        }
        assertRefused(version, "strict_image", image,
                doc -> ((ObjectNode) ome(doc, format).get("omero").get("channels").get(0).get("window")).remove("end"));
        if (ome(root, format).has("plate")) {
            if (format == ZarrFormat.V3) {
                assertRefused(version, "strict_plate", root, doc -> ((ObjectNode) ome(doc, format).get("plate")).remove("name"));
            } else { // the 0.4 strict_plate revision the tests ship cannot check it (src/test/resources/ngff-schemas/README.md)
                assertTrue(ome(root, format).get("plate").hasNonNull("name"), "the 0.4 plate is named: " + root);
            }
            assertRefused(version, "strict_plate", root,
                    doc -> ((ObjectNode) ome(doc, format).get("plate").get("wells").get(0)).put("path", "A1"));
        }
    }

    private static void assertRefused(String version, String schema, ObjectNode valid, Consumer<ObjectNode> breakIt) {
        ObjectNode broken = valid.deepCopy();
        breakIt.accept(broken);
        assertFalse(NgffSchemas.violations(version, schema, broken).isEmpty(),
                version + " " + schema + " must refuse " + broken);
    }

    private static void assertValid(String version, String schema, JsonNode document) {
        assertEquals(List.of(), NgffSchemas.violations(version, schema, document), version + " " + schema + ": " + document);
    }

    /** The group's attributes: {@code .zattrs} (v2) or the {@code attributes} of {@code zarr.json} (v3). */
    private static ObjectNode attributes(FileSystemStore store, ZarrFormat format, String group) throws Exception {
        String prefix = group.isEmpty() ? "" : group + "/";
        if (format == ZarrFormat.V2) {
            assertTrue(ZarrJson.read(store, prefix + ".zgroup") != null, "group " + group + " has a .zgroup");
            return ZarrJson.read(store, prefix + ".zattrs");
        }
        ObjectNode document = ZarrJson.read(store, prefix + "zarr.json");
        assertEquals("group", document.get("node_type").asText(), group);
        return (ObjectNode) document.get("attributes");
    }

    /** Where OME-NGFF keys sit: the attributes themselves (0.4), or their {@code ome} object (0.5). */
    private static ObjectNode ome(ObjectNode attributes, ZarrFormat format) {
        return format == ZarrFormat.V2 ? attributes : (ObjectNode) attributes.get("ome");
    }

    /** Writes every frame of the simulated camera, observing them for contrast as the ring's observer would. */
    private static ContrastEstimator write(WriterSettings settings) throws Exception {
        ContrastEstimator contrast = new ContrastEstimator(settings);
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, settings.pixelType(), 3);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            List<FrameCoordinates> frames = new ArrayList<>();
            settings.order().forEachFrame(settings.positionCount(), settings.timePoints(), settings.channels(),
                    settings.zSlices(), frames::add);
            for (FrameCoordinates frame : frames) {
                Object pixels = camera.frame(frame);
                writer.write(frame, pixels, FrameMetadata.NONE);
                contrast.observe(frame, asRingSlot(pixels, settings.frameBytes()));
            }
            writer.finish();
        }
        return contrast;
    }

    /** The frame as the ring slot holds it: little-endian samples in an off-heap buffer. */
    private static ByteBuffer asRingSlot(Object pixels, int frameBytes) {
        PixelBuffer slot = new PixelBuffer(frameBytes, false);
        if (pixels instanceof short[]) {
            slot.put((short[]) pixels);
        } else if (pixels instanceof byte[]) {
            slot.put((byte[]) pixels);
        } else if (pixels instanceof int[]) {
            slot.put((int[]) pixels);
        } else {
            slot.put((float[]) pixels);
        }
        return slot.bytes();
    }
}
