package org.zarrscope.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zarrscope.SettingsException;

/**
 * Which compression a dataset uses and with which parameters: an immutable description that is
 * written into the array metadata and turned into per-thread {@link Codec} contexts.
 *
 * <p>Choosing: {@code blosc-lz4} with byte shuffle (the default, clevel 1) is fast enough to keep
 * up with sCMOS cameras on a few cores and halves typical 16-bit camera data; {@code blosc-zstd}
 * (at clevel 1 about 60 % of lz4's speed, 15–45 % smaller) and {@code zstd} compress better; {@code gzip} is the slowest and
 * exists for readers that know nothing else; {@code none} costs no CPU.
 */
public final class CodecSpec {
    /** The codec names accepted on the command line. */
    public static final List<String> NAMES =
            Arrays.asList("none", "blosc-lz4", "blosc-zstd", "blosc-blosclz", "blosc-zlib", "zstd", "gzip");

    private static final List<String> BLOSC_CNAMES = Arrays.asList("lz4", "zstd", "blosclz", "zlib");

    /** The compression families. */
    public enum Kind { NONE, BLOSC, ZSTD, GZIP }

    private final Kind kind;
    private final String bloscCname;
    private final BloscShuffle shuffle;
    private final int level;

    private CodecSpec(Kind kind, String bloscCname, BloscShuffle shuffle, int level) {
        this.kind = kind;
        this.bloscCname = bloscCname;
        this.shuffle = shuffle;
        this.level = level;
    }

    public static CodecSpec none() {
        return new CodecSpec(Kind.NONE, null, null, 0);
    }

    /** Blosc with the given internal compressor ({@code lz4, zstd, blosclz, zlib}), level 0–9 and shuffle. */
    public static CodecSpec blosc(String cname, int clevel, BloscShuffle shuffle) {
        if (!BLOSC_CNAMES.contains(cname)) {
            throw new SettingsException("codec", "unknown blosc compressor '" + cname + "'; allowed: " + BLOSC_CNAMES);
        }
        checkLevel(clevel, 0, 9);
        return new CodecSpec(Kind.BLOSC, cname, shuffle, clevel);
    }

    /** Zstandard at level 1–22. */
    public static CodecSpec zstd(int level) {
        checkLevel(level, 1, 22);
        return new CodecSpec(Kind.ZSTD, null, null, level);
    }

    /** Gzip at level 0–9. */
    public static CodecSpec gzip(int level) {
        checkLevel(level, 0, 9);
        return new CodecSpec(Kind.GZIP, null, null, level);
    }

    /** Blosc's default {@code clevel}: a fast camera's, chosen from the per-level table in docs/codecs.md. */
    public static final int DEFAULT_BLOSC_LEVEL = 1;

    /**
     * Parses a CLI codec name ({@link #NAMES}). {@code level} of {@code null} takes each codec's
     * default (blosc {@value #DEFAULT_BLOSC_LEVEL}, zstd 3, gzip 5); {@code shuffle} applies to blosc only.
     */
    public static CodecSpec parse(String name, Integer level, BloscShuffle shuffle) {
        String lower = name.trim().toLowerCase();
        if (lower.equals("none")) {
            return none();
        }
        if (lower.equals("zstd")) {
            return zstd(level == null ? 3 : level);
        }
        if (lower.equals("gzip")) {
            return gzip(level == null ? 5 : level);
        }
        if (lower.startsWith("blosc-")) {
            return blosc(lower.substring("blosc-".length()), level == null ? DEFAULT_BLOSC_LEVEL : level,
                    shuffle == null ? BloscShuffle.SHUFFLE : shuffle);
        }
        throw new SettingsException("codec", "unknown codec '" + name + "'; allowed: " + NAMES);
    }

    /** Reads the {@code compressor} object of a Zarr v2 {@code .zarray} ({@code null} or JSON null: none). */
    public static CodecSpec fromZarrV2(JsonNode compressor) {
        if (compressor == null || compressor.isNull()) {
            return none();
        }
        String id = compressor.path("id").asText();
        switch (id) {
            case "blosc":
                return blosc(compressor.path("cname").asText(), compressor.path("clevel").asInt(5),
                        BloscShuffle.fromCode(compressor.path("shuffle").asInt(1)));
            case "zstd":
                return zstd(compressor.path("level").asInt(3));
            case "gzip":
                return gzip(compressor.path("level").asInt(5));
            default:
                throw new IllegalArgumentException("unsupported Zarr compressor '" + id + "'");
        }
    }

