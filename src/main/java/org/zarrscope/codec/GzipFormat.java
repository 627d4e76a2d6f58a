package org.zarrscope.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gzip at level 0–9, for readers that know nothing else (numcodecs' and Zarr v3's {@code gzip}). */
final class GzipFormat implements CompressionFormat {
    static final String ZARR_NAME = "gzip";
    static final int DEFAULT_LEVEL = 5;

    private final int level;

    GzipFormat(int level) {
        this.level = LevelRange.check(level, 0, 9);
    }

    static GzipFormat fromZarr(JsonNode parameters) {
        return new GzipFormat(parameters.path("level").asInt(DEFAULT_LEVEL));
    }

    @Override
    public String name() {
        return ZARR_NAME;
    }

    @Override
    public Map<String, Object> zarrV2Compressor() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ZARR_NAME);
        json.put("level", level);
        return json;
    }

    @Override
    public Map<String, Object> zarrV3Codec(int typeSize) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("level", level);
        return ZarrV3Codec.of(ZARR_NAME, configuration);
    }

    @Override
    public Codec newCodec(int typeSize) {
        return new GzipCodec(level);
    }

    @Override
    public String describe() {
        return "gzip, level " + level;
    }

    @Override
    public String summary() {
        return "gzip level " + level;
    }
}
