package org.zarrscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.function.Consumer;
import java.util.function.Function;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.pyramid.PyramidLevels;
import org.zarrscope.simulate.SimulatedCamera;

/**
 * What the metadata tests of the two formats share ({@code NgffMetadataValidatesTest}: Zarr v2 +
 * OME-NGFF 0.4, {@code V3MetadataValidatesTest}: Zarr v3 + OME-NGFF 0.5): the dataset layouts
 * they write, a run that a reader looks at right after open, while frames arrive and after finish,
 * the negative controls that show the schema is applied strictly, the checks of a
 * {@code multiscales} entry that are the same in both versions, and mutation testing of the checks.
 */
public final class MetadataValidation {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The frame size of every {@link Case}. */
    public static final int WIDTH = 32;
    public static final int HEIGHT = 24;

    /** UDUNITS-2 names OME-NGFF allows for space and time axes. */
    private static final Set<String> SPACE_UNITS = new HashSet<>(Arrays.asList("angstrom", "attometer", "centimeter",
            "decimeter", "exameter", "femtometer", "foot", "gigameter", "hectometer", "inch", "kilometer", "megameter",
            "meter", "micrometer", "mile", "millimeter", "nanometer", "parsec", "petameter", "picometer", "terameter",
            "yard", "yoctometer", "yottameter", "zeptometer", "zettameter"));
    private static final Set<String> TIME_UNITS = new HashSet<>(Arrays.asList("attosecond", "centisecond", "day",
            "decisecond", "exasecond", "femtosecond", "gigasecond", "hectosecond", "hour", "kilosecond", "megasecond",
            "microsecond", "millisecond", "minute", "nanosecond", "petasecond", "picosecond", "second", "terasecond",
            "yoctosecond", "yottasecond", "zeptosecond", "zettasecond"));

    private MetadataValidation() {
    }

    /** One dataset layout to write. */
    public static final class Case {
        public final String label;
        /** {@link WriterSettings#UNBOUNDED} for open-ended. */
        public final int timePoints;
        public final int channels;
        public final int zSlices;
        public final PixelType type;
        public final CodecSpec codec;
        public final Double pixelSize;
        public final Double zStep;
        public final Double interval;
        /** {@code null}: the default chunks. */
        public final int[] chunk;
        /** {@code null}: no shard shape given (Zarr v3 only). */
        public final int[] shard;

        public Case(String label, int timePoints, int channels, int zSlices, PixelType type, CodecSpec codec,
                    Double pixelSize, Double zStep, Double interval, int[] chunk) {
            this(label, timePoints, channels, zSlices, type, codec, pixelSize, zStep, interval, chunk, null);
        }

        public Case(String label, int timePoints, int channels, int zSlices, PixelType type, CodecSpec codec,
                    Double pixelSize, Double zStep, Double interval, int[] chunk, int[] shard) {
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
            this.shard = shard;
        }

        public boolean openEnded() {
            return timePoints == WriterSettings.UNBOUNDED;
        }

        /** The settings of this layout in {@code format}, two writer threads and a 16 MiB budget. */
        public WriterSettings settings(Path output, ZarrFormat format) {
            WriterSettings.Builder builder = WriterSettings.builder().output(output).format(format)
                    .timePoints(timePoints).channels(channels).zSlices(zSlices).frameSize(WIDTH, HEIGHT)
                    .pixelType(type).codec(codec).writerThreads(2).memoryBudgetBytes(16L << 20)
                    .pixelSizeUm(pixelSize).zStepUm(zStep).intervalSeconds(interval);
            if (chunk != null) {
                builder.chunkShape(chunk[0], chunk[1], chunk[2], chunk[3], chunk[4]);
            }
            if (shard != null) {
                builder.shardShape(shard[0], shard[1], shard[2], shard[3], shard[4]);
            } else {
                builder.unsharded(); // the "unsharded" cases; v2 has no shards anyway
            }
            return builder.build();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A reader looking at the dataset, checking all its metadata. */
    public interface DatasetCheck {
        /**
         * @param timePoints the time extent the array must have; {@code null} accepts any (still growing)
         * @param status the {@code zarrscope} status the group must have
         * @return the array's metadata document
         */
        JsonNode check(Integer timePoints, String status) throws IOException;
    }

    /**
     * Writes the case's frames (three time points when open-ended) while a reader looks right after
     * open, when half the frames have arrived (the time axis may have grown, never past what arrived)
     * and after finish (the time axis is final).
     */
    public static void writeWhileAReaderLooks(Case c, WriterSettings settings, DatasetCheck reader) throws IOException {
        boolean open = c.openEnded();
        int timePointsWritten = open ? 3 : c.timePoints;
        SimulatedCamera camera = new SimulatedCamera(WIDTH, HEIGHT, c.type, 5);
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            reader.check(open ? 0 : c.timePoints, "acquiring");

            List<FrameCoordinates> frames = new ArrayList<>();
            settings.order().forEachFrame(timePointsWritten, c.channels, c.zSlices, frames::add);
            int half = frames.size() / 2;
            for (FrameCoordinates frame : frames.subList(0, half)) {
                writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            JsonNode array = reader.check(open ? null : c.timePoints, "acquiring");
            int timeNow = array.get("shape").get(0).asInt();
            assertTrue(timeNow <= (open ? frames.get(half - 1).time() + 1 : c.timePoints),
                    "shape " + timeNow + " is ahead of the frames written");
            for (FrameCoordinates frame : frames.subList(half, frames.size())) {
                writer.write(frame, camera.frame(frame), FrameMetadata.NONE);
            }
            writer.finish();
        }
        reader.check(timePointsWritten, "complete");
    }

    /** Opens a uint16 dataset, writes an all-zero frame at each of {@code frames} (maybe none) and finishes. */
    public static void writeZeroFrames(WriterSettings settings, FrameCoordinates... frames) throws IOException {
        try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
            for (FrameCoordinates frame : frames) {
                writer.write(frame, new short[settings.width() * settings.height()], FrameMetadata.NONE);
            }
            writer.finish();
        }
    }

