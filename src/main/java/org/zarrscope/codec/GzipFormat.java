package org.zarrscope.codec;

import com.fasterxml.jackson.databind.JsonNode;

/** Gzip at level 0–9, for readers that know nothing else (numcodecs' and Zarr v3's {@code gzip}). */
final class GzipFormat extends LeveledFormat {
    static final String ZARR_NAME = "gzip";
    static final int DEFAULT_LEVEL = 5;

    GzipFormat(int level) {
        super(ZARR_NAME, "gzip", level, 0, 9);
    }

    static GzipFormat fromZarr(JsonNode parameters) {
        return new GzipFormat(levelIn(parameters, DEFAULT_LEVEL));
    }

    @Override
    public Codec newCodec(int typeSize) {
        return new GzipCodec(level());
    }
}
