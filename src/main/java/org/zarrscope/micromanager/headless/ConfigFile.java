package org.zarrscope.micromanager.headless;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Micro-Manager hardware configuration file ({@code *.cfg}), checked line by line the way
 * MMCore's {@code loadSystemConfiguration} reads it, without loading any device: so a typo is
 * reported with its line number before minutes of hardware initialisation, and the files in
 * {@code device-configs/} are checked in CI where no Micro-Manager is installed.
 *
 * <p>The rules follow MMCore: a line starting with {@code #} is a comment; other lines are fields
 * separated by commas, empty fields dropped; the first field is a command with a fixed number of
 * fields; a device is loaded ({@code Device}) before any line names it, and a pixel-size preset
 * is defined ({@code ConfigPixelSize}) before its size is set. What MMCore can only learn from the
 * hardware (property names and allowed values) is not checked.
 */
public final class ConfigFile {
    /** The device MMCore itself provides: its properties set roles and start-up. */
    private static final String CORE = "Core";
    /** Core properties whose value is the label of a loaded device (or empty: no device). */
    private static final Set<String> ROLES = new LinkedHashSet<>(Arrays.asList("Camera", "Shutter", "Focus", "XYStage",
            "AutoFocus", "SLM", "Galvo", "ImageProcessor", "PressurePump", "VolumetricPump"));

    private final Set<String> devices;
    private final Map<String, List<String>> presets;
    private final Map<String, String> roles;
    private final String channelGroup;

    private ConfigFile(Set<String> devices, Map<String, List<String>> presets, Map<String, String> roles,
                       String channelGroup) {
        this.devices = Collections.unmodifiableSet(devices);
        this.presets = Collections.unmodifiableMap(presets);
        this.roles = Collections.unmodifiableMap(roles);
        this.channelGroup = channelGroup;
    }

    /** Reads and checks a configuration file. */
    public static ConfigFile read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * Checks the lines of a configuration file.
     *
     * @param name names the file in error messages
     * @throws ConfigFileException at the first line MMCore would refuse
     */
    public static ConfigFile parse(String name, List<String> lines) throws ConfigFileException {
        return new Checker(name).check(lines);
    }

    /** Labels of the devices the file loads, in file order. */
    public Set<String> devices() {
        return devices;
    }

    /** Configuration groups (e.g. {@code Channel}) and their presets (e.g. {@code DAPI}), in file order. */
    public Map<String, List<String>> presets() {
        return presets;
    }

    /** The channel group the file chooses ({@code Core,ChannelGroup}, the last one named), or null. */
    public String channelGroup() {
        return channelGroup;
    }

    /** The device label the file gives a core role ({@code Camera}, {@code Focus}, {@code XYStage}, …), or null. */
    public String role(String role) {
        return roles.get(role);
    }

    /** Walks the lines once, keeping what earlier lines declared. */
    private static final class Checker {
        private final String name;
        private final Set<String> devices = new LinkedHashSet<>();
        private final Map<String, List<String>> presets = new LinkedHashMap<>();
        private final Map<String, String> roles = new HashMap<>();
        private final Set<String> pixelSizePresets = new LinkedHashSet<>();
        /** Channel groups chosen by {@code Core,ChannelGroup}: checked at the end, as a group may be defined later. */
        private final Map<String, Integer> channelGroupsNamedAt = new LinkedHashMap<>();
        private String channelGroup;
        private int lineNumber;
        private String line;

        Checker(String name) {
            this.name = name;
        }

        ConfigFile check(List<String> lines) throws ConfigFileException {
            for (String text : lines) {
                lineNumber++;
                line = text;
                String trimmed = text.trim();
                if (trimmed.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                checkCommand(fields(trimmed));
            }
            for (Map.Entry<String, Integer> named : channelGroupsNamedAt.entrySet()) {
                if (!named.getKey().isEmpty() && !presets.containsKey(named.getKey())) {
                    lineNumber = named.getValue();
                    throw error("the channel group '" + named.getKey() + "' is never defined; defined groups: "
                            + presets.keySet());
                }
            }
            return new ConfigFile(devices, presets, roles, channelGroup == null || channelGroup.isEmpty() ? null : channelGroup);
        }

        /** MMCore splits at commas and drops empty fields ({@code CDeviceUtils::Tokenize}). */
        private static List<String> fields(String text) {
            List<String> fields = new ArrayList<>();
            for (String field : text.split(",")) {
                if (!field.isEmpty()) {
                    fields.add(field);
                }
            }
            return fields;
        }

        private void checkCommand(List<String> f) throws ConfigFileException {
            String command = f.get(0);
            switch (command) {
                case "Device":
                    count(f, 4);
                    if (!devices.add(f.get(1))) {
                        throw error("the device label '" + f.get(1) + "' is loaded twice");
                    }
                    break;
                case "Parent":
                    count(f, 3);
                    device(f.get(1));
                    device(f.get(2));
                    break;
                case "Property":
                    count(f, 3, 4);
                    property(f.get(1), f.get(2), f.size() == 4 ? f.get(3) : "");
                    break;
                case "Label":
                    count(f, 4);
                    device(f.get(1));
                    integer(f.get(2), "state");
                    break;
                case "Delay":
                case "FocusDirection":
                    count(f, 3);
                    device(f.get(1));
                    number(f.get(2), command.equals("Delay") ? "delay in ms" : "focus direction");
                    break;
                case "ConfigGroup":
                    count(f, 2, 5, 6);
                    List<String> groupPresets = presets.computeIfAbsent(f.get(1), group -> new ArrayList<>());
                    if (f.size() > 2) {
                        if (!groupPresets.contains(f.get(2))) {
                            groupPresets.add(f.get(2));
                        }
                        property(f.get(3), f.get(4), f.size() == 6 ? f.get(5) : "");
                    }
                    break;
                case "ConfigPixelSize":
                    count(f, 5);
                    pixelSizePresets.add(f.get(1));
                    device(f.get(2));
                    break;
                case "PixelSize_um":
                case "PixelSizeAngle_dxdz":
                case "PixelSizeAngle_dydz":
                case "PixelSizeOptimalZ_Um":
                    count(f, 3);
                    pixelSizePreset(f.get(1));
                    number(f.get(2), command);
                    break;
                case "PixelSizeAffine":
                    count(f, 8);
                    pixelSizePreset(f.get(1));
                    for (String value : f.subList(2, 8)) {
                        number(value, "affine transform element");
                    }
                    break;
                case "Config":
                case "Equipment":
                case "ImageSynchro":
                    throw error("'" + command + "' is an obsolete command that current Micro-Manager refuses");
                default:
                    throw error("unknown command '" + command + "'; known: Device, Parent, Property, Label, Delay, "
                            + "FocusDirection, ConfigGroup, ConfigPixelSize, PixelSize_um, PixelSizeAffine, "
                            + "PixelSizeAngle_dxdz, PixelSizeAngle_dydz, PixelSizeOptimalZ_Um");
            }
        }

        /** A property set directly or by a preset: of a loaded device, or of the core (roles, channel group). */
        private void property(String device, String property, String value) throws ConfigFileException {
            if (!device.equals(CORE)) {
                device(device);
                return;
            }
            if (ROLES.contains(property)) {
                if (!value.isEmpty()) {
                    device(value);
                }
                roles.put(property, value);
            } else if (property.equals("ChannelGroup")) {
                channelGroupsNamedAt.putIfAbsent(value, lineNumber);
                channelGroup = value;
            } else if (property.equals("Initialize") || property.equals("AutoShutter")) {
                if (!value.equals("0") && !value.equals("1")) {
                    throw error("Core," + property + " must be 0 or 1, not '" + value + "'");
                }
            } else if (!property.equals("TimeoutMs")) {
                throw error("the core has no property '" + property + "'; it has Initialize, AutoShutter, TimeoutMs, "
                        + "ChannelGroup and the roles " + ROLES);
            }
        }

        private void device(String label) throws ConfigFileException {
            if (!devices.contains(label)) {
                throw error("the device '" + label + "' is not loaded by an earlier Device line; loaded so far: "
                        + devices);
            }
        }

        private void pixelSizePreset(String preset) throws ConfigFileException {
            if (!pixelSizePresets.contains(preset)) {
                throw error("the pixel size preset '" + preset + "' is not defined by an earlier ConfigPixelSize line");
            }
        }

        private void count(List<String> f, int... allowed) throws ConfigFileException {
            for (int n : allowed) {
                if (f.size() == n) {
                    return;
                }
            }
            StringBuilder counts = new StringBuilder();
            for (int n : allowed) {
                counts.append(counts.length() == 0 ? "" : " or ").append(n);
            }
            throw error(f.get(0) + " takes " + counts + " comma-separated fields, this line has " + f.size());
        }

        private void integer(String text, String what) throws ConfigFileException {
            try {
                Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw error("the " + what + " '" + text + "' is not a whole number");
            }
        }

        private void number(String text, String what) throws ConfigFileException {
            try {
                Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw error("the " + what + " '" + text + "' is not a number");
            }
        }

        private ConfigFileException error(String problem) {
            return new ConfigFileException(name + ", line " + lineNumber + ": " + problem + " (line: '" + line + "')");
        }
    }
}