    /**
     * The negative controls of the {@code version} schemas, given the valid image attributes
     * {@code good} and where their first {@code multiscales} entry is: an image with one space axis
     * left (t, c, x) is invalid, as image.schema demands 2 to 3 (minContains); and strict_image, not
     * just image, is applied: without {@code metadata} only the strict schema objects.
     */
    public static void assertSchemaIsNotVacuous(String version, ObjectNode good,
                                                Function<ObjectNode, ObjectNode> multiscaleOf) {
        ObjectNode oneSpaceAxis = good.deepCopy();
        ArrayNode axes = (ArrayNode) multiscaleOf.apply(oneSpaceAxis).get("axes");
        for (Iterator<JsonNode> it = axes.elements(); it.hasNext(); ) {
            String name = it.next().get("name").asText();
            if (name.equals("z") || name.equals("y")) {
                it.remove();
            }
        }
        assertEquals(3, axes.size());
        List<String> violations = NgffSchemas.violations(version, "strict_image", oneSpaceAxis);
        assertTrue(violations.stream().anyMatch(v -> v.contains("[minContains]")),
                "a 1-space-axis image must be invalid with a minContains violation, got " + violations);

        ObjectNode noMetadata = good.deepCopy();
        multiscaleOf.apply(noMetadata).remove("metadata");
        assertEquals(List.of(), NgffSchemas.violations(version, "image", noMetadata));
        List<String> strict = NgffSchemas.violations(version, "strict_image", noMetadata);
        assertTrue(strict.stream().anyMatch(v -> v.contains("[required]") && v.contains("metadata")),
                "strict_image must require multiscales[].metadata, got " + strict);
    }

    /** Each mutation of a copy of {@code document} must make {@code check} fail. */
    public static void assertEveryMutationIsCaught(ObjectNode document, List<Consumer<ObjectNode>> mutations,
                                                   Consumer<ObjectNode> check) {
        for (Consumer<ObjectNode> mutation : mutations) {
            ObjectNode mutated = document.deepCopy();
            mutation.accept(mutated);
            assertThrows(AssertionError.class, () -> check.accept(mutated), "mutation not caught: " + mutated);
        }
    }

    /**
     * What the NGFF schemas do not check of one {@code multiscales} entry, the same in OME-NGFF 0.4
     * and 0.5 (which differ in where {@code version} goes): name, axis order, types and units, and
     * the scale (and translation) of every resolution level: level 0 alone while acquiring, every
     * pyramid level once the run is over.
     */
    public static void checkMultiscale(JsonNode multiscale, WriterSettings settings, String status) {
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
        int levels = "acquiring".equals(status) ? 1 : settings.plan().levels().count();
        assertEquals(levels, datasets.size(), "resolution levels while " + status);
        for (int level = 0; level < levels; level++) {
            assertEquals(String.valueOf(level), datasets.get(level).path("path").asText(), "path of level " + level);
            JsonNode transforms = datasets.get(level).get("coordinateTransformations");
            assertEquals("scale", transforms.get(0).path("type").asText(), "the first transformation is the scale");
            JsonNode scale = transforms.get(0).get("scale");
            assertEquals(axes.size(), scale.size(), "scale length = number of axes");
            double[] translation = PyramidLevels.translation(new double[] {0, 0, 0, 1, 1}, level,
                    settings.downsampling());
            for (int i = 0; i < 5; i++) {
                double factor = i >= 3 ? Math.pow(2, level) : 1;
                double expected = (physical[i] == null ? 1.0 : physical[i]) * factor;
                assertTrue(scale.get(i).isNumber(), "scale values are numbers");
                assertEquals(expected, scale.get(i).asDouble(), 0.0, "scale of axis " + names.get(i) + ", level " + level);
            }
            if (translation[3] == 0) {
                assertEquals(1, transforms.size(), "level " + level + " has only a scale: " + transforms);
            } else {
                assertEquals(2, transforms.size(), "level " + level + " has a scale and a translation: " + transforms);
                JsonNode shift = transforms.get(1).get("translation");
                for (int i = 0; i < 5; i++) {
                    double expected = i >= 3 ? translation[i] * (physical[i] == null ? 1.0 : physical[i]) : 0;
                    assertEquals(expected, shift.get(i).asDouble(), 1e-12, "translation of axis " + names.get(i)
                            + ", level " + level);
                }
            }
        }
        assertFalse(multiscale.has("coordinateTransformations") && multiscale.get("coordinateTransformations")
                .size() > 0 && !multiscale.get("coordinateTransformations").get(0).path("scale").isArray(),
                "a top-level transformation must be a scale");
    }

    /** The field names of a JSON object, sorted. */
    public static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    public static ArrayNode ints(int... values) {
        ArrayNode array = JSON.createArrayNode();
        for (int value : values) {
            array.add(value);
        }
        return array;
    }

    /** A JSON document that must exist. */
    /** The JSON object in {@code file}, or {@code null} when there is no such file; anything but an object fails. */
    public static ObjectNode jsonObjectOrNull(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode node = JSON.readTree(file.toFile());
        assertTrue(node.isObject(), file + " holds a JSON object");
        return (ObjectNode) node;
    }

    public static JsonNode readJson(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " must exist");
        return JSON.readTree(file.toFile());
    }
}
