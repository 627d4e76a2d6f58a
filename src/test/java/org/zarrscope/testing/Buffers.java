package org.zarrscope.testing;

import java.nio.ByteBuffer;

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
}
