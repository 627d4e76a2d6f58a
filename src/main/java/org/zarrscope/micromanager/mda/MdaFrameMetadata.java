package org.zarrscope.micromanager.mda;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zarrscope.FrameMetadata;

/**
 * What Micro-Manager records with one image: elapsed time, exposure, stage X/Y/Z, camera,
 * position name, binning, bit depth, camera ROI, the device properties of the moment (scope
 * data), user data, and any other tag. A plain description: the mmstudio adapter fills it from
 * {@code Metadata}, {@link MdaJson} from a tagged image's JSON tags.
 *
 * <p>{@link #toFrameMetadata()} keeps all of it: the standard fields where the dataset's frame
 * table has them, everything else as extra key/values (see {@link #toFrameMetadata()} for the keys).
 */
public final class MdaFrameMetadata {
    /** An image with nothing recorded. */
    public static final MdaFrameMetadata NONE = builder().build();

    /** Extra keys in the frame table. */
    public static final String POSITION_NAME = "PositionName";
    public static final String BINNING = "Binning";
    public static final String BIT_DEPTH = "BitDepth";
    public static final String ROI = "ROI";
    /**
     * Extra keys that held a lone stage coordinate in frame tables written before each axis had a
     * field of its own: read back from such tables, never written now.
     */
    public static final String X_POSITION = "XPositionUm";
    public static final String Y_POSITION = "YPositionUm";
    public static final String Z_POSITION = "ZPositionUm";
    /** Prefixes of scope data and user data keys in the frame table, e.g. {@code ScopeData/Camera-Gain}. */
    public static final String SCOPE_DATA_PREFIX = "ScopeData/";
    public static final String USER_DATA_PREFIX = "UserData/";

    private final Double elapsedMs;
    private final Double exposureMs;
    private final Double xUm;
    private final Double yUm;
    private final Double zUm;
    private final String camera;
    private final String positionName;
    private final Integer binning;
    private final Integer bitDepth;
    private final int[] roi;
    private final Map<String, String> scopeData;
    private final Map<String, String> userData;
    private final Map<String, String> other;

