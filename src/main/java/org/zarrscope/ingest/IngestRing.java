package org.zarrscope.ingest;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.zarrscope.BackPressureException;
import org.zarrscope.BackPressurePolicy;
import org.zarrscope.stats.PipelineCounters;

/**
 * The lock-free hand-off between the camera thread and its consumers (the chunk assembler), with
 * optional pixel observers (contrast estimation, the streaming pyramid) that see each frame's
 * pixels before the consumers, because the assembler may take the slot's pixel buffer away, and a
 * recorder (the frame-metadata table) that sees each frame before either, so its record of a frame
 * is made before any chunk can hold it: an LMAX Disruptor ring of pre-allocated {@link FrameSlot}s.
 * The camera thread claims a slot, copies the frame in (or leaves a handed-over array in it) and
 * publishes it; it never takes a lock and, after a slot's first frame, never allocates. When the ring is full the
 * {@link BackPressurePolicy} decides: wait (counting the time) or refuse the frame.
 *
 * <p>The ring's threads wait without spinning ({@link ObserverFriendlyWaitStrategy}): on the 2–8
 * cores of an acquisition PC a busy-spinning consumer would steal a core from the codecs.
 */
public final class IngestRing {
    /**
     * Longest sleep of a camera thread waiting for a slot: a freed slot wakes it at once, an
     * interrupt too; a writer failure is noticed within this time.
     */
    private static final long SLOT_WAIT_NANOS = 100_000_000;
    private static final long DRAIN_POLL_NANOS = 1_000_000;

    private final Disruptor<FrameSlot> disruptor;
    private final RingBuffer<FrameSlot> ring;
    private final BackPressurePolicy policy;
    private final FailureLatch failure;
    private final PipelineCounters counters;
    private final ObserverFriendlyWaitStrategy waiting = new ObserverFriendlyWaitStrategy();
    /** Made once: a camera thread waiting under back-pressure allocates nothing either. */
    private final BooleanSupplier slotFree;

    /**
     * Allocates every slot and starts one thread {@code zarrscope-ingest-consumer-N} per observer and consumer.
     *
     * @param slots     a power of two
     * @param onHeap    slot buffers on the heap (the memory plan's choice): whole-frame chunks take them over
     * @param recorder  sees every frame first; later stages see a frame only after the recorder has
     *                  finished the batch holding it
     * @param observers see every frame after the recorder, and may read its pixels; in parallel with each other
     * @param consumers see every frame after all observers; in parallel with each other
     */
    public IngestRing(int slots, int frameBytes, boolean onHeap, BackPressurePolicy policy, FailureLatch failure,
                      PipelineCounters counters, EventHandler<FrameSlot> recorder, List<EventHandler<FrameSlot>> observers,
                      List<EventHandler<FrameSlot>> consumers) {
        this.policy = policy;
        this.failure = failure;
        this.counters = counters;
        AtomicInteger number = new AtomicInteger();
        disruptor = new Disruptor<>(() -> new FrameSlot(frameBytes, onHeap), slots, runnable -> {
            Thread thread = new Thread(runnable, "zarrscope-ingest-consumer-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, ProducerType.MULTI, waiting);
        EventHandler<FrameSlot> recording = StageProgress.atEndOfBatch(recorder, waiting);
        EventHandlerGroup<FrameSlot> first = disruptor.handleEventsWith(recording);
        if (!observers.isEmpty()) {
            first = first.then(handlers(observers));
        }
        first.then(handlers(consumers));
        disruptor.setDefaultExceptionHandler(new RecordingExceptionHandler(failure));
        waiting.follow(disruptor.getRingBuffer()::isAvailable);
        ring = disruptor.start();
        slotFree = () -> ring.hasAvailableCapacity(1);
    }

    @SuppressWarnings("unchecked")
    private EventHandler<FrameSlot>[] handlers(List<EventHandler<FrameSlot>> stages) {
        return stages.stream().map(stage -> new StageProgress(stage, waiting)).toArray(EventHandler[]::new);
    }

    /**
     * Claims a free slot, waiting or refusing per the back-pressure policy. Every claimed
     * sequence must be {@linkplain #publish published}.
     */
    public long claim() {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException full) {
            if (policy == BackPressurePolicy.FAIL) {
                throw new BackPressureException("the memory budget is full (" + ring.getBufferSize()
                        + " frames waiting); the disk or the codecs are slower than the camera");
            }
            return waitForSlot();
        }
    }

    private long waitForSlot() {
        long start = System.nanoTime();
        try {
            while (true) {
                failure.throwIfFailed();
                if (Thread.currentThread().isInterrupted()) {
                    throw new BackPressureException("interrupted while waiting for memory; the frame was not accepted");
                }
                waiting.awaitStageMove(slotFree, SLOT_WAIT_NANOS);
                try {
                    return ring.tryNext();
                } catch (InsufficientCapacityException stillFull) {
                    // keep waiting: back-pressure until a slot frees up
                }
            }
        } finally {
            counters.blockedNanos.add(System.nanoTime() - start);
        }
    }

    public FrameSlot slot(long sequence) {
        return ring.get(sequence);
    }

    /** Makes a claimed slot visible to the assembler and records the ring's depth. */
    public void publish(long sequence) {
        ring.publish(sequence);
        PipelineCounters.raise(counters.ringHighWater, ring.getBufferSize() - ring.remainingCapacity());
    }

    /**
     * Waits until every published frame has been handed to the assembler, then stops its thread.
     * The Disruptor's own {@code shutdown} spins on a core while it waits, which would take that
     * core from the codecs compressing the last chunks, so this waits with short sleeps first.
     */
    public void drain() {
        while (ring.getMinimumGatingSequence() < ring.getCursor()) {
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
        disruptor.shutdown();
    }

    public int slots() {
        return ring.getBufferSize();
    }

    /** Sends exceptions escaping the assembler to the failure latch instead of a log. */
    private static final class RecordingExceptionHandler implements ExceptionHandler<FrameSlot> {
        private final FailureLatch failure;

        RecordingExceptionHandler(FailureLatch failure) {
            this.failure = failure;
        }

        @Override
        public void handleEventException(Throwable ex, long sequence, FrameSlot event) {
            failure.fail("handling frame " + event.coordinates() + " failed: " + ex, ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            failure.fail("an ingest consumer could not start: " + ex, ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            failure.fail("an ingest consumer failed while stopping: " + ex, ex);
        }
    }
}