    /**
     * Reads a Zarr v3 codec list (the array's, or the one inside {@code sharding_indexed}):
     * {@code bytes} (little-endian) optionally followed by one compressor.
     */
    public static CodecSpec fromZarrV3(JsonNode codecs) {
        CodecSpec spec = none();
        for (JsonNode codec : codecs) {
            String name = codec.path("name").asText();
            JsonNode configuration = codec.path("configuration");
            switch (name) {
                case "bytes":
                    if (!"little".equals(configuration.path("endian").asText("little"))) {
                        throw new IllegalArgumentException("only little-endian Zarr v3 arrays are supported");
                    }
                    break;
                case "blosc":
                    spec = blosc(configuration.path("cname").asText(), configuration.path("clevel").asInt(5),
                            BloscShuffle.valueOf(configuration.path("shuffle").asText("shuffle").toUpperCase()));
                    break;
                case "zstd":
                    spec = zstd(configuration.path("level").asInt(3));
                    break;
                case "gzip":
                    spec = gzip(configuration.path("level").asInt(5));
                    break;
                default:
                    throw new IllegalArgumentException("unsupported Zarr v3 codec '" + name + "'");
            }
        }
        return spec;
    }

    private static void checkLevel(int level, int min, int max) {
        if (level < min || level > max) {
            throw new SettingsException("codecLevel", "level " + level + " is out of range; allowed: " + min + " to " + max);
        }
    }

    public Kind kind() { return kind; }

    /**
     * The Zarr v2 {@code compressor} object, or {@code null} for none. Only the keys that every
     * numcodecs release in the field accepts (no {@code typesize} for blosc, no {@code checksum}
     * for zstd).
     */
    public Map<String, Object> zarrV2Compressor() {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (kind) {
            case NONE:
                return null;
            case BLOSC:
                json.put("id", "blosc");
                json.put("cname", bloscCname);
                json.put("clevel", level);
                json.put("shuffle", shuffle.code());
                json.put("blocksize", 0);
                return json;
            case ZSTD:
                json.put("id", "zstd");
                json.put("level", level);
                return json;
            default:
                json.put("id", "gzip");
                json.put("level", level);
                return json;
        }
    }

    /**
     * The Zarr v3 codecs after {@code bytes} (none for uncompressed). Blosc names its shuffle and
     * needs the type size, which v2 takes from the dtype; Zstd's {@code checksum} is left out
     * when false.
     */
    public List<Map<String, Object>> zarrV3Codecs(int typeSize) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        String name;
        switch (kind) {
            case NONE:
                return java.util.Collections.emptyList();
            case BLOSC:
                name = "blosc";
                configuration.put("cname", bloscCname);
                configuration.put("clevel", level);
                configuration.put("shuffle", shuffle.name().toLowerCase());
                configuration.put("typesize", typeSize);
                configuration.put("blocksize", 0);
                break;
            case ZSTD:
                name = "zstd";
                configuration.put("level", level);
                break;
            default:
                name = "gzip";
                configuration.put("level", level);
                break;
        }
        Map<String, Object> codec = new LinkedHashMap<>();
        codec.put("name", name);
        codec.put("configuration", configuration);
        return java.util.Collections.singletonList(codec);
    }

    /** A new compression context for samples of {@code typeSize} bytes; give each thread its own. */
    public Codec newCodec(int typeSize) {
        switch (kind) {
            case NONE: return new RawCodec();
            case BLOSC:
                return BloscFrameCodec.writes(bloscCname, shuffle, typeSize) ? BloscFrameCodec.of(bloscCname, level, shuffle, typeSize)
                        : new BloscCodec(bloscCname, level, shuffle, typeSize);
            case ZSTD: return new ZstdCodec(level);
            default: return new GzipCodec(level);
        }
    }

    /** The codec in words for a report, e.g. {@code Blosc lz4, level 1, byte shuffle}. */
    public String describe() {
        switch (kind) {
            case NONE: return "none (uncompressed)";
            case BLOSC: return "Blosc " + bloscCname + ", level " + level + ", " + shuffleInWords();
            case ZSTD: return "Zstandard, level " + level;
            default: return "gzip, level " + level;
        }
    }

    private String shuffleInWords() {
        switch (shuffle) {
            case NOSHUFFLE: return "no shuffle";
            case SHUFFLE: return "byte shuffle";
            default: return "bit shuffle";
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case NONE: return "none";
            case BLOSC: return "blosc-" + bloscCname + " clevel " + level + " " + shuffle.name().toLowerCase();
            default: return kind.name().toLowerCase() + " level " + level;
        }
    }
}
