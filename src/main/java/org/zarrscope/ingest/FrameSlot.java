package org.zarrscope.ingest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.memory.PixelBuffer;

/**
 * One pre-allocated entry of the ingest ring: a camera frame's coordinates, metadata and pixels.
 * The pixels are either copied into the slot's own buffer ({@code write}) or a handed-over array
 * that the later stages read in place ({@code handOver}). The ring's share of the memory budget is
 * a frame per slot: a caller that uses one of the two is within it; one that mixes them keeps
 * the slot's buffer, once made, beside the arrays it hands over. The chunk assembler may take the slot's buffer
 * and leave an empty one of the same size in its place; the ring's sequence barrier orders that
 * exchange before the producer's next claim of this slot.
 */
public final class FrameSlot {
    private final int frameBytes;
    private final boolean onHeap;
    /** Made on the first frame copied into this slot: a ring fed only by {@code handOver} never allocates them. */
    private PixelBuffer buffer;
    /** The handed-over frame array of this sequence, or {@code null} when the pixels are in {@link #buffer}. */
    private Object handedOver;
    private FrameCoordinates coordinates;
    private FrameMetadata metadata;

    FrameSlot(int frameBytes, boolean onHeap) {
        this.frameBytes = frameBytes;
        this.onHeap = onHeap;
    }

    /** The slot's own buffer, to copy a frame into; the frame is then no longer a handed-over one. */
    public PixelBuffer bufferToFill() {
        handedOver = null;
        if (buffer == null) {
            buffer = new PixelBuffer(frameBytes, onHeap);
        }
        return buffer;
    }

    /**
     * Keeps a reference to a frame array the caller will never change again (a Micro-Manager
     * image, a frame popped from MMCore): the later stages read it in place.
     */
    public void handOver(Object frame) {
        handedOver = frame;
    }

    /** The handed-over {@code byte[]}, {@code short[]}, {@code int[]} or {@code float[]}, or {@code null} if the frame was copied in. */
    public Object handedOver() {
        return handedOver;
    }

    /**
     * The frame as little-endian bytes (RGB as B, G, R, A): the slot's buffer, or a handed-over
     * {@code byte[]} wrapped. For other handed-over arrays, see {@link #handedOver}.
     */
    public ByteBuffer bytes() {
        if (handedOver instanceof byte[]) {
            return ByteBuffer.wrap((byte[]) handedOver).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (handedOver != null) {
            throw new IllegalStateException("a handed-over " + handedOver.getClass().getSimpleName()
                    + " frame has no byte view; read it through handedOver()");
        }
        return buffer.bytes();
    }

    /** Hands the filled buffer to the caller, who gives an empty buffer of the same size in exchange. */
    public PixelBuffer exchangeBuffer(PixelBuffer empty) {
        PixelBuffer full = buffer;
        buffer = empty;
        return full;
    }

    public FrameCoordinates coordinates() {
        return coordinates;
    }

    public FrameMetadata metadata() {
        return metadata;
    }

    /** Records where the frame in this slot belongs; called by the producer before publishing. */
    public void assign(FrameCoordinates frame, FrameMetadata frameMetadata) {
        coordinates = frame;
        metadata = frameMetadata;
    }
}
