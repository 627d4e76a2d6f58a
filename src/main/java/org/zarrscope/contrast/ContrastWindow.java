package org.zarrscope.contrast;

import org.zarrscope.PixelType;

/**
 * A channel's display range, as OME-NGFF's {@code omero} {@code window}: {@code start}/{@code end}
 * are where a viewer's contrast starts and ends, {@code min}/{@code max} the range its slider spans.
 */
public final class ContrastWindow {
    private final double min;
    private final double max;
    private final double start;
    private final double end;

    public ContrastWindow(double min, double max, double start, double end) {
        this.min = min;
        this.max = max;
        this.start = start;
        this.end = end;
    }

    /**
     * The window of a channel nothing is known about: the whole range of an integer pixel type,
     * 0 to 1 for float32 (the usual range of normalised float images).
     */
    public static ContrastWindow fullRange(PixelType type) {
        double max = typeMax(type);
        return new ContrastWindow(0, max, 0, max);
    }

    /** The largest value of an integer pixel type; 1 for float32, whose range has no useful bound. */
    static double typeMax(PixelType type) {
        switch (type) {
            case UINT8:
            case RGB8: return 255;
            case UINT16: return 65_535;
            case UINT32: return 4_294_967_295.0;
            default: return 1;
        }
    }

    public double min() { return min; }

    public double max() { return max; }

    public double start() { return start; }

    public double end() { return end; }

    @Override
    public String toString() {
        return "window " + start + " to " + end + " of " + min + " to " + max;
    }
}
