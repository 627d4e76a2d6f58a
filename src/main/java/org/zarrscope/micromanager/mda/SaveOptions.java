package org.zarrscope.micromanager.mda;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.zarrscope.SettingsException;
import org.zarrscope.SettingsText;
import org.zarrscope.WriterSettings;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.BloscShuffle;
import org.zarrscope.codec.CodecSpec;

/**
 * How the user wants Micro-Manager runs saved: format, codec, chunk and shard shape, writer
 * threads, memory budget, and how much memory the live viewer may use for recent frames. The
 * plugin keeps these in the user profile through {@link #toMap()} and {@link #fromMap(Map)}
 * (string keys and values; a missing key takes its default). Values are checked as a whole when
 * {@link MdaSettings} builds the writer settings, with errors naming the setting.
 */
public final class SaveOptions {
    /** The defaults: Zarr v3 with automatic shards, blosc-lz4, one plane per chunk. */
    public static final SaveOptions DEFAULTS = builder().build();

    /** Profile keys. */
    static final String FORMAT = "format";
    static final String CODEC = "codec";
    static final String LEVEL = "clevel";
    static final String SHUFFLE = "shuffle";
    static final String CHUNK = "chunk";
    static final String SHARD = "shard";
    static final String THREADS = "threads";
    static final String MEMORY = "memoryMiB";
    static final String CACHE = "viewerCacheMiB";

    private static final String DEFAULT_CODEC = "blosc-lz4";
    private static final String WHOLE_PLANE = "plane";
    private static final String AUTO = "auto";
    private static final String NONE = "none";

    private final ZarrFormat format;
    private final String codec;
    private final Integer level;
    private final BloscShuffle shuffle;
    private final int[] chunkShape;
    private final int[] shardShape;
    private final boolean unsharded;
    private final Integer writerThreads;
    private final long memoryMiB;
    private final long viewerCacheMiB;

