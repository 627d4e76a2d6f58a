package org.zarrscope.bench;

import java.util.Arrays;

/** The figure a benchmark reports of its repeated measurements: the median, which one disturbed run cannot move. */
final class Median {
    private Median() {
    }

    /** The middle value; of an even count, the upper of the two middle ones. */
    static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
