package org.zarrscope.codec;

import com.fasterxml.jackson.databind.JsonNode;

/** Zstandard at level 1–22, one frame per chunk (numcodecs' and Zarr v3's {@code zstd}). */
final class ZstdFormat extends LeveledFormat {
    static final String ZARR_NAME = "zstd";
    static final int DEFAULT_LEVEL = 3;

    ZstdFormat(int level) {
        super(ZARR_NAME, "Zstandard", level, 1, 22);
    }

    static ZstdFormat fromZarr(JsonNode parameters) {
        return new ZstdFormat(levelIn(parameters, DEFAULT_LEVEL));
    }

    @Override
    public Codec newCodec(int typeSize) {
        return new ZstdCodec(level());
    }
}
