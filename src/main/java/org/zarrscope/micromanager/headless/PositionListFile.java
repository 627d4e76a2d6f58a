package org.zarrscope.micromanager.headless;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.zarrscope.StagePosition;

/**
 * A Micro-Manager 2 stage position list ({@code .pos}, saved from the Stage Position List
 * window): the JSON "Micro-Manager Property Map" in which every value is wrapped as
 * {@code {"type": …, "scalar" | "array": …}}. Each position has a label and, per stage device, a
 * target: two numbers for an XY stage, one for a focus drive or other single-axis stage.
 */
public final class PositionListFile {
    private PositionListFile() {
    }

    /** Where one stage device goes at a position. */
    public static final class StageTarget {
        private final String device;
        private final double[] um;

        StageTarget(String device, double[] um) {
            this.device = device;
            this.um = um;
        }

        public String device() {
            return device;
        }

        /** Whether this is an XY stage's target (x, y) rather than a single axis. */
        public boolean isXY() {
            return um.length == 2;
        }

        /** The position in µm: {x, y} for an XY stage, {z} for a single axis. */
        public double[] um() {
            return um.clone();
        }
    }

    /** One position of the list. */
    public static final class ListedPosition {
        private final String label;
        private final String defaultXYStage;
        private final String defaultZStage;
        private final List<StageTarget> targets;

        ListedPosition(String label, String defaultXYStage, String defaultZStage, List<StageTarget> targets) {
            this.label = label;
            this.defaultXYStage = defaultXYStage;
            this.defaultZStage = defaultZStage;
            this.targets = Collections.unmodifiableList(targets);
        }

        public String label() {
            return label;
        }

        /** The stage devices and where each goes, in the file's order (Micro-Manager moves them in this order). */
        public List<StageTarget> targets() {
            return targets;
        }

        /** The target of a device, or null when this position does not move it. */
        public StageTarget target(String device) {
            for (StageTarget target : targets) {
                if (target.device().equals(device)) {
                    return target;
                }
            }
            return null;
        }

        /**
         * The position as the dataset records it: x and y of the list's XY stage (its
         * {@code DefaultXYStage}, else the first XY target), z of {@code focusDevice} (else of the
         * list's {@code DefaultZStage}); unknown coordinates stay null.
         */
        public StagePosition toStagePosition(String focusDevice) {
            StageTarget xy = defaultXYStage == null ? null : target(defaultXYStage);
            for (int i = 0; xy == null && i < targets.size(); i++) {
                xy = targets.get(i).isXY() ? targets.get(i) : null;
            }
            StageTarget z = focusDevice == null ? null : target(focusDevice);
            if (z == null && defaultZStage != null) {
                z = target(defaultZStage);
            }
            boolean hasZ = z != null && !z.isXY();
            return new StagePosition(label, xy == null ? null : xy.um[0], xy == null ? null : xy.um[1],
                    hasZ ? z.um[0] : null);
        }
    }

    /** Reads a position list. */
    public static List<ListedPosition> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not a Micro-Manager position list (not JSON: " + e.getOriginalMessage() + ")");
        }
        JsonNode list = root == null ? null : root.path("map").path("StagePositions").get("array");
        if (list == null || !list.isArray()) {
            throw new IOException(file + " is not a Micro-Manager 2 position list: it has no map.StagePositions array "
                    + "(lists from Micro-Manager 1.4 must be loaded and saved again in Micro-Manager 2)");
        }
        List<ListedPosition> positions = new ArrayList<>();
        for (JsonNode entry : list) {
            String where = file + ", position " + positions.size();
            String label = scalar(entry, "Label");
            if (label == null || label.isEmpty()) {
                throw new IOException(where + " has no Label");
            }
            List<StageTarget> targets = new ArrayList<>();
            for (JsonNode device : entry.path("DevicePositions").path("array")) {
                String name = scalar(device, "Device");
                JsonNode numbers = device.path("Position_um").path("array");
                if (name == null || (numbers.size() != 1 && numbers.size() != 2)) {
                    throw new IOException(where + " (" + label + ") has a device position without a Device name or "
                            + "without one (focus) or two (XY) numbers in Position_um");
                }
                double[] um = new double[numbers.size()];
                for (int i = 0; i < um.length; i++) {
                    if (!numbers.get(i).isNumber()) {
                        throw new IOException(where + " (" + label + "): Position_um of " + name + " is not numeric");
                    }
                    um[i] = numbers.get(i).asDouble();
                }
                targets.add(new StageTarget(name, um));
            }
            positions.add(new ListedPosition(label, scalar(entry, "DefaultXYStage"), scalar(entry, "DefaultZStage"),
                    targets));
        }
        if (positions.isEmpty()) {
            throw new IOException(file + " lists no stage positions");
        }
        return positions;
    }

    private static String scalar(JsonNode map, String key) {
        JsonNode value = map.path(key).get("scalar");
        return value == null || value.isNull() ? null : value.asText();
    }
}
