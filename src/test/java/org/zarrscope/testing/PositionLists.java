package org.zarrscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Micro-Manager stage position lists ({@code .pos}, as its Stage Position List saves them) with
 * an XY stage {@code XY} and a focus drive {@code Z}, the labels of the demo configuration.
 */
public final class PositionLists {
    private PositionLists() {
    }

    /** One listed position: its label and where the XY stage and the focus go. */
    public static final class Entry {
        final String label;
        final double x;
        final double y;
        final double z;

        public Entry(String label, double x, double y, double z) {
            this.label = label;
            this.x = x;
            this.y = y;
            this.z = z;
        }
    }

    /** Writes the positions to {@code file} and returns it. */
    public static Path write(Path file, Entry... positions) throws IOException {
        String json = "{\"encoding\": \"UTF-8\", \"format\": \"Micro-Manager Property Map\", \"major_version\": 2, "
                + "\"minor_version\": 0, \"map\": {\"StagePositions\": {\"type\": \"PROPERTY_MAP\", \"array\": ["
                + Arrays.stream(positions).map(PositionLists::json).collect(Collectors.joining(", ")) + "]}}}";
        Files.write(file, json.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static String json(Entry position) {
        return "{\"DefaultXYStage\": {\"type\": \"STRING\", \"scalar\": \"XY\"}, \"DefaultZStage\": {\"type\": \"STRING\", "
                + "\"scalar\": \"Z\"}, \"DevicePositions\": {\"type\": \"PROPERTY_MAP\", \"array\": ["
                + "{\"Device\": {\"type\": \"STRING\", \"scalar\": \"Z\"}, \"Position_um\": {\"type\": \"DOUBLE\", "
                + "\"array\": [" + position.z + "]}}, {\"Device\": {\"type\": \"STRING\", \"scalar\": \"XY\"}, "
                + "\"Position_um\": {\"type\": \"DOUBLE\", \"array\": [" + position.x + ", " + position.y + "]}}]}, "
                + "\"GridCol\": {\"type\": \"INTEGER\", \"scalar\": 0}, \"GridRow\": {\"type\": \"INTEGER\", \"scalar\": 0}, "
                + "\"Label\": {\"type\": \"STRING\", \"scalar\": \"" + position.label + "\"}, "
                + "\"Properties\": {\"type\": \"PROPERTY_MAP\", \"scalar\": {}}}";
    }
}