    private MdaFrameMetadata(Builder b) {
        elapsedMs = b.elapsedMs;
        exposureMs = b.exposureMs;
        xUm = b.xUm;
        yUm = b.yUm;
        zUm = b.zUm;
        camera = b.camera;
        positionName = b.positionName;
        binning = b.binning;
        bitDepth = b.bitDepth;
        roi = b.roi == null ? null : b.roi.clone();
        scopeData = Collections.unmodifiableMap(new LinkedHashMap<>(b.scopeData));
        userData = Collections.unmodifiableMap(new LinkedHashMap<>(b.userData));
        other = Collections.unmodifiableMap(new LinkedHashMap<>(b.other));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Time since the run started, in ms. */
    public Double elapsedMs() { return elapsedMs; }

    public Double exposureMs() { return exposureMs; }

    /** Stage X in µm. */
    public Double xUm() { return xUm; }

    public Double yUm() { return yUm; }

    /** Focus (Z stage) in µm. */
    public Double zUm() { return zUm; }

    public String camera() { return camera; }

    public String positionName() { return positionName; }

    public Integer binning() { return binning; }

    public Integer bitDepth() { return bitDepth; }

    /** Camera ROI {@code x, y, width, height} in binned pixels, or {@code null}. */
    public int[] roi() { return roi == null ? null : roi.clone(); }

    /** Device properties when the image was taken, {@code Device-Property} → value. */
    public Map<String, String> scopeData() { return scopeData; }

    public Map<String, String> userData() { return userData; }

    /** Any other tag, e.g. {@code ImageNumber}. */
    public Map<String, String> other() { return other; }

    /**
     * The frame table's record: elapsed time, exposure, stage X/Y/Z (each axis that is known)
     * and camera in their fields; then {@value #POSITION_NAME},
     * {@value #BINNING}, {@value #BIT_DEPTH}, {@value #ROI} ({@code x,y,width,height}), the other
     * tags under their own names, scope data under {@value #SCOPE_DATA_PREFIX} and user data
     * under {@value #USER_DATA_PREFIX}.
     */
    public FrameMetadata toFrameMetadata() {
        FrameMetadata.Builder b = FrameMetadata.builder();
        if (elapsedMs != null) {
            b.elapsedMs(elapsedMs);
        }
        if (exposureMs != null) {
            b.exposureMs(exposureMs);
        }
        b.stageXUm(xUm).stageYUm(yUm).stageZUm(zUm);
        if (camera != null) {
            b.camera(camera);
        }
        putIfKnown(b, POSITION_NAME, positionName);
        putIfKnown(b, BINNING, binning);
        putIfKnown(b, BIT_DEPTH, bitDepth);
        if (roi != null) {
            b.extra(ROI, roi[0] + "," + roi[1] + "," + roi[2] + "," + roi[3]);
        }
        other.forEach(b::extra);
        scopeData.forEach((key, value) -> b.extra(SCOPE_DATA_PREFIX + key, value));
        userData.forEach((key, value) -> b.extra(USER_DATA_PREFIX + key, value));
        return b.build();
    }

    /**
     * The inverse of {@link #toFrameMetadata()}: an image's metadata as its frame table row keeps
     * it (for a dataset reopened in Micro-Manager's viewer). Extra keys that name no field come
     * back as other tags.
     */
    public static MdaFrameMetadata fromFrameMetadata(FrameMetadata row) {
        Builder b = builder().elapsedMs(row.elapsedMs()).exposureMs(row.exposureMs())
                .xUm(row.stageXUm()).yUm(row.stageYUm()).zUm(row.stageZUm()).camera(row.camera());
        for (Map.Entry<String, String> entry : row.extra().entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (key.startsWith(SCOPE_DATA_PREFIX)) {
                b.scopeData(key.substring(SCOPE_DATA_PREFIX.length()), value);
            } else if (key.startsWith(USER_DATA_PREFIX)) {
                b.userData(key.substring(USER_DATA_PREFIX.length()), value);
            } else {
                extra(b, key, value);
            }
        }
        return b.build();
    }

    private static void extra(Builder b, String key, String value) {
        switch (key) {
            case X_POSITION:
                b.xUm(Double.valueOf(value));
                break;
            case Y_POSITION:
                b.yUm(Double.valueOf(value));
                break;
            case Z_POSITION:
                b.zUm(Double.valueOf(value));
                break;
            case POSITION_NAME:
                b.positionName(value);
                break;
            case BINNING:
                b.binning(Integer.valueOf(value));
                break;
            case BIT_DEPTH:
                b.bitDepth(Integer.valueOf(value));
                break;
            case ROI: {
                String[] parts = value.split(",");
                b.roi(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                        Integer.parseInt(parts[3]));
                break;
            }
            default:
                b.other(key, value);
        }
    }

    private static void putIfKnown(FrameMetadata.Builder b, String key, Object value) {
        if (value != null) {
            b.extra(key, value.toString());
        }
    }

    /** Builds {@link MdaFrameMetadata}; unset fields stay {@code null} or empty. */
    public static final class Builder {
        private Double elapsedMs;
        private Double exposureMs;
        private Double xUm;
        private Double yUm;
        private Double zUm;
        private String camera;
        private String positionName;
        private Integer binning;
        private Integer bitDepth;
        private int[] roi;
        private final Map<String, String> scopeData = new LinkedHashMap<>();
        private final Map<String, String> userData = new LinkedHashMap<>();
        private final Map<String, String> other = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder elapsedMs(Double value) { elapsedMs = value; return this; }

        public Builder exposureMs(Double value) { exposureMs = value; return this; }

        public Builder xUm(Double value) { xUm = value; return this; }

        public Builder yUm(Double value) { yUm = value; return this; }

        public Builder zUm(Double value) { zUm = value; return this; }

        public Builder camera(String value) { camera = value; return this; }

        public Builder positionName(String value) { positionName = value; return this; }

        public Builder binning(Integer value) { binning = value; return this; }

        public Builder bitDepth(Integer value) { bitDepth = value; return this; }

        public Builder roi(int x, int y, int width, int height) { roi = new int[] {x, y, width, height}; return this; }

        public Builder scopeData(String key, String value) { scopeData.put(key, value); return this; }

        public Builder userData(String key, String value) { userData.put(key, value); return this; }

        public Builder other(String key, String value) { other.put(key, value); return this; }

        public MdaFrameMetadata build() { return new MdaFrameMetadata(this); }
    }
}
