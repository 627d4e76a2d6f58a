package org.zarrscope.pyramid;

/**
 * The resolution levels of an image: level 0 is the full-resolution array, level {@code k} is
 * {@code ceil(size / 2^k)} pixels along y and x (t, c and z are never reduced; see
 * {@link PlaneReducer}). Every level uses the full-resolution chunk shape, clipped to the level's
 * size.
 *
 * <p>How many levels (the settings' {@code pyramidLevels}): 0 means automatic, halving until
 * a level fits in one chunk in y and x, so a viewer zoomed all the way out reads a single chunk
 * per plane, and its larger side is at most {@value #OVERVIEW_SIDE} pixels, so that it fits on a
 * screen: with the default chunks (one whole frame) a 2048×2048 camera gets levels of 1024 and
 * 512, a 512×512 one none. A positive number {@code n} asks for {@code n} levels beyond full
 * resolution, fewer only if a level of 1×1 pixel comes first (halving it again would change
 * nothing).
 */
public final class PyramidLevels {
    /** The {@code pyramidLevels} value that asks for the automatic count. */
    public static final int AUTOMATIC = 0;
    /** The largest side of the smallest automatic level: a whole plane on a screen. */
    public static final int OVERVIEW_SIDE = 512;

    private final int width;
    private final int height;
    private final int count;

    private PyramidLevels(int width, int height, int count) {
        this.width = width;
        this.height = height;
        this.count = count;
    }

    /**
     * The levels of a {@code width × height} image with chunks of {@code chunkY × chunkX}.
     *
     * @param reducedLevels {@link #AUTOMATIC}, or the number of levels wanted beyond full resolution
     */
    public static PyramidLevels plan(int width, int height, int chunkY, int chunkX, int reducedLevels) {
        int count = 1;
        if (reducedLevels == AUTOMATIC) {
            while (size(height, count - 1) > chunkY || size(width, count - 1) > chunkX
                    || size(Math.max(width, height), count - 1) > OVERVIEW_SIDE) {
                count++;
            }
        } else {
            while (count <= reducedLevels && size(Math.max(width, height), count - 1) > 1) {
                count++;
            }
        }
        return new PyramidLevels(width, height, count);
    }

    /** {@code ceil(size / 2^level)}, the size of a level along y or x. */
    public static int size(int fullSize, int level) {
        return (int) ((fullSize + (1L << level) - 1) >> level);
    }

    /** Levels including level 0; 1 when there is no pyramid. */
    public int count() {
        return count;
    }

    public int width(int level) {
        return size(width, level);
    }

    public int height(int level) {
        return size(height, level);
    }

    /**
     * The OME-NGFF {@code scale} of a level along t, c, z, y, x: the full-resolution scale with
     * y and x times {@code 2^level}.
     */
    public static double[] scale(double[] fullResolution, int level) {
        double[] scale = fullResolution.clone();
        scale[3] *= 1L << level;
        scale[4] *= 1L << level;
        return scale;
    }

    /**
     * The OME-NGFF {@code translation} of a level along t, c, z, y, x, which puts each pixel's
     * centre where its value comes from: {@link Downsampling#blockOffsetPixels} full-resolution
     * pixels along y and x, 0 along t, c and z.
     */
    public static double[] translation(double[] fullResolution, int level, Downsampling method) {
        double offset = method.blockOffsetPixels(level);
        return new double[] {0, 0, 0, offset * fullResolution[3], offset * fullResolution[4]};
    }
}
