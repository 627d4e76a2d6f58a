package org.zarrscope.ingest;

import com.lmax.disruptor.EventHandler;
import org.zarrscope.stats.PipelineCounters;

/**
 * The ring's first stage when a later one must read every frame as bytes (the streaming
 * pyramid's reducer): copies frames handed over as {@code short[]}, {@code int[]} or
 * {@code float[]} into their slot's buffer, on this thread rather than the caller's, and drops the
 * reference. Without such a stage handed-over frames are read in place and never copied here.
 */
final class FrameCopier implements EventHandler<FrameSlot> {
    private final PipelineCounters counters;

    FrameCopier(PipelineCounters counters) {
        this.counters = counters;
    }

    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) {
        Object frame = slot.handedOver();
        if (frame == null || frame instanceof byte[]) {
            return; // copied in already, or readable as bytes in place
        }
        long start = System.nanoTime();
        slot.bufferToFill().putArray(frame);
        counters.handOverCopyNanos.add(System.nanoTime() - start);
    }
}
