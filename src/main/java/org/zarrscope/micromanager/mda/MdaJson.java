package org.zarrscope.micromanager.mda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import mmcorej.org.json.JSONArray;
import mmcorej.org.json.JSONException;
import mmcorej.org.json.JSONObject;
import org.zarrscope.StagePosition;
import org.zarrscope.micromanager.PixelSizeAffine;

/**
 * Reads Micro-Manager's JSON metadata, as MMCore, the MDA and AcqEngJ write it
 * ({@code mmcorej.org.json}): a run's summary into an {@link MdaSummary}, an image's tags into
 * an {@link MdaFrameMetadata} and its {@code Axes}. Keys follow AcqEngJ's {@code AcqEngMetadata}
 * and mmstudio's {@code PropertyKey} (with the older spellings both accept).
 */
public final class MdaJson {
    /** Image tags read as numbers into fields; one that is not a number is kept among the other tags. */
    private static final Set<String> NUMBER_FIELDS = new HashSet<>(Arrays.asList(
            "ElapsedTime-ms", "Exposure", "Exposure-ms", "XPosition_um", "YPosition_um", "ZPosition_um",
            "XPositionUm", "YPositionUm", "ZPositionUm", "XPosition_um_Intended", "YPosition_um_Intended",
            "ZPosition_um_Intended", "BitDepth", "Binning"));
    /** Binning as MMCore ("2") or older mmstudio ("2x2") writes it. */
    private static final Pattern BINNING = Pattern.compile("\\s*(\\d+)\\s*(x\\s*\\d+\\s*)?");
    /** Other image tags read into fields, or used for coordinates, and so not repeated among the other tags. */
    private static final Set<String> FRAME_FIELDS = new HashSet<>(Arrays.asList(
            "Camera", "PositionName", "ROI", "ROI-X-start", "ROI-Y-start", "ScopeData", "ScopeDataKeys", "UserData",
            "tags", "Axes"));

    private MdaJson() {
    }

