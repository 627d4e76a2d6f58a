package org.zarrscope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the microscope recorded with one frame: elapsed time, exposure, stage position, camera,
 * and any further key/value pairs. Every field is optional ({@code null} when not recorded),
 * each stage axis on its own: a frame may know its focus position but not its XY stage's.
 */
public final class FrameMetadata {
    /** A frame with nothing recorded. */
    public static final FrameMetadata NONE = builder().build();

    private final Double elapsedMs;
    private final Double exposureMs;
    private final Double stageXUm;
    private final Double stageYUm;
    private final Double stageZUm;
    private final String camera;
    private final Map<String, String> extra;

    private FrameMetadata(Builder builder) {
        this.elapsedMs = builder.elapsedMs;
        this.exposureMs = builder.exposureMs;
        this.stageXUm = builder.stageXUm;
        this.stageYUm = builder.stageYUm;
        this.stageZUm = builder.stageZUm;
        this.camera = builder.camera;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extra));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Double elapsedMs() { return elapsedMs; }

    public Double exposureMs() { return exposureMs; }

    public Double stageXUm() { return stageXUm; }

    public Double stageYUm() { return stageYUm; }

    public Double stageZUm() { return stageZUm; }

    public String camera() { return camera; }

    /** Further metadata, in the order it was given. */
    public Map<String, String> extra() { return extra; }

    /** Builds {@link FrameMetadata}; unset fields stay {@code null}. */
    public static final class Builder {
        private Double elapsedMs;
        private Double exposureMs;
        private Double stageXUm;
        private Double stageYUm;
        private Double stageZUm;
        private String camera;
        private final Map<String, String> extra = new LinkedHashMap<>();

        public Builder elapsedMs(double value) { elapsedMs = value; return this; }

        public Builder exposureMs(double value) { exposureMs = value; return this; }

        /** All three stage axes, in µm. */
        public Builder stagePositionUm(double x, double y, double z) {
            return stageXUm(x).stageYUm(y).stageZUm(z);
        }

        /** The X stage position in µm, or {@code null} when not recorded. */
        public Builder stageXUm(Double value) { stageXUm = value; return this; }

        /** The Y stage position in µm, or {@code null} when not recorded. */
        public Builder stageYUm(Double value) { stageYUm = value; return this; }

        /** The focus (Z) position in µm, or {@code null} when not recorded. */
        public Builder stageZUm(Double value) { stageZUm = value; return this; }

        public Builder camera(String value) { camera = value; return this; }

        public Builder extra(String key, String value) { extra.put(key, value); return this; }

        public FrameMetadata build() { return new FrameMetadata(this); }
    }
}
