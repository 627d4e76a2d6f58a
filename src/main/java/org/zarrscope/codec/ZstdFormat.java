package org.zarrscope.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Zstandard at level 1–22, one frame per chunk (numcodecs' and Zarr v3's {@code zstd}). */
final class ZstdFormat implements CompressionFormat {
    static final String ZARR_NAME = "zstd";
    static final int DEFAULT_LEVEL = 3;

    private final int level;

    ZstdFormat(int level) {
        this.level = LevelRange.check(level, 1, 22);
    }

    static ZstdFormat fromZarr(JsonNode parameters) {
        return new ZstdFormat(parameters.path("level").asInt(DEFAULT_LEVEL));
    }

    @Override
    public String name() {
        return ZARR_NAME;
    }

    /** Only {@code level}: numcodecs releases in the field refuse a {@code checksum} key. */
    @Override
    public Map<String, Object> zarrV2Compressor() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ZARR_NAME);
        json.put("level", level);
        return json;
    }

    /** Zarr v3's {@code checksum} is left out: it is false by default. */
    @Override
    public Map<String, Object> zarrV3Codec(int typeSize) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("level", level);
        return ZarrV3Codec.of(ZARR_NAME, configuration);
    }

    @Override
    public Codec newCodec(int typeSize) {
        return new ZstdCodec(level);
    }

    @Override
    public String describe() {
        return "Zstandard, level " + level;
    }

    @Override
    public String summary() {
        return "zstd level " + level;
    }
}
