package org.zarrscope.codec;

/**
 * Blosc's pre-filter. Byte shuffle groups the high and low bytes of 16-bit samples and is what
 * makes camera data compress; bit shuffle is slower and sometimes smaller.
 */
public enum BloscShuffle {
    NOSHUFFLE(0), SHUFFLE(1), BITSHUFFLE(2);

    private final int code;

    BloscShuffle(int code) {
        this.code = code;
    }

    /** The numeric code used by c-blosc and by the Zarr v2 {@code shuffle} field. */
    public int code() {
        return code;
    }

    public static BloscShuffle fromCode(int code) {
        for (BloscShuffle shuffle : values()) {
            if (shuffle.code == code) {
                return shuffle;
            }
        }
        throw new IllegalArgumentException("unknown blosc shuffle code " + code + "; allowed: 0, 1, 2");
    }
}
