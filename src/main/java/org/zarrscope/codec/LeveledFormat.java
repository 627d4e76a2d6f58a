package org.zarrscope.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A format whose one parameter is a level, named {@code level} in both Zarr versions
 * (numcodecs' and Zarr v3's {@code zstd} and {@code gzip}): everything but the compression
 * context is the same for each.
 */
abstract class LeveledFormat implements CompressionFormat {
    private final String zarrName;
    private final String inWords;
    private final int level;

    LeveledFormat(String zarrName, String inWords, int level, int minLevel, int maxLevel) {
        this.zarrName = zarrName;
        this.inWords = inWords;
        this.level = LevelRange.check(level, minLevel, maxLevel);
    }

    /** The level of metadata that names one, else {@code defaultLevel}. */
    static int levelIn(JsonNode parameters, int defaultLevel) {
        return parameters.path("level").asInt(defaultLevel);
    }

    int level() {
        return level;
    }

    @Override
    public String name() {
        return zarrName;
    }

    /** Only {@code level}: numcodecs releases in the field refuse other keys (zstd's {@code checksum}). */
    @Override
    public Map<String, Object> zarrV2Compressor() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", zarrName);
        json.put("level", level);
        return json;
    }

    /** Optional keys that are false by default (zstd's {@code checksum}) are left out. */
    @Override
    public Map<String, Object> zarrV3Codec(int typeSize) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("level", level);
        return ZarrV3Codec.of(zarrName, configuration);
    }

    @Override
    public String describe() {
        return inWords + ", level " + level;
    }

    @Override
    public String summary() {
        return zarrName + " level " + level;
    }
}