    /** A run's summary; keys that are missing leave their field unset. */
    public static MdaSummary summary(JSONObject json) {
        try {
            MdaSummary.Builder b = MdaSummary.builder();
            b.orderedAxes(axisOrder(json));
            intendedDimensions(json).forEach(b::intended);
            b.channelGroup(string(json, "ChannelGroup"));
            JSONArray names = json.optJSONArray("ChNames");
            JSONArray colors = json.optJSONArray("ChColors");
            for (int c = 0; names != null && c < names.length(); c++) {
                b.channel(names.get(c).toString(), colors != null && c < colors.length() ? colors.getInt(c) : null);
            }
            b.zStepUm(number(json, "z-step_um"));
            b.intervalMs(number(json, "Interval_ms"));
            JSONArray positions = json.has("StagePositions") ? json.optJSONArray("StagePositions")
                    : json.optJSONArray("InitialPositionList");
            for (int p = 0; positions != null && p < positions.length(); p++) {
                b.stagePosition(stagePosition(positions.getJSONObject(p)));
            }
            Double pixelSize = number(json, "PixelSize_um");
            b.pixelSizeUm(pixelSize != null ? pixelSize : number(json, "PixelSizeUm"));
            b.pixelSizeAffine(affine(json));
            if (json.has("Width") && json.has("Height")) {
                b.frameSize(json.getInt("Width"), json.getInt("Height"));
            }
            String pixelType = string(json, "PixelType");
            if (pixelType != null) {
                b.pixelType(MdaPixelType.fromName(pixelType));
            }
            b.prefix(string(json, "Prefix"));
            b.directory(string(json, "Directory"));
            String start = string(json, "StartTime");
            b.startDate(start != null ? start : string(json, "DateAndTime"));
            JSONObject userData = json.optJSONObject("UserData");
            if (userData != null) {
                propertyMap(userData).forEach(b::userData);
            }
            return b.build();
        } catch (JSONException e) {
            throw new IllegalArgumentException("the summary metadata cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The axes outermost first: {@code AxisOrder}, else the MDA's two flags (as mmstudio reads
     * them), else none (the default order applies).
     */
    private static List<String> axisOrder(JSONObject json) throws JSONException {
        List<String> axes = new ArrayList<>();
        JSONArray order = json.optJSONArray("AxisOrder");
        if (order != null) {
            for (int i = 0; i < order.length(); i++) {
                axes.add(order.getString(i));
            }
        } else if (json.has("TimeFirst") && json.has("SlicesFirst")) {
            axes.addAll(json.getBoolean("TimeFirst") ? Arrays.asList(MdaSummary.POSITION, MdaSummary.TIME)
                    : Arrays.asList(MdaSummary.TIME, MdaSummary.POSITION));
            axes.addAll(json.getBoolean("SlicesFirst") ? Arrays.asList(MdaSummary.CHANNEL, MdaSummary.Z)
                    : Arrays.asList(MdaSummary.Z, MdaSummary.CHANNEL));
        }
        return axes;
    }

    /** {@code IntendedDimensions}, else the MDA's {@code Frames}, {@code Positions}, {@code Slices}, {@code Channels}. */
    private static Map<String, Integer> intendedDimensions(JSONObject json) throws JSONException {
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        JSONObject intended = json.optJSONObject("IntendedDimensions");
        if (intended != null) {
            for (Iterator<String> axes = intended.keys(); axes.hasNext(); ) {
                String axis = axes.next();
                dimensions.put(axis, intended.getInt(axis));
            }
            return dimensions;
        }
        String[][] counts = {{"Frames", MdaSummary.TIME}, {"Positions", MdaSummary.POSITION},
                {"Slices", MdaSummary.Z}, {"Channels", MdaSummary.CHANNEL}};
        for (String[] count : counts) {
            if (json.has(count[0])) {
                dimensions.put(count[1], json.getInt(count[0]));
            }
        }
        return dimensions;
    }

    /**
     * A position list entry: its label, X/Y of its default XY stage and Z of its default focus
     * stage, from {@code DevicePositions} ({@code Device}, {@code Position_um}).
     */
    private static StagePosition stagePosition(JSONObject json) throws JSONException {
        String xyStage = string(json, "DefaultXYStage");
        String zStage = string(json, "DefaultZStage");
        Double x = null;
        Double y = null;
        Double z = null;
        JSONArray devices = json.optJSONArray("DevicePositions");
        for (int i = 0; devices != null && i < devices.length(); i++) {
            JSONObject device = devices.getJSONObject(i);
            String label = string(device, "Device");
            JSONArray position = device.optJSONArray("Position_um");
            if (label == null || position == null) {
                continue;
            }
            if (label.equals(xyStage) && position.length() >= 2) {
                x = position.getDouble(0);
                y = position.getDouble(1);
            } else if (label.equals(zStage) && position.length() >= 1) {
                z = position.getDouble(0);
            }
        }
        return new StagePosition(string(json, "Label"), x, y, z);
    }

    /**
     * Micro-Manager's {@code a, b, tx, c, d, ty}: MMCore's {@code PixelSizeAffine} ("a;b;tx;c;d;ty"),
     * or AcqEngJ's {@code AffineTransform} (Java's matrix m00, m10, m01, m11 joined by "_", no
     * translation; "Undefined" when not calibrated). The identity is no calibration either (the
     * demo configuration's 0.65 µm pixels come with it): the pixel size then applies.
     */
    private static double[] affine(JSONObject json) {
        String core = string(json, "PixelSizeAffine");
        double[] affine = null;
        if (core != null) {
            affine = numbers(core, ";", 6, "PixelSizeAffine");
        } else {
            String acqEngJ = string(json, "AffineTransform");
            if (acqEngJ != null && !acqEngJ.equals("Undefined")) {
                double[] m = numbers(acqEngJ, "_", 4, "AffineTransform");
                affine = new double[] {m[0], m[2], 0, m[1], m[3], 0};
            }
        }
        return PixelSizeAffine.calibrated(affine);
    }

    private static double[] numbers(String text, String separator, int count, String key) {
        String[] parts = text.split(separator);
        if (parts.length != count) {
            throw new IllegalArgumentException(key + " '" + text + "' does not hold " + count + " numbers");
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = Double.parseDouble(parts[i].trim());
        }
        return values;
    }

    /**
     * An image's metadata. Device properties go to scope data when {@code ScopeDataKeys} lists
     * them (or under {@code ScopeData}); {@code UserData} and AcqEngJ's event {@code tags} to user
     * data; every other tag except {@code Axes} and those read into fields is kept as it is.
     */
    public static MdaFrameMetadata frameMetadata(JSONObject tags) {
        try {
            MdaFrameMetadata.Builder b = MdaFrameMetadata.builder();
            b.elapsedMs(number(tags, "ElapsedTime-ms"));
            b.exposureMs(first(number(tags, "Exposure"), number(tags, "Exposure-ms"), acqEngJExposureInUserData(tags)));
            b.xUm(first(number(tags, "XPosition_um"), number(tags, "XPositionUm"), number(tags, "XPosition_um_Intended")));
            b.yUm(first(number(tags, "YPosition_um"), number(tags, "YPositionUm"), number(tags, "YPosition_um_Intended")));
            b.zUm(first(number(tags, "ZPosition_um"), number(tags, "ZPositionUm"), number(tags, "ZPosition_um_Intended")));
            String camera = string(tags, "Camera");
            b.camera(camera != null && !camera.isEmpty() ? camera : string(tags, "Core-Camera"));
            b.positionName(string(tags, "PositionName"));
            String binning = string(tags, "Binning");
            if (binning != null && BINNING.matcher(binning).matches()) {
                b.binning(Integer.valueOf(binning.split("x")[0].trim()));
            }
            Double bitDepth = number(tags, "BitDepth");
            b.bitDepth(bitDepth == null ? null : bitDepth.intValue());
            roi(tags, b);
            Set<String> scopeKeys = new HashSet<>();
            JSONArray listed = tags.optJSONArray("ScopeDataKeys");
            for (int i = 0; listed != null && i < listed.length(); i++) {
                scopeKeys.add(listed.getString(i));
            }
            JSONObject scopeData = tags.optJSONObject("ScopeData");
            if (scopeData != null) {
                propertyMap(scopeData).forEach(b::scopeData);
            }
            for (String key : new String[] {"UserData", "tags"}) {
                JSONObject userData = tags.optJSONObject(key);
                if (userData != null) {
                    propertyMap(userData).forEach(b::userData);
                }
            }
            for (Iterator<String> keys = tags.keys(); keys.hasNext(); ) {
                String key = keys.next();
                if (scopeKeys.contains(key)) {
                    b.scopeData(key, text(tags.get(key)));
                } else if (!FRAME_FIELDS.contains(key) && !(NUMBER_FIELDS.contains(key) && wasRead(tags, key))) {
                    b.other(key, text(tags.get(key)));
                }
            }
            return b.build();
        } catch (JSONException e) {
            throw new IllegalArgumentException("the image metadata cannot be read: " + e.getMessage(), e);
        }
    }

    /** {@code ROI} as "x-y-width-height" (mmstudio), else MMCore's {@code ROI-X-start}, {@code ROI-Y-start}, {@code Width}, {@code Height}. */
    private static void roi(JSONObject tags, MdaFrameMetadata.Builder b) throws JSONException {
        String roi = string(tags, "ROI");
        if (roi != null) {
            double[] xywh = numbers(roi, "-", 4, "ROI");
            b.roi((int) xywh[0], (int) xywh[1], (int) xywh[2], (int) xywh[3]);
        } else if (tags.has("ROI-X-start") && tags.has("ROI-Y-start") && tags.has("Width") && tags.has("Height")) {
            b.roi(tags.getInt("ROI-X-start"), tags.getInt("ROI-Y-start"), tags.getInt("Width"), tags.getInt("Height"));
        }
    }

    /**
     * An image's {@code Axes}: axis → index (a {@link Number}) or, for AcqEngJ's channel axis,
     * the channel's name (a {@link String}).
     *
     * @throws IllegalArgumentException if the tags have no {@code Axes}
     */
    public static Map<String, Object> axes(JSONObject tags) {
        JSONObject axes = tags.optJSONObject("Axes");
        if (axes == null) {
            throw new IllegalArgumentException("the image has no 'Axes' in its tags; AcqEngJ puts its coordinates there");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            for (Iterator<String> names = axes.keys(); names.hasNext(); ) {
                String name = names.next();
                result.put(name, axes.get(name));
            }
        } catch (JSONException e) {
            throw new IllegalArgumentException("the image's Axes cannot be read: " + e.getMessage(), e);
        }
        return result;
    }

    /**
     * A property map as strings: plain values as they are, mmstudio's typed entries
     * ({@code {"type": …, "scalar": …}} or {@code "array"}) by their value.
     */
    private static Map<String, String> propertyMap(JSONObject json) throws JSONException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<String> keys = json.keys(); keys.hasNext(); ) {
            String key = keys.next();
            Object value = json.get(key);
            if (value instanceof JSONObject && ((JSONObject) value).has("scalar")) {
                value = ((JSONObject) value).get("scalar");
            } else if (value instanceof JSONObject && ((JSONObject) value).has("array")) {
                value = ((JSONObject) value).get("array");
            } else if (value instanceof JSONObject && ((JSONObject) value).has("PropVal")) {
                value = ((JSONObject) value).get("PropVal");
            }
            values.put(key, text(value));
        }
        return values;
    }

