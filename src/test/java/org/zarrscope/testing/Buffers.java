package org.zarrscope.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.zarrscope.PixelType;

/** Pixels out of the {@link ByteBuffer}s that readers and the simulated camera hand out. */
public final class Buffers {
    private Buffers() {
    }

    /**
     * A copy of the whole buffer, from 0 to its capacity whatever its position and limit, for
     * comparing pixels with {@code assertArrayEquals}; the buffer itself is not moved.
     */
    public static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        copy.clear();
        byte[] array = new byte[copy.remaining()];
        copy.get(array);
        return array;
    }

    /**
     * The array a camera would hand over for a frame given as little-endian bytes (the whole
     * buffer): {@code byte[]} for 8-bit and RGB, {@code short[]}, {@code int[]} or {@code float[]}.
     */
    public static Object samples(ByteBuffer littleEndian, PixelType type) {
        ByteBuffer all = littleEndian.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        all.clear();
        switch (type) {
            case UINT8:
            case RGB8: return bytes(all);
            case UINT16: {
                short[] samples = new short[all.capacity() / 2];
                all.asShortBuffer().get(samples);
                return samples;
            }
            case UINT32: {
                int[] samples = new int[all.capacity() / 4];
                all.asIntBuffer().get(samples);
                return samples;
            }
            default: {
                float[] samples = new float[all.capacity() / 4];
                all.asFloatBuffer().get(samples);
                return samples;
            }
        }
    }
}
