package org.zarrscope.chunk;

import java.nio.ByteBuffer;
import org.zarrscope.Axis;
import org.zarrscope.PixelType;
import org.zarrscope.zarr.ArrayLayout;
import org.zarrscope.memory.PixelBuffer;

/**
 * Copies one tile of a frame into its plane of a chunk buffer, row by row: from little-endian
 * bytes (a ring slot, a handed-over {@code byte[]}, a reduced pyramid plane; RGB taken apart into
 * its colours) or straight from a handed-over {@code short[]}, {@code int[]} or {@code float[]}.
 * Stateless, so the assembler and the writer threads share one.
 */
final class TileCopier {
    private final ArrayLayout layout;
    private final ChunkGrid grid;
    private final int bytesPerSample;
    private final int chunkRowBytes;
    private final int frameRowBytes;

    TileCopier(ArrayLayout layout, ChunkGrid grid) {
        this.layout = layout;
        this.grid = grid;
        this.bytesPerSample = layout.pixelType().bytesPerSample();
        this.chunkRowBytes = grid.chunk(Axis.X) * bytesPerSample;
        this.frameRowBytes = layout.width() * layout.pixelType().inputBytesPerPixel();
    }

    /**
     * @param bytes      the frame as little-endian bytes, or {@code null} when it is {@code samples};
     *                   its position and limit are moved
     * @param samples    a handed-over {@code short[]}, {@code int[]} or {@code float[]} frame, or {@code null}
     * @param target     the chunk's buffer, and {@code targetBytes} a view of it this thread alone moves
     * @param planeIndex the plane of the chunk the tile goes to
     * @param component  the colour taken from RGB pixels (0 red, 1 green, 2 blue)
     */
    void copy(ByteBuffer bytes, Object samples, PixelBuffer target, ByteBuffer targetBytes, int planeIndex,
              int tileY, int tileX, int component) {
        int chunkY = grid.chunk(Axis.Y);
        int chunkX = grid.chunk(Axis.X);
        int planeOffset = planeIndex * chunkY * chunkRowBytes;
        int y0 = tileY * chunkY;
        int x0 = tileX * chunkX;
        int rows = Math.min(chunkY, layout.height() - y0);
        int columns = Math.min(chunkX, layout.width() - x0);
        for (int row = 0; row < rows; row++) {
            int targetOffset = planeOffset + row * chunkRowBytes;
            int sourceOffset = (y0 + row) * frameRowBytes;
            if (samples != null) {
                target.putSamples(targetOffset / bytesPerSample, samples, (y0 + row) * layout.width() + x0, columns);
            } else if (layout.pixelType() == PixelType.RGB8) {
                copyRgbComponent(bytes, sourceOffset + x0 * 4, targetBytes, targetOffset, columns, component);
            } else {
                int rowBytes = columns * bytesPerSample;
                bytes.limit(sourceOffset + x0 * bytesPerSample + rowBytes).position(sourceOffset + x0 * bytesPerSample);
                targetBytes.limit(targetOffset + rowBytes).position(targetOffset);
                targetBytes.put(bytes);
            }
        }
    }

    /**
     * Takes one colour out of Micro-Manager's RGB32 pixels, stored B, G, R, A: component 0 (red)
     * is byte 2 of each pixel, green byte 1, blue byte 0.
     */
    private static void copyRgbComponent(ByteBuffer source, int sourceOffset, ByteBuffer target, int targetOffset,
                                         int columns, int component) {
        int byteInPixel = 2 - component;
        for (int x = 0; x < columns; x++) {
            target.put(targetOffset + x, source.get(sourceOffset + x * 4 + byteInPixel));
        }
    }
}
