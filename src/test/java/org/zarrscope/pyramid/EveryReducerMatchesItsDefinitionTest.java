package org.zarrscope.pyramid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zarrscope.PixelType;
import org.zarrscope.testing.Buffers;

/**
 * The pyramid's kernel, alone and in memory: every pixel type and method reduces planes of odd
 * and even sizes, with padded rows, to exactly what {@link Downsampling} defines, computed here
 * sample by sample from that definition (integer means rounded half up, float means summed in
 * double in block order, NaN propagating, unsigned integers compared as unsigned).
 */
class EveryReducerMatchesItsDefinitionTest {
    private static final PixelType[] TYPES = {PixelType.UINT8, PixelType.UINT16, PixelType.UINT32, PixelType.FLOAT32};
    private static final int[][] SIZES = {{1, 1}, {2, 2}, {1, 7}, {3, 5}, {17, 9}, {64, 33}, {31, 64}};

    @Test
    void everyTypeMethodAndSizeMatchesTheDefinition() {
        Random random = new Random(11);
        int checked = 0;
        for (PixelType type : TYPES) {
            int bytes = type.bytesPerSample();
            for (Downsampling method : Downsampling.values()) {
                PlaneReducer reducer = PlaneReducer.of(method, type);
                for (int[] size : SIZES) {
                    int height = size[0];
                    int width = size[1];
                    int sourceRow = (width + 3) * bytes; // padded rows: the kernel must honour the stride
                    int sourceOffset = 2 * bytes; // offsets and strides are whole samples (the kernel's contract)
                    ByteBuffer source = plane(sourceOffset + height * sourceRow, random, type);
                    int outWidth = PlaneReducer.reducedSize(width);
                    int outHeight = PlaneReducer.reducedSize(height);
                    int targetRow = (outWidth + 1) * bytes;
                    int targetOffset = bytes;
                    ByteBuffer target = ByteBuffer.allocate(targetOffset + outHeight * targetRow)
                            .order(ByteOrder.LITTLE_ENDIAN);
                    reducer.reducePlane(source, sourceOffset, sourceRow, height, width, target, targetOffset, targetRow);
                    for (int y = 0; y < outHeight; y++) {
                        for (int x = 0; x < outWidth; x++) {
                            String where = type + " " + method + " " + height + "x" + width + " at " + y + "," + x;
                            long expected = expected(source, sourceOffset, sourceRow, height, width, y, x, type, method);
                            assertEquals(expected, sample(target, targetOffset + y * targetRow + x * bytes, type), where);
                            checked++;
                        }
                    }
                }
            }
        }
        int perPlaneSet = 0;
        for (int[] size : SIZES) {
            perPlaneSet += PlaneReducer.reducedSize(size[0]) * PlaneReducer.reducedSize(size[1]);
        }
        assertEquals(TYPES.length * Downsampling.values().length * perPlaneSet, checked, "output pixels compared");
    }

    /**
     * A frame handed over as an array is reduced in place (the streaming pyramid's level 1) to the
     * same bytes as the same frame copied into a buffer.
     */
    @Test
    void aHandedOverArrayReducesAsItsBytesDo() {
        Random random = new Random(12);
        for (PixelType type : TYPES) {
            int bytes = type.bytesPerSample();
            for (Downsampling method : Downsampling.values()) {
                for (int[] size : SIZES) {
                    int height = size[0];
                    int width = size[1];
                    ByteBuffer frame = plane(height * width * bytes, random, type);
                    int outRow = PlaneReducer.reducedSize(width) * bytes;
                    int outBytes = PlaneReducer.reducedSize(height) * outRow;
                    ByteBuffer fromBytes = ByteBuffer.allocate(outBytes).order(ByteOrder.LITTLE_ENDIAN);
                    ByteBuffer fromArray = ByteBuffer.allocate(outBytes).order(ByteOrder.LITTLE_ENDIAN);
                    PlaneReducer.of(method, type).reducePlane(frame, 0, width * bytes, height, width, fromBytes, 0, outRow);
                    PlaneReducer reducer = PlaneReducer.of(method, type);
                    // its rows grown first (into a scratch plane), as by the frames before in a run
                    ByteBuffer scratch = ByteBuffer.allocate(outBytes).order(ByteOrder.LITTLE_ENDIAN);
                    reducer.reducePlane(frame, 0, width * bytes, height, width, scratch, 0, outRow);
                    Arrays.fill(fromArray.array(), (byte) 0xA5); // so that a reduction that writes nothing shows
                    reducer.reduceFrame(Buffers.samples(frame, type), height, width, fromArray, outRow);
                    assertEquals(fromBytes, fromArray, type + " " + method + " " + height + "x" + width);
                }
            }
        }
    }

    /** Random samples, with the extremes of the type and, for float, NaN and infinities among them. */
    private static ByteBuffer plane(int bytes, Random random, PixelType type) {
        ByteBuffer plane = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + type.bytesPerSample() <= bytes; at += type.bytesPerSample()) {
            int pick = random.nextInt(10);
            switch (type) {
                case UINT8: plane.put(at, (byte) (pick == 0 ? 0xFF : pick == 1 ? 0 : random.nextInt(256))); break;
                case UINT16: plane.putShort(at, (short) (pick == 0 ? 0xFFFF : random.nextInt(65536))); break;
                case UINT32: plane.putInt(at, pick == 0 ? 0xFFFFFFFF : random.nextInt()); break;
                default:
                    float[] special = {Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.MAX_VALUE};
                    plane.putFloat(at, pick == 0 ? special[random.nextInt(special.length)]
                            : (float) (random.nextGaussian() * 1000));
            }
        }
        return plane;
    }

    /** The sample as a long: unsigned integers by value, floats by their bits (so NaN equals NaN). */
    private static long sample(ByteBuffer plane, int at, PixelType type) {
        switch (type) {
            case UINT8: return plane.get(at) & 0xFFL;
            case UINT16: return plane.getShort(at) & 0xFFFFL;
            case UINT32: return plane.getInt(at) & 0xFFFFFFFFL;
            default: return Float.floatToIntBits(plane.getFloat(at));
        }
    }

    private static long expected(ByteBuffer source, int offset, int row, int height, int width, int y, int x,
                                 PixelType type, Downsampling method) {
        int bytes = type.bytesPerSample();
        long[] values = new long[4];
        int count = 0;
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                int sy = 2 * y + dy;
                int sx = 2 * x + dx;
                if (sy < height && sx < width) {
                    values[count++] = sample(source, offset + sy * row + sx * bytes, type);
                }
            }
        }
        if (method == Downsampling.NEAREST) {
            return values[0];
        }
        if (type == PixelType.FLOAT32) {
            return Float.floatToIntBits(floatOf(values, count, method));
        }
        long result = values[0];
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
            result = method == Downsampling.MIN ? Math.min(result, values[i]) : Math.max(result, values[i]);
        }
        return method == Downsampling.MEAN ? (sum + count / 2) / count : result;
    }

    private static float floatOf(long[] bits, int count, Downsampling method) {
        double sum = 0;
        float extreme = Float.intBitsToFloat((int) bits[0]);
        for (int i = 0; i < count; i++) {
            float value = Float.intBitsToFloat((int) bits[i]);
            sum += value;
            extreme = method == Downsampling.MIN ? Math.min(extreme, value) : Math.max(extreme, value);
        }
        return method == Downsampling.MEAN ? (float) (sum / count) : extreme;
    }
}
