package org.zarrscope.codec;

import java.util.Map;

/** No compression: chunks are stored as their little-endian bytes. */
final class Uncompressed implements CompressionFormat {
    static final Uncompressed INSTANCE = new Uncompressed();

    private Uncompressed() {
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public Map<String, Object> zarrV2Compressor() {
        return null;
    }

    @Override
    public Map<String, Object> zarrV3Codec(int typeSize) {
        return null;
    }

    @Override
    public Codec newCodec(int typeSize) {
        return new RawCodec();
    }

    @Override
    public String describe() {
        return "none (uncompressed)";
    }

    @Override
    public String summary() {
        return "none";
    }
}
