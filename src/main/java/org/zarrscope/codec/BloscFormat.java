package org.zarrscope.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zarrscope.SettingsException;

/**
 * Blosc 1 with an internal compressor ({@code lz4, zstd, blosclz, zlib}), level 0–9 and a shuffle
 * (numcodecs' and Zarr v3's {@code blosc}). Frames are written in Java where that is faster and by
 * c-blosc otherwise ({@link BloscFrameCodec#writes}).
 */
final class BloscFormat implements CompressionFormat {
    static final String ZARR_NAME = "blosc";
    static final List<String> CNAMES = Arrays.asList("lz4", "zstd", "blosclz", "zlib");
    /** numcodecs' default, for metadata that leaves {@code clevel} out. */
    private static final int NUMCODECS_DEFAULT_LEVEL = 5;

    private final String cname;
    private final int clevel;
    private final BloscShuffle shuffle;

    BloscFormat(String cname, int clevel, BloscShuffle shuffle) {
        if (!CNAMES.contains(cname)) {
            throw new SettingsException("codec", "unknown blosc compressor '" + cname + "'; allowed: " + CNAMES);
        }
        this.cname = cname;
        this.clevel = LevelRange.check(clevel, 0, 9);
        this.shuffle = shuffle;
    }

    /** Zarr v2 names the shuffle by its number. */
    static BloscFormat fromZarrV2(JsonNode compressor) {
        return new BloscFormat(compressor.path("cname").asText(), compressor.path("clevel").asInt(NUMCODECS_DEFAULT_LEVEL),
                BloscShuffle.fromCode(compressor.path("shuffle").asInt(BloscShuffle.SHUFFLE.code())));
    }

    /** Zarr v3 names the shuffle in words. */
    static BloscFormat fromZarrV3(JsonNode configuration) {
        return new BloscFormat(configuration.path("cname").asText(),
                configuration.path("clevel").asInt(NUMCODECS_DEFAULT_LEVEL),
                BloscShuffle.valueOf(configuration.path("shuffle").asText("shuffle").toUpperCase(Locale.ROOT)));
    }

    @Override
    public String name() {
        return ZARR_NAME + "-" + cname;
    }

    /** Only the keys every numcodecs release in the field accepts: no {@code typesize}, which v2 takes from the dtype. */
    @Override
    public Map<String, Object> zarrV2Compressor() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", ZARR_NAME);
        json.put("cname", cname);
        json.put("clevel", clevel);
        json.put("shuffle", shuffle.code());
        json.put("blocksize", 0);
        return json;
    }

    @Override
    public Map<String, Object> zarrV3Codec(int typeSize) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("cname", cname);
        configuration.put("clevel", clevel);
        configuration.put("shuffle", shuffle.name().toLowerCase(Locale.ROOT));
        configuration.put("typesize", typeSize);
        configuration.put("blocksize", 0);
        return ZarrV3Codec.of(ZARR_NAME, configuration);
    }

    @Override
    public Codec newCodec(int typeSize) {
        if (BloscFrameCodec.writes(cname, shuffle, typeSize)) {
            return BloscFrameCodec.of(cname, clevel, shuffle, typeSize);
        }
        return InstalledBlosc.isUsed() ? new InstalledBloscCodec(cname, clevel, shuffle, typeSize)
                : new BloscCodec(cname, clevel, shuffle, typeSize);
    }

    @Override
    public String describe() {
        return "Blosc " + cname + ", level " + clevel + ", " + shuffleInWords();
    }

    private String shuffleInWords() {
        switch (shuffle) {
            case NOSHUFFLE: return "no shuffle";
            case SHUFFLE: return "byte shuffle";
            default: return "bit shuffle";
        }
    }

    @Override
    public String summary() {
        return "blosc-" + cname + " clevel " + clevel + " " + shuffle.name().toLowerCase(Locale.ROOT);
    }
}
