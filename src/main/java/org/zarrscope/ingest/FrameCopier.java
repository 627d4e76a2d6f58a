package org.zarrscope.ingest;

import com.lmax.disruptor.EventHandler;
import org.zarrscope.stats.PipelineCounters;

/**
 * The ring's first stage: copies frames that were handed over by reference into their slot's
 * pixel buffer, then drops the reference. The one copy on ingest then happens on this thread
 * instead of the caller's, so a caller whose frames are immutable anyway (Micro-Manager's
 * {@code Image}, AcqEngJ's and MMCore's freshly made arrays) returns from {@code write} in
 * microseconds. Frames copied by the caller pass through untouched.
 */
final class FrameCopier implements EventHandler<FrameSlot> {
    private final PipelineCounters counters;

    FrameCopier(PipelineCounters counters) {
        this.counters = counters;
    }

    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) {
        Object frame = slot.handedOver;
        if (frame == null) {
            return;
        }
        long start = System.nanoTime();
        slot.handedOver = null;
        slot.pixels.putArray(frame);
        counters.handOverCopyNanos.add(System.nanoTime() - start);
    }
}
