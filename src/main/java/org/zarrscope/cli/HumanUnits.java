package org.zarrscope.cli;

import java.util.Locale;

/** Numbers as people read them in reports: sizes in B, kB, MB, GB, TB (powers of 1000, as disks count) and times. */
final class HumanUnits {
    private static final String[] SIZE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private HumanUnits() {
    }

    /** {@code 512 B}, {@code 18.4 kB}, {@code 20.1 GB}. */
    static String bytes(long bytes) {
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1000 && unit < SIZE_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, SIZE_UNITS[unit]);
    }

    /** A span of time: {@code 850 ms}, {@code 38.0 s}, {@code 12 min 5 s}, {@code 2 h 3 min}. */
    static String duration(double seconds) {
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", whole / 3600, whole / 60 % 60);
    }

    /** A clock's reading of time left, {@code h:mm:ss}, or {@code ?} when it is unknown. */
    static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60);
    }
}
