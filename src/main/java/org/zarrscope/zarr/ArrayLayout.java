package org.zarrscope.zarr;

import java.util.Arrays;
import org.zarrscope.Axis;
import org.zarrscope.PixelType;
import org.zarrscope.codec.CodecSpec;

/**
 * How one array lies in the store: its 5-D shape {@code (t, c, z, y, x)}, chunk and shard
 * shapes, pixel type and codec. Each resolution level of an image is one; the writer plan
 * derives them from the user's settings before the first frame, and everything below the plan
 * (chunk grid and assembly, sinks, layouts, pyramid levels) reads only this value.
 *
 * <p>For {@link PixelType#RGB8} the channel axis holds three stored channels (R, G, B) per camera
 * channel; {@link #frameBytes()} is still the camera's frame as delivered.
 */
public final class ArrayLayout {
    /** {@link #timePoints()} of an open-ended time-lapse: the array grows as frames arrive. */
    public static final int UNBOUNDED = -1;

    private final int timePoints;
    private final int storedChannels;
    private final int zSlices;
    private final int height;
    private final int width;
    private final PixelType pixelType;
    private final int[] chunkShape;
    private final int[] shardShape;
    private final CodecSpec codec;

    /**
     * @param timePoints time points, or {@link #UNBOUNDED}
     * @param shardShape shard extents (multiples of {@code chunkShape}), or {@code null} when not sharded
     */
    public ArrayLayout(int timePoints, int storedChannels, int zSlices, int height, int width, PixelType pixelType,
                       int[] chunkShape, int[] shardShape, CodecSpec codec) {
        this.timePoints = timePoints;
        this.storedChannels = storedChannels;
        this.zSlices = zSlices;
        this.height = height;
        this.width = width;
        this.pixelType = pixelType;
        this.chunkShape = chunkShape.clone();
        this.shardShape = shardShape == null ? null : shardShape.clone();
        this.codec = codec;
    }

    /** This layout with other shard extents, or none ({@code null}). */
    public ArrayLayout withShards(int[] shard) {
        return new ArrayLayout(timePoints, storedChannels, zSlices, height, width, pixelType, chunkShape, shard, codec);
    }

    /** This layout reduced to {@code levelHeight × levelWidth}, chunks clipped to it, without shards. */
    public ArrayLayout reducedTo(int levelHeight, int levelWidth) {
        int[] chunk = chunkShape.clone();
        chunk[Axis.Y.dimension()] = Math.min(chunk[Axis.Y.dimension()], levelHeight);
        chunk[Axis.X.dimension()] = Math.min(chunk[Axis.X.dimension()], levelWidth);
        return new ArrayLayout(timePoints, storedChannels, zSlices, levelHeight, levelWidth, pixelType, chunk, null,
                codec);
    }

    /** Time points, or {@link #UNBOUNDED}. */
    public int timePoints() { return timePoints; }

    public boolean isTimeUnbounded() { return timePoints == UNBOUNDED; }

    /** Channels in the array: camera channels times 3 for RGB. */
    public int storedChannels() { return storedChannels; }

    public int zSlices() { return zSlices; }

    public int height() { return height; }

    public int width() { return width; }

    public PixelType pixelType() { return pixelType; }

    public CodecSpec codec() { return codec; }

    /** Chunk extents along t, c, z, y, x. */
    public int[] chunkShape() { return chunkShape.clone(); }

    public int chunk(Axis axis) { return chunkShape[axis.dimension()]; }

    /** Shard extents along t, c, z, y, x, or {@code null} when not sharded. */
    public int[] shardShape() { return shardShape == null ? null : shardShape.clone(); }

    public boolean isSharded() { return shardShape != null; }

    /** The array's shape, t first; an unbounded time axis is reported as {@code timeExtent}. */
    public int[] arrayShape(int timeExtent) {
        return new int[] {isTimeUnbounded() ? timeExtent : timePoints, storedChannels, zSlices, height, width};
    }

    /** Bytes of one uncompressed chunk. */
    public long chunkBytes() {
        long samples = 1;
        for (int extent : chunkShape) {
            samples *= extent;
        }
        return samples * pixelType.bytesPerSample();
    }

    /** Bytes of one camera frame of this array's plane size, as delivered. */
    public int frameBytes() {
        return Math.toIntExact((long) width * height * pixelType.inputBytesPerPixel());
    }

    @Override
    public String toString() {
        return "ArrayLayout" + Arrays.toString(arrayShape(timePoints)) + " " + pixelType.cliName() + " chunks "
                + Arrays.toString(chunkShape) + (shardShape == null ? "" : " shards " + Arrays.toString(shardShape))
                + " " + codec;
    }
}
