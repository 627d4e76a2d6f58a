package org.zarrscope.pyramid;

/**
 * How each pixel of a pyramid level is made from the 2×2 pixels of the level above it. Only y
 * and x are reduced, never t, c or z (see {@link PlaneReducer} for why).
 *
 * <ul>
 *   <li>{@link #MEAN} (the default): the average, right for intensity data; zooming out looks like
 *       binning on the camera.</li>
 *   <li>{@link #NEAREST}: the top-left pixel of each 2×2 block (decimation); keeps exact values,
 *       e.g. for label images, at the price of aliasing.</li>
 *   <li>{@link #MIN}, {@link #MAX}: the smallest or largest value; {@code MAX} keeps single bright
 *       spots (beads, single molecules) visible when zoomed out.</li>
 * </ul>
 *
 * <p>At an odd edge a block holds only the pixels that exist (1 or 2); the method applies to
 * those. Integer means are rounded half up: {@code (sum + count / 2) / count}; float means are
 * computed in double ({@code ((a + b) + c) + d}, top-left, top-right, bottom-left, bottom-right)
 * and then rounded to float. For float data NaN propagates (like numpy's {@code mean},
 * {@code minimum} and {@code maximum}).
 */
public enum Downsampling {
    MEAN("mean", true),
    NEAREST("nearest", false),
    MIN("min", true),
    MAX("max", true);

    private final String ngffType;
    private final boolean centred;

    Downsampling(String ngffType, boolean centred) {
        this.ngffType = ngffType;
        this.centred = centred;
    }

    /** The name written as the OME-NGFF {@code multiscales[].type}, e.g. {@code mean}. */
    public String ngffType() {
        return ngffType;
    }

    /**
     * Where a level-{@code k} pixel's value comes from, in level-0 pixels from the top-left
     * pixel of its block: the block centre {@code (2^k − 1) / 2} for the methods that summarise
     * the whole block, 0 for {@link #NEAREST}, whose value is the block's top-left pixel. This is
     * the OME-NGFF {@code translation} of the level (times the pixel size), so every pixel is drawn
     * where its value was measured.
     */
    public double blockOffsetPixels(int level) {
        return centred ? ((1L << level) - 1) / 2.0 : 0.0;
    }
}
