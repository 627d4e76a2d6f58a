package org.zarrscope.convert;

import java.nio.ByteBuffer;

/**
 * RGB images as Micro-Manager hands them out: its TIFF storages write R, G, B per pixel (the alpha
 * dropped), its images and Zarrscope's RGB frames hold B, G, R, A. Converted into one buffer reused
 * for every image of a source, which the writer copies into its ring before the next is read.
 */
final class BgraPixels {
    private final ByteBuffer bgra;

    /** For images of at most {@code pixels} pixels. */
    BgraPixels(long pixels) {
        bgra = ByteBuffer.allocate(Math.toIntExact(pixels * 4));
    }

    /** {@code rgb}'s pixels (position to limit, left unmoved) as B, G, R, A; valid until the next call. */
    ByteBuffer from(ByteBuffer rgb) {
        int start = rgb.position();
        int count = rgb.remaining() / 3;
        ByteBuffer target = bgra.duplicate();
        target.clear().limit(count * 4);
        for (int i = 0; i < count; i++) {
            target.put(i * 4, rgb.get(start + i * 3 + 2));
            target.put(i * 4 + 1, rgb.get(start + i * 3 + 1));
            target.put(i * 4 + 2, rgb.get(start + i * 3));
            target.put(i * 4 + 3, (byte) 0);
        }
        return target;
    }
}
