package org.zarrscope.codec;

import java.util.Map;

/**
 * One compression format with its parameters, as Zarr names it: it writes its own Zarr v2 and v3
 * metadata and makes its own compression contexts. Each format is one class; {@link CodecSpec}
 * finds them by their Zarr name when it reads metadata (one table per Zarr version), so a new
 * format is a new class, a line in each table, and its command-line name in
 * {@link CodecSpec#NAMES} and {@link CodecSpec#parse}.
 */
interface CompressionFormat {
    /** The name a report and the command line use, e.g. {@code blosc-lz4}, {@code zstd}, {@code none}. */
    String name();

    /** The Zarr v2 {@code compressor} object, or {@code null} for none. */
    Map<String, Object> zarrV2Compressor();

    /**
     * The Zarr v3 codec after {@code bytes} ({@code name} and {@code configuration}), or
     * {@code null} for none; {@code typeSize} is the sample size in bytes.
     */
    Map<String, Object> zarrV3Codec(int typeSize);

    /** A new compression context for samples of {@code typeSize} bytes. */
    Codec newCodec(int typeSize);

    /** The format in words for a report, e.g. {@code Blosc lz4, level 1, byte shuffle}. */
    String describe();

    /** The format and its parameters in short, as {@code toString} gives it. */
    String summary();
}
