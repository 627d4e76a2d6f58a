package org.zarrscope.ingest;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;

/**
 * Runs one stage of the ring and tells the threads waiting behind it (later stages, a camera
 * thread waiting for a free slot) as soon as it has finished a frame: it moves the stage's
 * sequence itself and signals the ring's wait strategy. The Disruptor would move it only at the
 * end of a batch, so a stage that blocks mid-batch (the assembler waiting for a chunk buffer)
 * would keep the slots of frames it has already placed from the camera.
 *
 * <p>A stage that makes its work durable only at the end of a batch (the frame table's journal,
 * one write per batch) moves {@linkplain #atEndOfBatch at the end of each batch} instead, so no
 * later stage sees a frame before that write.
 */
final class StageProgress implements EventHandler<FrameSlot> {
    private final EventHandler<FrameSlot> stage;
    private final ObserverFriendlyWaitStrategy waiting;
    private final boolean everyFrame;
    private Sequence done;

    StageProgress(EventHandler<FrameSlot> stage, ObserverFriendlyWaitStrategy waiting) {
        this(stage, waiting, true);
    }

    private StageProgress(EventHandler<FrameSlot> stage, ObserverFriendlyWaitStrategy waiting, boolean everyFrame) {
        this.stage = stage;
        this.waiting = waiting;
        this.everyFrame = everyFrame;
    }

    /** Tells the threads behind the stage only once it has handled a whole batch. */
    static StageProgress atEndOfBatch(EventHandler<FrameSlot> stage, ObserverFriendlyWaitStrategy waiting) {
        return new StageProgress(stage, waiting, false);
    }

    @Override
    public void setSequenceCallback(Sequence sequence) {
        done = sequence;
        stage.setSequenceCallback(sequence);
    }

    @Override
    public void onEvent(FrameSlot slot, long sequence, boolean endOfBatch) throws Exception {
        stage.onEvent(slot, sequence, endOfBatch);
        if (everyFrame || endOfBatch) {
            done.set(sequence);
            waiting.stageMoved();
        }
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
