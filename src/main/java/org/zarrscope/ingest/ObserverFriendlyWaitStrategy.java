package org.zarrscope.ingest;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * How the ring's threads wait without taking a core from the codecs: they sleep on one lock and
 * condition that is signalled whenever the ring moves, both when the camera thread publishes a
 * frame and when a stage finishes a batch of frames ({@link StageProgress}). A stage waiting for
 * the stages ahead of it (the frame copier, the pixel observers) and a camera thread waiting for
 * a free slot therefore wake exactly when there is something to do.
 *
 * <p>Why not the Disruptor's own strategies: {@code BlockingWaitStrategy} busy-spins while a
 * consumer waits for the stages ahead of it, and an observer such as the streaming pyramid takes
 * milliseconds per frame, so the assembler and the frame table spun meanwhile (with the streaming
 * pyramid on a 2-core PC their spin loops were the two most sampled places of a profile). Parking
 * in short steps instead cost about 14,000 wake-ups a second while the ring was full, 10 % of the
 * CPU of a CPU-bound run on 2 cores.
 *
 * <p>The first stage waits until its frame is <em>published</em>, not merely claimed: with several
 * camera threads the ring's cursor counts claimed slots, and a slot stays claimed for the whole
 * copy of a frame (a millisecond for 8 MiB), during which the Disruptor would otherwise call this
 * strategy again and again.
 */
final class ObserverFriendlyWaitStrategy implements WaitStrategy {
    /**
     * Longest sleep without a signal. Signals are never lost (every wait checks its condition
     * under the lock), but a stage whose event failed is moved on by the Disruptor without one.
     */
    private static final long SAFETY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Lock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private LongPredicate published;

    /** Tells which slots are published; called once, before the ring's threads start. */
    void follow(LongPredicate published) {
        this.published = published;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence stagesAhead, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        // the first stage depends on the cursor itself; the later ones on stages that only pass published frames
        boolean firstStage = stagesAhead == cursor;
        if (!ready(sequence, stagesAhead, firstStage)) {
            lock.lock();
            try {
                while (!ready(sequence, stagesAhead, firstStage)) {
                    barrier.checkAlert();
                    moved.awaitNanos(SAFETY_NANOS);
                }
            } finally {
                lock.unlock();
            }
        }
        return stagesAhead.get();
    }

    private boolean ready(long sequence, Sequence stagesAhead, boolean firstStage) {
        return firstStage ? published.test(sequence) : stagesAhead.get() >= sequence;
    }

    /** Sleeps until {@code ready} holds, or at most {@code timeoutNanos}; the caller re-checks. */
    void awaitMove(BooleanSupplier ready, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            if (!ready.getAsBoolean()) {
                moved.awaitNanos(timeoutNanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called by the Disruptor when a frame is published or the ring is halted, and by every stage after a batch. */
    @Override
    public void signalAllWhenBlocking() {
        lock.lock();
        try {
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