    private SaveOptions(Builder b) {
        format = b.format;
        codec = b.codec;
        level = b.level;
        shuffle = b.shuffle;
        chunkShape = b.chunkShape == null ? null : b.chunkShape.clone();
        shardShape = b.shardShape == null ? null : b.shardShape.clone();
        unsharded = b.unsharded;
        writerThreads = b.writerThreads;
        memoryMiB = b.memoryMiB;
        viewerCacheMiB = b.viewerCacheMiB;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ZarrFormat format() { return format; }

    /** The codec these options name; throws {@link SettingsException} for an unknown name or level. */
    public CodecSpec codec() {
        return CodecSpec.parse(codec, level, shuffle);
    }

    /** Chunk extents t, c, z, y, x, or {@code null} for one whole plane per chunk. */
    public int[] chunkShape() { return chunkShape == null ? null : chunkShape.clone(); }

    /** Shard extents t, c, z, y, x, or {@code null} for automatic shards (v3) or none ({@link #unsharded()}). */
    public int[] shardShape() { return shardShape == null ? null : shardShape.clone(); }

    /** No shards, one file per chunk, also in v3. */
    public boolean unsharded() { return unsharded; }

    /** Chunk writer threads, or {@code null} for one per core. */
    public Integer writerThreads() { return writerThreads; }

    /** The writer's memory budget in MiB. */
    public long memoryMiB() { return memoryMiB; }

    /** Memory for recent frames kept for the viewer, in MiB, beyond frames not yet on disk. */
    public long viewerCacheMiB() { return viewerCacheMiB; }

    /** The options as strings, for a user profile. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(FORMAT, format.cliName());
        map.put(CODEC, codec);
        if (level != null) {
            map.put(LEVEL, level.toString());
        }
        if (shuffle != null) {
            map.put(SHUFFLE, shuffle.name().toLowerCase(Locale.ROOT));
        }
        map.put(CHUNK, chunkShape == null ? WHOLE_PLANE : SettingsText.format(chunkShape));
        map.put(SHARD, unsharded ? NONE : shardShape == null ? AUTO : SettingsText.format(shardShape));
        if (writerThreads != null) {
            map.put(THREADS, writerThreads.toString());
        }
        map.put(MEMORY, Long.toString(memoryMiB));
        map.put(CACHE, Long.toString(viewerCacheMiB));
        return map;
    }

    /**
     * Options from a profile's strings; missing keys take their defaults, unknown keys are
     * ignored (a newer plugin may have written them).
     *
     * @throws SettingsException naming the key whose value cannot be read
     */
    public static SaveOptions fromMap(Map<String, String> map) {
        Builder b = builder();
        String format = map.get(FORMAT);
        if (format != null) {
            b.format(ZarrFormat.fromName(format));
        }
        b.codec(map.getOrDefault(CODEC, DEFAULT_CODEC), integer(LEVEL, map.get(LEVEL)), shuffle(map.get(SHUFFLE)));
        String chunk = map.get(CHUNK);
        if (chunk != null && !chunk.equalsIgnoreCase(WHOLE_PLANE)) {
            b.chunkShape(SettingsText.extents(CHUNK, chunk));
        }
        String shard = map.get(SHARD);
        if (shard != null && shard.equalsIgnoreCase(NONE)) {
            b.unsharded();
        } else if (shard != null && !shard.equalsIgnoreCase(AUTO)) {
            b.shardShape(SettingsText.extents(SHARD, shard));
        }
        b.writerThreads(integer(THREADS, map.get(THREADS)));
        Integer memory = integer(MEMORY, map.get(MEMORY));
        if (memory != null) {
            b.memoryMiB(memory);
        }
        Integer cache = integer(CACHE, map.get(CACHE));
        if (cache != null) {
            b.viewerCacheMiB(cache);
        }
        return b.build();
    }

    private static Integer integer(String key, String text) {
        if (text == null) {
            return null;
        }
        return SettingsText.wholeNumber(key, text);
    }

    private static BloscShuffle shuffle(String text) {
        if (text == null) {
            return null;
        }
        try {
            return BloscShuffle.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(SHUFFLE, "'" + text + "' is not a blosc shuffle; allowed: noshuffle, shuffle, "
                    + "bitshuffle");
        }
    }

    /** Builds {@link SaveOptions}; unset values take the defaults of {@link #DEFAULTS}. */
    public static final class Builder {
        private ZarrFormat format = ZarrFormat.V3;
        private String codec = DEFAULT_CODEC;
        private Integer level;
        private BloscShuffle shuffle;
        private int[] chunkShape;
        private int[] shardShape;
        private boolean unsharded;
        private Integer writerThreads;
        private long memoryMiB = WriterSettings.DEFAULT_MEMORY_BUDGET >> 20;
        private long viewerCacheMiB = 256;

        private Builder() {
        }

        public Builder format(ZarrFormat value) { format = value; return this; }

        /** A codec by name ({@link CodecSpec#NAMES}); {@code level} and {@code shuffle} may be {@code null} for defaults. */
        public Builder codec(String name, Integer clevel, BloscShuffle bloscShuffle) {
            codec = name;
            level = clevel;
            shuffle = bloscShuffle;
            return this;
        }

        public Builder chunkShape(int[] tczyx) { chunkShape = tczyx == null ? null : tczyx.clone(); return this; }

        public Builder shardShape(int[] tczyx) {
            shardShape = tczyx == null ? null : tczyx.clone();
            unsharded = false;
            return this;
        }

        public Builder unsharded() {
            shardShape = null;
            unsharded = true;
            return this;
        }

        public Builder writerThreads(Integer value) { writerThreads = value; return this; }

        public Builder memoryMiB(long value) { memoryMiB = value; return this; }

        public Builder viewerCacheMiB(long value) { viewerCacheMiB = value; return this; }

        public SaveOptions build() { return new SaveOptions(this); }
    }
}
