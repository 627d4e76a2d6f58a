package org.zarrscope.pyramid;

/** How 2×2 pixels of one resolution level become one pixel of the next. */
public enum Downsampling {
    /** The mean: right for intensities (the default). */
    MEAN,
    /** The top-left pixel: keeps label values and exact camera counts. */
    NEAREST,
    /** The smallest of the four. */
    MIN,
    /** The largest of the four: keeps small bright structures visible when zoomed out. */
    MAX
}
