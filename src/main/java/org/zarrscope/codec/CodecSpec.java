package org.zarrscope.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
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

    /** Blosc's default {@code clevel}: a fast camera's, chosen from the per-level table in docs/codecs.md. */
    public static final int DEFAULT_BLOSC_LEVEL = 1;

    /** Each compressor by the name Zarr v2 gives it ({@code compressor.id}), reading its parameters. */
    private static final Map<String, Function<JsonNode, CompressionFormat>> BY_ZARR_V2_NAME = Map.of(
            BloscFormat.ZARR_NAME, BloscFormat::fromZarrV2,
            ZstdFormat.ZARR_NAME, ZstdFormat::fromZarr,
            GzipFormat.ZARR_NAME, GzipFormat::fromZarr);

    /** Each compressor by the name Zarr v3 gives it ({@code codecs[].name}), reading its configuration. */
    private static final Map<String, Function<JsonNode, CompressionFormat>> BY_ZARR_V3_NAME = Map.of(
            BloscFormat.ZARR_NAME, BloscFormat::fromZarrV3,
            ZstdFormat.ZARR_NAME, ZstdFormat::fromZarr,
            GzipFormat.ZARR_NAME, GzipFormat::fromZarr);

    private final CompressionFormat format;

    private CodecSpec(CompressionFormat format) {
        this.format = format;
    }

    public static CodecSpec none() {
        return new CodecSpec(Uncompressed.INSTANCE);
    }

    /** Blosc with the given internal compressor ({@code lz4, zstd, blosclz, zlib}), level 0–9 and shuffle. */
    public static CodecSpec blosc(String cname, int clevel, BloscShuffle shuffle) {
        return new CodecSpec(new BloscFormat(cname, clevel, shuffle));
    }

    /** Zstandard at level 1–22. */
    public static CodecSpec zstd(int level) {
        return new CodecSpec(new ZstdFormat(level));
    }

    /** Gzip at level 0–9. */
    public static CodecSpec gzip(int level) {
        return new CodecSpec(new GzipFormat(level));
    }

    /**
     * Parses a CLI codec name ({@link #NAMES}). {@code level} of {@code null} takes each codec's
     * default (blosc {@value #DEFAULT_BLOSC_LEVEL}, zstd 3, gzip 5); {@code shuffle} applies to blosc only.
     */
    public static CodecSpec parse(String name, Integer level, BloscShuffle shuffle) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("none")) {
            return none();
        }
        if (lower.equals(ZstdFormat.ZARR_NAME)) {
            return zstd(level == null ? ZstdFormat.DEFAULT_LEVEL : level);
        }
        if (lower.equals(GzipFormat.ZARR_NAME)) {
            return gzip(level == null ? GzipFormat.DEFAULT_LEVEL : level);
        }
        String bloscPrefix = BloscFormat.ZARR_NAME + "-";
        if (lower.startsWith(bloscPrefix)) {
            return blosc(lower.substring(bloscPrefix.length()), level == null ? DEFAULT_BLOSC_LEVEL : level,
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
        return new CodecSpec(byName(BY_ZARR_V2_NAME, id, "Zarr compressor").apply(compressor));
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
            if (name.equals("bytes")) {
                if (!"little".equals(configuration.path("endian").asText("little"))) {
                    throw new IllegalArgumentException("only little-endian Zarr v3 arrays are supported");
                }
            } else {
                spec = new CodecSpec(byName(BY_ZARR_V3_NAME, name, "Zarr v3 codec").apply(configuration));
            }
        }
        return spec;
    }

    private static Function<JsonNode, CompressionFormat> byName(Map<String, Function<JsonNode, CompressionFormat>> formats,
                                                                String name, String what) {
        Function<JsonNode, CompressionFormat> reader = formats.get(name);
        if (reader == null) {
            throw new IllegalArgumentException("unsupported " + what + " '" + name + "'");
        }
        return reader;
    }

    /** The command-line name: {@code none}, {@code blosc-lz4}, {@code zstd}, {@code gzip}, ... */
    public String name() {
        return format.name();
    }

    /** Whether chunks are compressed at all. */
    public boolean compresses() {
        return format != Uncompressed.INSTANCE;
    }

    /**
     * The Zarr v2 {@code compressor} object, or {@code null} for none. Only the keys that every
     * numcodecs release in the field accepts (no {@code typesize} for blosc, no {@code checksum}
     * for zstd).
     */
    public Map<String, Object> zarrV2Compressor() {
        return format.zarrV2Compressor();
    }

    /**
     * The Zarr v3 codecs after {@code bytes} (none for uncompressed). Blosc names its shuffle and
     * needs the type size, which v2 takes from the dtype; Zstd's {@code checksum} is left out
     * when false.
     */
    public List<Map<String, Object>> zarrV3Codecs(int typeSize) {
        Map<String, Object> codec = format.zarrV3Codec(typeSize);
        return codec == null ? Collections.emptyList() : Collections.singletonList(codec);
    }

    /** A new compression context for samples of {@code typeSize} bytes; give each thread its own. */
    public Codec newCodec(int typeSize) {
        return format.newCodec(typeSize);
    }

    /** Which c-blosc writes and reads the Blosc frames Zarrscope does not write in Java, and why (docs/blosc-bindings.md). */
    public static String bloscLibrary() {
        return InstalledBlosc.describe();
    }

    /** Whether that is the c-blosc installed on this computer, on direct buffers (else blosc-java's, on heap arrays). */
    public static boolean usesInstalledBlosc() {
        return InstalledBlosc.isUsed();
    }

    /** The codec in words for a report, e.g. {@code Blosc lz4, level 1, byte shuffle}. */
    public String describe() {
        return format.describe();
    }

    @Override
    public String toString() {
        return format.summary();
    }
}
