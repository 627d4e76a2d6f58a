package org.zarrscope.ingest;

import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.memory.PixelBuffer;

/**
 * One pre-allocated entry of the ingest ring: a camera frame's pixels (copied in by
 * {@code write}), its coordinates and metadata. The chunk assembler may take the pixel buffer
 * and leave an empty one of the same size in its place; the ring's sequence barrier orders that
 * exchange before the producer's next claim of this slot.
 */
public final class FrameSlot {
    PixelBuffer pixels;
    FrameCoordinates coordinates;
    FrameMetadata metadata;
    /** A frame handed over by reference, not yet copied into {@link #pixels}; {@code null} otherwise. */
    Object handedOver;

    FrameSlot(PixelBuffer pixels) {
        this.pixels = pixels;
    }

    public PixelBuffer pixels() {
        return pixels;
    }

    /** Hands the pixel buffer to the caller, who gives an empty buffer of the same size in exchange. */
    public PixelBuffer exchangePixels(PixelBuffer empty) {
        PixelBuffer full = pixels;
        pixels = empty;
        return full;
    }

    public FrameCoordinates coordinates() {
        return coordinates;
    }

    public FrameMetadata metadata() {
        return metadata;
    }

    /**
     * Keeps a reference to a frame array the caller will never change again (a Micro-Manager
     * image, a frame popped from MMCore); {@link FrameCopier} copies it in off the caller's thread.
     */
    public void handOver(Object frame) {
        handedOver = frame;
    }

    /** Records where the frame in this slot belongs; called by the producer before publishing. */
    public void assign(FrameCoordinates frame, FrameMetadata frameMetadata) {
        coordinates = frame;
        metadata = frameMetadata;
    }
}
