package org.zarrscope.contrast;

/**
 * Counts of sampled intensities of one stored channel, from which robust percentiles are read.
 *
 * <p>Integer types up to 16 bits get one bin per value (uint16: 65,536 bins, 512 KiB), so their
 * percentiles are exact for the sample. float32 and uint32 values are binned by the top 16 bits of
 * their float32 representation, made order-preserving: sign, the 8 exponent bits and 7 mantissa
 * bits. That is a logarithmic scale with 128 bins per power of two, so a percentile is known to
 * within 1/128 (0.8 %) of its value, over any range, with no guess of the data's range beforehand.
 * Non-finite samples (NaN, infinities) are not counted.
 */
final class IntensityHistogram {
    private static final int FLOAT_BINS = 1 << 16;
    private static final int SIGN = 0x8000_0000;
    private static final int EXPONENT = 0x7f80_0000;

    private final long[] counts;
    private final boolean exact;
    private long total;
    private float lowest = Float.POSITIVE_INFINITY;
    private float highest = Float.NEGATIVE_INFINITY;

    private IntensityHistogram(int bins, boolean exact) {
        this.counts = new long[bins];
        this.exact = exact;
    }

    /** One bin per value from 0 to {@code levels - 1}. */
    static IntensityHistogram exact(int levels) {
        return new IntensityHistogram(levels, true);
    }

    /** The logarithmic float32 bins. */
    static IntensityHistogram logarithmic() {
        return new IntensityHistogram(FLOAT_BINS, false);
    }

    /** Counts an integer value of an exact histogram; {@code value} must be below its levels. */
    void countExact(int value) {
        counts[value]++;
        total++;
    }

    /** Counts a value of a logarithmic histogram, keeping the sampled extremes. */
    void countFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & EXPONENT) == EXPONENT) {
            return; // NaN or infinite: no place on a display scale
        }
        counts[orderedKey(bits) >>> 16]++;
        total++;
        lowest = Math.min(lowest, value);
        highest = Math.max(highest, value);
    }

    long total() {
        return total;
    }

    /** The lowest and highest finite value sampled (logarithmic histograms only). */
    float lowest() {
        return lowest;
    }

    float highest() {
        return highest;
    }

    /**
     * The lower edge of the bin holding the sample at {@code fraction} (0 to 1) of the sorted
     * samples; only for a histogram that has counted something.
     */
    double lowerEdgeAt(double fraction) {
        int bin = binAt(fraction);
        return exact ? bin : Float.intBitsToFloat(bitsOfKey(bin << 16));
    }

    /** The upper edge of the bin holding the sample at {@code fraction}. */
    double upperEdgeAt(double fraction) {
        int bin = binAt(fraction);
        return exact ? bin : Float.intBitsToFloat(bitsOfKey((bin << 16) | 0xffff));
    }

    private int binAt(double fraction) {
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            seen += counts[bin];
            if (seen >= rank) {
                return bin;
            }
        }
        throw new IllegalStateException("percentile of an empty histogram");
    }

    /**
     * Float bits as an unsigned key in the order of the float values: positive values get the sign
     * bit set, negative ones are inverted so that larger magnitudes sort lower.
     */
    private static int orderedKey(int bits) {
        return bits >= 0 ? bits | SIGN : ~bits;
    }

    private static int bitsOfKey(int key) {
        return (key & SIGN) != 0 ? key & ~SIGN : ~key;
    }
}
