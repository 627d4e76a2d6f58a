package org.zarrscope.ingest;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;

/**
 * Runs one stage of the ring and tells the threads waiting behind it (later stages, a camera
 * thread waiting for a free slot) as soon as it has finished a frame: it moves the stage's
 * sequence itself and signals the ring's wait strategy. The Disruptor would move it only at the
 * end of a batch, so a stage that blocks mid-batch (the assembler waiting for a chunk buffer)
 * would keep the slots of frames it has already placed from the camera.
 */
final class StageProgress implements EventHandler<FrameSlot> {
    private final EventHandler<FrameSlot> stage;
    private final ObserverFriendlyWaitStrategy waiting;
    private Sequence done;

    StageProgress(EventHandler<FrameSlot> stage, ObserverFriendlyWaitStrategy waiting) {
        this.stage = stage;
        this.waiting = waiting;
    }

    @Override
    public void setSequenceCallback(Sequence sequence) {
        done = sequence;
        stage.setSequenceCallback(sequence);
    }

    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) throws Exception {
        stage.onEvent(slot, sequence, endOfBatch);
        done.set(sequence);
        waiting.stageMoved();
    }

    @Override
    public void onStart() {
        stage.onStart();
    }

    @Override
    public void onShutdown() {
        stage.onShutdown();
    }
}