    private static String text(Object value) {
        return value == JSONObject.NULL ? "null" : value.toString();
    }

    private static String string(JSONObject json, String key) {
        Object value = json.opt(key);
        return value == null || value == JSONObject.NULL ? null : value.toString();
    }

    /** Whether a number field's tag was read into its field (binning may be written "2x2"). */
    private static boolean wasRead(JSONObject tags, String key) {
        return key.equals("Binning") ? BINNING.matcher(string(tags, key)).matches()
                : number(tags, key) != null;
    }

    /** A number, also when written as a string (MMCore's tags are strings); {@code null} when missing or not a number. */
    /**
     * Images the AcqEngJ engine acquired in MMStudio have no exposure field: mmstudio keeps AcqEngJ's
     * own {@code Exposure} tag (ms) in their user data, plain or as its typed {@code {"scalar": …}}
     * entry, where the live Studio route reads it too ({@code StudioImages}).
     */
    private static Double acqEngJExposureInUserData(JSONObject tags) {
        JSONObject userData = tags.optJSONObject("UserData");
        Object value = userData == null ? null : userData.opt("Exposure");
        return number(value instanceof JSONObject ? ((JSONObject) value).opt("scalar") : value);
    }

    private static Double number(JSONObject json, String key) {
        return number(json.opt(key));
    }

    private static Double number(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String) {
            try {
                return Double.valueOf(((String) value).trim());
            } catch (NumberFormatException e) {
                return null; // not a number: the caller keeps the tag as text (see wasRead)
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
