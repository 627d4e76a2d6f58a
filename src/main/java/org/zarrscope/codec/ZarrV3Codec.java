package org.zarrscope.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Zarr v3 codec entry: {@code {"name": ..., "configuration": {...}}}. */
final class ZarrV3Codec {
    private ZarrV3Codec() {
    }

    static Map<String, Object> of(String name, Map<String, Object> configuration) {
        Map<String, Object> codec = new LinkedHashMap<>();
        codec.put("name", name);
        codec.put("configuration", configuration);
        return codec;
    }
}
