package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zarrscope.metadata.FrameTableKeys;
import org.zarrscope.metadata.FrameMetadataTable;
import org.zarrscope.metadata.ZarrscopeGroups;
import org.zarrscope.ngff.ImageCollection;
import org.zarrscope.simulate.SimulatedAcquisition;
import org.zarrscope.simulate.SimulatedCamera;
import org.zarrscope.simulate.SimulatedStage;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.testing.ExternalReader;
import org.zarrscope.testing.ZarrPython;
import org.zarrscope.testing.Zarrita;
import org.zarrscope.testing.MetadataValidation;

/**
 * Every folder of a dataset is a Zarr node of the dataset's format, so a reader walking the
 * hierarchy meets no stray folder (zarr-python 3 warns "not recognized as a component of a Zarr
 * hierarchy"): an array (whose chunk folders are its own) or a group with valid group metadata,
 * {@code zarrscope/}, {@code zarrscope/frames/} and {@code OME/} included. Checked for a single
 * image, several positions and a plate, each with a pyramid level, in Zarr v2, v3 sharded and v3
 * unsharded; right after open (before the first chunk), halfway through the run and at the end;
 * and the independent reader of each format opens every group found.
 */
@ExternalProcess
class EveryFolderIsAZarrNodeTest {
    private static final int WIDTH = 48;
    private static final int HEIGHT = 32;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String format : new String[] {"v2", "v3 sharded", "v3 unsharded"}) {
            cases.add(Arguments.of(format, "image", SimulatedStage.positions(1)));
            cases.add(Arguments.of(format, "positions", SimulatedStage.positions(3)));
            cases.add(Arguments.of(format, "plate", SimulatedStage.plate(2, 2, 2).subList(0, 5)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyFolderIsAnArrayOrAGroup(String format, String label, List<StagePosition> positions, @TempDir Path folder)
            throws Exception {
        WriterSettings settings = settings(folder.resolve(label + ".ome.zarr"), format, positions);
        ImageCollection images = new ImageCollection(settings);
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, settings.pixelType(), 7);
        List<FrameCoordinates> frames = new ArrayList<>();
        settings.order().forEachFrame(settings.positionCount(), settings.timePoints(), settings.channels(),
                settings.zSlices(), frames::add);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            assertEquals(expectedNodes(settings, images, false), nodes(settings),
                    "right after open, before the first chunk: every group and level 0 (the level is built at the end)");
            for (int i = 0; i < frames.size(); i++) {
                if (i == frames.size() / 2) {
                    assertEquals(expectedNodes(settings, images, false), nodes(settings), "halfway through the run");
                }
                writer.write(frames.get(i), camera.frame(frames.get(i)), FrameMetadata.NONE);
            }
            writer.finish();
        }
        Map<String, String> found = nodes(settings);
        assertEquals(expectedNodes(settings, images, true), found,
                "at the end: every group, level 0 and pyramid level 1 of every image");
        checkZarrscopeGroups(settings, images);
        readGroupsBack(settings, images, found);
    }

    /** A negative control: the walk names a folder whose group document is missing. */
    @Test
    void aFolderWithoutGroupMetadataIsFound(@TempDir Path folder) throws Exception {
        WriterSettings settings = settings(folder.resolve("run.ome.zarr"), "v3 sharded", SimulatedStage.positions(1));
        SimulatedAcquisition acquisition = new SimulatedAcquisition(settings, 7, settings.timePoints(), 0);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            acquisition.run(writer, Long.MAX_VALUE, done -> { });
            writer.finish();
        }
        Files.delete(settings.output().resolve(FrameTableKeys.FOLDER).resolve("zarr.json"));
        AssertionError stray = assertThrows(AssertionError.class, () -> nodes(settings));
        assertTrue(stray.getMessage().contains(FrameTableKeys.FOLDER), stray.getMessage());
    }

    private static WriterSettings settings(Path output, String format, List<StagePosition> positions) {
        WriterSettings.Builder builder = WriterSettings.builder().output(output)
                .format(format.startsWith("v2") ? ZarrFormat.V2 : ZarrFormat.V3).positions(positions)
                .channels(2).timePoints(2).zSlices(3).frameSize(WIDTH, HEIGHT).pixelType(PixelType.UINT16)
                .chunkShape(1, 1, 1, 16, 16).pyramid(PyramidMode.AFTER).pyramidLevels(1).writerThreads(1)
                .memoryBudgetBytes(8L << 20);
        if (format.equals("v3 sharded")) {
            builder.shardShape(1, 1, 3, 32, 32);
        } else if (format.startsWith("v3")) {
            builder.unsharded();
        }
        return builder.build();
    }

    /** Every node of the dataset, with or without pyramid level 1: path → {@code group} or {@code array}. */
    private static Map<String, String> expectedNodes(WriterSettings settings, ImageCollection images, boolean level1) {
        Map<String, String> nodes = new TreeMap<>();
        for (String group : new String[] {"", ImageCollection.OME_GROUP, ZarrscopeGroups.FOLDER, FrameTableKeys.FOLDER}) {
            nodes.put(group, "group");
        }
        for (int position = 0; position < settings.positionCount(); position++) {
            String image = images.imagePath(position);
            for (int slash = image.indexOf('/'); slash > 0; slash = image.indexOf('/', slash + 1)) {
                nodes.put(image.substring(0, slash), "group"); // a plate's row and well
            }
            nodes.put(image, "group");
            String prefix = image.isEmpty() ? "" : image + "/";
            nodes.put(prefix + AcquisitionWriter.FULL_RESOLUTION_PATH, "array");
            if (level1) {
                nodes.put(prefix + "1", "array");
            }
        }
        return nodes;
    }

    /**
     * Walks every folder from the root: each must be an array (not descended: its folders are
     * chunk keys) or a group with valid group metadata of the dataset's format (descended).
     *
     * @throws AssertionError naming the first folder that is neither
     */
    private static Map<String, String> nodes(WriterSettings settings) throws IOException {
        Map<String, String> nodes = new TreeMap<>();
        walk(settings.output(), "", settings.format() == ZarrFormat.V3, nodes);
        return nodes;
    }

    private static void walk(Path root, String path, boolean v3, Map<String, String> nodes) throws IOException {
        Path folder = path.isEmpty() ? root : root.resolve(path);
        String kind = v3 ? v3Node(folder, path) : v2Node(folder, path);
        nodes.put(path, kind);
        List<String> children = subfolders(folder);
        if (kind.equals("array")) {
            for (String child : children) {
                assertTrue(v3 ? child.equals("c") : child.chars().allMatch(Character::isDigit),
                        "array " + path + " holds the folder " + child + ", which is no chunk key");
            }
            return;
        }
        for (String child : children) {
            walk(root, path.isEmpty() ? child : path + "/" + child, v3, nodes);
        }
    }

    private static String v3Node(Path folder, String path) throws IOException {
        for (String v2Document : new String[] {".zgroup", ".zattrs", ".zarray"}) {
            assertFalse(Files.exists(folder.resolve(v2Document)), "a Zarr v3 dataset holds " + path + "/" + v2Document);
        }
        ObjectNode node = MetadataValidation.jsonObjectOrNull(folder.resolve("zarr.json"));
        assertNotNull(node, "the folder '" + path + "' is no Zarr v3 node: it has no zarr.json");
        assertEquals(3, node.path("zarr_format").asInt(), path + "/zarr.json: zarr_format");
        String type = node.path("node_type").asText();
        if (type.equals("group")) {
            assertEquals(new TreeSet<>(Arrays.asList("zarr_format", "node_type", "attributes")), fieldNames(node),
                    path + "/zarr.json: a group document holds these keys only");
            assertTrue(node.get("attributes").isObject(), path + "/zarr.json: attributes is an object");
        } else {
            assertEquals("array", type, path + "/zarr.json: node_type");
        }
        return type;
    }

    private static String v2Node(Path folder, String path) throws IOException {
        assertFalse(Files.exists(folder.resolve("zarr.json")), "a Zarr v2 dataset holds " + path + "/zarr.json");
        ObjectNode array = MetadataValidation.jsonObjectOrNull(folder.resolve(".zarray"));
        ObjectNode group = MetadataValidation.jsonObjectOrNull(folder.resolve(".zgroup"));
        assertFalse(array != null && group != null, path + " holds both .zarray and .zgroup");
        if (array != null) {
            assertEquals(2, array.path("zarr_format").asInt(), path + "/.zarray: zarr_format");
            return "array";
        }
        assertNotNull(group, "the folder '" + path + "' is no Zarr v2 node: it has no .zgroup or .zarray");
        assertEquals("{\"zarr_format\":2}", group.toString(), path + "/.zgroup");
        MetadataValidation.jsonObjectOrNull(folder.resolve(".zattrs")); // when present, a JSON object
        return "group";
    }

    private static List<String> subfolders(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).map(entry -> entry.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static TreeSet<String> fieldNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Zarrscope's own groups say what they hold, claim no OME-NGFF keys, and keep the table where it was. */
    private static void checkZarrscopeGroups(WriterSettings settings, ImageCollection images) throws IOException {
        JsonNode table = attributes(settings, FrameTableKeys.FOLDER);
        assertEquals(Arrays.asList("zarrscope"), new ArrayList<>(fieldNames(table)), "the frames group holds zarrscope keys only");
        assertEquals(ZarrscopeGroups.FRAME_TABLE_VERSION, table.path("zarrscope").path("frameTable").path("version").asInt());
        assertEquals(FrameMetadataTable.DEFAULT_SEGMENT_ROWS,
                table.path("zarrscope").path("frameTable").path("rowsPerSegment").asInt());
        assertTrue(Files.isRegularFile(settings.output().resolve(FrameTableKeys.segmentKey(0))),
                "the table's segments stay in the group's folder");
        JsonNode zarrscope = attributes(settings, ZarrscopeGroups.FOLDER);
        assertEquals(Arrays.asList("zarrscope"), new ArrayList<>(fieldNames(zarrscope)));
        JsonNode ome = attributes(settings, ImageCollection.OME_GROUP);
        if (images.rootIsImage()) {
            assertEquals(Arrays.asList("zarrscope"), new ArrayList<>(fieldNames(ome)),
                    "OME/ of a single image is no OME-NGFF group: no series, no version");
        } else {
            JsonNode series = settings.format() == ZarrFormat.V3 ? ome.path("ome").get("series") : ome.get("series");
            assertEquals(settings.positionCount(), series.size(), "a collection's OME/ lists its series as before");
        }
        assertTrue(Files.isRegularFile(settings.output().resolve(ImageCollection.OME_GROUP).resolve("METADATA.ome.xml")));
    }

    private static JsonNode attributes(WriterSettings settings, String group) throws IOException {
        Path folder = settings.output().resolve(group);
        return settings.format() == ZarrFormat.V3 ? MetadataValidation.jsonObjectOrNull(folder.resolve("zarr.json")).get("attributes")
                : MetadataValidation.jsonObjectOrNull(folder.resolve(".zattrs"));
    }

    /**
     * The format's independent reader (zarrita for v3, zarr-python for v2) opens every group the
     * walk found, while reading the first image; opening an array as a group fails (the control).
     */
    private static void readGroupsBack(WriterSettings settings, ImageCollection images, Map<String, String> found)
            throws Exception {
        List<String> groups = found.entrySet().stream().filter(node -> node.getValue().equals("group"))
                .map(Map.Entry::getKey).collect(Collectors.toList());
        Path image = settings.output().resolve(images.imagePath(0));
        String arrayOfFirstImage = images.rootIsImage() ? "0" : images.imagePath(0) + "/0";
        ExternalReader.Dataset<?> read;
        ExternalReader.Dataset<?> control;
        if (settings.format() == ZarrFormat.V3) {
            Map<String, Zarrita.Dataset> answer = Zarrita.read(new Zarrita.Request()
                    .addWithGroups("groups", image, "0", settings.output(), groups)
                    .addWithGroups("array as group", image, "0", settings.output(), Arrays.asList(arrayOfFirstImage)));
            read = answer.get("groups");
            control = answer.get("array as group");
        } else {
            Map<String, ZarrPython.Dataset> answer = ZarrPython.read(new ZarrPython.Request()
                    .addWithGroups("groups", image, "0", settings.output(), groups)
                    .addWithGroups("array as group", image, "0", settings.output(), Arrays.asList(arrayOfFirstImage)));
            read = answer.get("groups");
            control = answer.get("array as group");
        }
        read.assertReadable();
        for (String group : groups) {
            assertNotNull(read.groupAttributes(group), "the reader opened the group '" + group + "'");
        }
        assertEquals(FrameMetadataTable.DEFAULT_SEGMENT_ROWS, read.groupAttributes(FrameTableKeys.FOLDER)
                .path("zarrscope").path("frameTable").path("rowsPerSegment").asInt(), "the reader sees the table's attributes");
        assertNotNull(control.error(), "the reader refuses to open an array as a group: " + control);
    }
}
