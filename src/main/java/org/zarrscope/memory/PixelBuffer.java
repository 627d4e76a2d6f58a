package org.zarrscope.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * A reusable block of memory holding little-endian pixels: a ring slot or a chunk buffer. The
 * typed views are made once, so copying a {@code short[]} frame in allocates nothing.
 *
 * <p>Off-heap (direct) memory lets the store write uncompressed chunks to disk, and codecs with
 * a direct-buffer API read them, without the JDK's hidden copy into a temporary direct buffer. A
 * heap array suits a codec that reads whole Java arrays (Blosc through blosc-java): a chunk of
 * exactly the array's size is then compressed without a copy. {@link MemoryPlan#pixelsOnHeap}
 * decides.
 */
public final class PixelBuffer {
    private final ByteBuffer bytes;
    private final ShortBuffer shorts;
    private final IntBuffer ints;
    private final FloatBuffer floats;

    public PixelBuffer(int capacity, boolean onHeap) {
        ByteBuffer memory = onHeap ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
        bytes = memory.order(ByteOrder.LITTLE_ENDIAN);
        shorts = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        ints = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        floats = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    public int capacity() {
        return bytes.capacity();
    }

    /** The whole buffer as bytes, position 0 and limit at capacity; callers work on duplicates. */
    public ByteBuffer bytes() {
        ByteBuffer view = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        view.clear(); // the copy methods move the shared buffer's position
        return view;
    }

    /** Copies {@code pixels} to the start of the buffer. */
    public void put(byte[] pixels) {
        bytes.clear();
        bytes.put(pixels);
    }

    public void put(short[] pixels) {
        shorts.clear();
        shorts.put(pixels);
    }

    public void put(int[] pixels) {
        ints.clear();
        ints.put(pixels);
    }

    public void put(float[] pixels) {
        floats.clear();
        floats.put(pixels);
    }

    /** Copies a {@code byte[]}, {@code short[]}, {@code int[]} or {@code float[]} frame to the start of the buffer. */
    public void putArray(Object pixels) {
        if (pixels instanceof short[]) {
            put((short[]) pixels);
        } else if (pixels instanceof byte[]) {
            put((byte[]) pixels);
        } else if (pixels instanceof int[]) {
            put((int[]) pixels);
        } else {
            put((float[]) pixels);
        }
    }

    /**
     * Copies {@code count} samples of a {@code short[]}, {@code int[]} or {@code float[]} frame,
     * from sample {@code from}, to sample {@code at} of this buffer: one row of a tile gathered
     * straight from a handed-over frame. Not thread-safe (it moves the shared typed views).
     */
    public void putSamples(int at, Object pixels, int from, int count) {
        if (pixels instanceof short[]) {
            shorts.position(at);
            shorts.put((short[]) pixels, from, count);
        } else if (pixels instanceof int[]) {
            ints.position(at);
            ints.put((int[]) pixels, from, count);
        } else {
            floats.position(at);
            floats.put((float[]) pixels, from, count);
        }
    }

    /**
     * Copies the remaining bytes of {@code pixels}, read in that buffer's own byte order, as
     * little-endian samples of {@code bytesPerSample} bytes.
     */
    public void put(ByteBuffer pixels, int bytesPerSample) {
        if (bytesPerSample == 1 || pixels.order() == ByteOrder.LITTLE_ENDIAN) {
            // the caller's position is put back rather than read through a duplicate: no object per frame
            int position = pixels.position();
            bytes.clear();
            bytes.put(pixels);
            pixels.position(position);
            return;
        }
        ByteBuffer source = pixels.duplicate().order(pixels.order());
        if (bytesPerSample == 2) {
            shorts.clear();
            shorts.put(source.asShortBuffer());
        } else {
            ints.clear();
            ints.put(source.asIntBuffer());
        }
    }

    /** Sets the first {@code length} bytes to zero, the fill value of every dataset. */
    public void clear(int length) {
        ByteBuffer target = bytes.duplicate();
        target.clear();
        while (target.position() < length) {
            target.put(ZEROS, 0, Math.min(ZEROS.length, length - target.position()));
        }
    }

    private static final byte[] ZEROS = new byte[64 * 1024];
}
