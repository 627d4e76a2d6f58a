package org.zarrscope;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.zarrscope.ingest.FailureLatch;
import org.zarrscope.ingest.FrameLedger;
import org.zarrscope.ingest.FrameSlot;
import org.zarrscope.ingest.IngestRing;
import org.zarrscope.memory.PixelBuffer;
import org.zarrscope.stats.PipelineCounters;

/**
 * Admits camera frames into the ingest ring for {@link AcquisitionWriter}: checks each frame
 * (pixel type and size here, coordinates in the {@link FrameLedger}), claims a ring slot, copies
 * the pixels in or keeps a handed-over array by reference, and publishes the slot. Called from
 * any number of camera threads at once.
 *
 * <p>{@link #stop} refuses every later frame and waits for the frames already admitted to be
 * published: a frame is either refused or written, never accepted and then lost.
 */
final class FrameIntake {
    private static final long WRITER_POLL_NANOS = 100_000;

    private final WriterSettings settings;
    private final IngestRing ring;
    private final FrameLedger ledger;
    private final PipelineCounters counters;
    private final FailureLatch failure;
    private final String dataset;
    /** The frame's bytes, worked out once: {@code WriterSettings.frameBytes} derives it on each call. */
    private final int frameBytes;
    private volatile boolean open = true;
    /** Threads between their check of {@link #open} and their publish. */
    private final AtomicInteger inside = new AtomicInteger();

    FrameIntake(WriterSettings settings, IngestRing ring, FrameLedger ledger, PipelineCounters counters,
                FailureLatch failure, String dataset) {
        this.settings = settings;
        this.ring = ring;
        this.ledger = ledger;
        this.counters = counters;
        this.failure = failure;
        this.dataset = dataset;
        this.frameBytes = settings.frameBytes();
    }

    /** Admits a frame given as a pixel array, copied into its slot or, {@code byReference}, kept as it is. */
    void accept(FrameCoordinates frame, Object pixels, FrameMetadata metadata, boolean byReference) {
        checkArray(frame, pixels);
        admit(frame, pixels, metadata, byReference);
    }

    /** Admits a frame given as raw bytes (position to limit), read in the buffer's own byte order. */
    void accept(FrameCoordinates frame, ByteBuffer pixels, FrameMetadata metadata) {
        if (pixels.remaining() != frameBytes) {
            throw new FrameRejectedException("frame " + frame + " has " + pixels.remaining() + " bytes, expected "
                    + settings.width() + " x " + settings.height() + " x " + settings.pixelType().inputBytesPerPixel()
                    + " = " + frameBytes + " for " + settings.pixelType().cliName());
        }
        admit(frame, pixels, metadata, false);
    }

    /**
     * Refuses every frame from now on and returns once each frame admitted before is published,
     * so that draining the ring then writes them all.
     */
    void stop() {
        open = false;
        while (inside.get() > 0) {
            LockSupport.parkNanos(WRITER_POLL_NANOS);
        }
    }

    /** Checks that a pixel array has the dataset's type and the frame's size. */
    private void checkArray(FrameCoordinates frame, Object pixels) {
        PixelType type = settings.pixelType();
        if (pixels instanceof short[]) {
            checkType(PixelType.UINT16, "short[]");
            checkLength(((short[]) pixels).length, 1);
        } else if (pixels instanceof byte[]) {
            if (type != PixelType.RGB8) {
                checkType(PixelType.UINT8, "byte[]");
            }
            checkLength(((byte[]) pixels).length, type.inputBytesPerPixel());
        } else if (pixels instanceof int[]) {
            checkType(PixelType.UINT32, "int[]");
            checkLength(((int[]) pixels).length, 1);
        } else if (pixels instanceof float[]) {
            checkType(PixelType.FLOAT32, "float[]");
            checkLength(((float[]) pixels).length, 1);
        } else {
            throw new FrameRejectedException("frame " + frame + ": pixels of type "
                    + (pixels == null ? "null" : pixels.getClass().getSimpleName())
                    + " are not supported; give byte[], short[], int[], float[] or ByteBuffer");
        }
    }

    private void checkType(PixelType expected, String given) {
        if (settings.pixelType() != expected) {
            throw new FrameRejectedException("a " + given + " frame was given but the dataset stores "
                    + settings.pixelType().cliName() + " pixels");
        }
    }

    private void checkLength(int length, int elementsPerPixel) {
        long expected = (long) settings.width() * settings.height() * elementsPerPixel;
        if (length != expected) {
            throw new FrameRejectedException("frame has " + length + " elements, expected " + settings.width() + " x "
                    + settings.height() + (elementsPerPixel > 1 ? " x " + elementsPerPixel : "") + " = " + expected);
        }
    }

    /**
     * Claims a ring slot, copies the checked pixels in (the one copy on ingest) or keeps a
     * handed-over array by reference, and publishes the slot. Every claimed sequence is
     * published, even if the copy failed.
     */
    private void admit(FrameCoordinates frame, Object pixels, FrameMetadata metadata, boolean byReference) {
        inside.incrementAndGet();
        try {
            long sequence = enter(frame);
            long start = System.nanoTime();
            FrameSlot slot = ring.slot(sequence);
            try {
                if (byReference) {
                    slot.handOver(pixels);
                } else {
                    copyInto(slot.bufferToFill(), pixels);
                }
            } finally {
                // null is "nothing known": a script passing it must not lose the table of every other frame
                slot.assign(frame, metadata == null ? FrameMetadata.NONE : metadata);
                ring.publish(sequence);
                counters.ingestNanos.add(System.nanoTime() - start);
                counters.framesAccepted.increment();
            }
        } finally {
            inside.decrementAndGet();
        }
    }

    private void copyInto(PixelBuffer target, Object pixels) {
        if (pixels instanceof ByteBuffer) {
            target.put((ByteBuffer) pixels, settings.pixelType().bytesPerSample());
        } else {
            target.putArray(pixels);
        }
    }

    /**
     * Checks that frames are still admitted and the coordinates, then claims a ring slot. The
     * caller has counted itself {@link #inside} first: {@link #stop} closes and then waits for
     * that count to reach zero, so a frame either sees the intake closed and is refused, or is
     * published before the ring is drained.
     */
    private long enter(FrameCoordinates frame) {
        if (!open) {
            throw new IllegalStateException("the writer of " + dataset + " is finished; frame " + frame
                    + " was not written");
        }
        failure.throwIfFailed();
        ledger.reserve(frame);
        try {
            return ring.claim();
        } catch (RuntimeException e) {
            ledger.release(frame);
            throw e;
        }
    }
}
