package org.zarrscope.ingest;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

/**
 * How the ring's threads wait without taking a core from the codecs: they sleep until the ring
 * moves and are woken when it does. The first stage sleeps until its frame is published; later
 * stages (waiting for the recorder and the pixel observers) and a camera thread waiting for a
 * free slot sleep until a stage has finished a frame ({@link StageProgress}). A camera thread
 * never takes a lock the stages use: publishing wakes only the first stage, and a camera thread
 * waiting for a slot parks itself and is unparked, so it allocates nothing either.
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
     * Longest sleep of a stage without a wake-up. None is lost (a sleeper checks the ring after
     * counting itself), but two moves come without one: a halted ring (the Disruptor signals
     * only the first stage) and a stage whose event failed (the Disruptor moves it on itself).
     */
    private static final long SAFETY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * Longest park of a second camera thread waiting for a slot while another one is already the
     * one to be unparked (several cameras writing at once): it polls.
     */
    private static final long SECOND_CAMERA_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Sleepers publication = new Sleepers();
    private final Sleepers stages = new Sleepers();
    /** The camera thread waiting for a free slot, to unpark when a stage moves. */
    private final AtomicReference<Thread> waitingCamera = new AtomicReference<>();
    private LongPredicate published;

    /** Tells which slots are published; called once, before the ring's threads start. */
    void follow(LongPredicate published) {
        this.published = published;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence stagesAhead, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        // the first stage depends on the cursor itself; the later ones on stages that only pass published frames
        if (stagesAhead == cursor) {
            if (!published.test(sequence)) { // checked first, so a frame that is there costs no allocation
                publication.sleepUntil(() -> published.test(sequence), barrier);
            }
        } else if (stagesAhead.get() < sequence) {
            stages.sleepUntil(() -> stagesAhead.get() >= sequence, barrier);
        }
        return stagesAhead.get();
    }

    /**
     * Parks a camera thread until {@code ready} holds or a stage moves, at most
     * {@code timeoutNanos}, or until it is interrupted; the caller re-checks all of these.
     */
    void awaitStageMove(BooleanSupplier ready, long timeoutNanos) {
        Thread camera = Thread.currentThread();
        if (!waitingCamera.compareAndSet(null, camera)) {
            LockSupport.parkNanos(this, SECOND_CAMERA_NANOS);
            return;
        }
        try {
            if (!ready.getAsBoolean()) { // checked after registering, so a move in between unparks this thread
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            waitingCamera.set(null);
        }
    }

    /** Called by {@link StageProgress} after a stage has finished a frame. */
    void stageMoved() {
        VarHandle.fullFence(); // the stage's sequence is stored before the sleepers are looked at
        stages.wake();
        Thread camera = waitingCamera.get();
        if (camera != null) {
            LockSupport.unpark(camera);
        }
    }

    /** Called by the Disruptor when a frame is published or the ring is halted. */
    @Override
    public void signalAllWhenBlocking() {
        VarHandle.fullFence(); // the slot's published flag is stored before the sleepers are looked at
        publication.wake();
    }

    /** Threads sleeping on one condition, and the count that spares a lock when there are none. */
    private static final class Sleepers {
        private final Lock lock = new ReentrantLock();
        private final Condition moved = lock.newCondition();
        private final AtomicInteger count = new AtomicInteger();

        void sleepUntil(BooleanSupplier ready, SequenceBarrier barrier) throws AlertException, InterruptedException {
            lock.lock();
            count.incrementAndGet();
            try {
                while (!ready.getAsBoolean()) {
                    barrier.checkAlert();
                    moved.awaitNanos(SAFETY_NANOS);
                }
            } finally {
                count.decrementAndGet();
                lock.unlock();
            }
        }

        /**
         * Wakes every sleeper, taking the lock only when there is one. The caller has fenced its
         * move (a release store of a sequence or a slot's flag) before this reads the count; a
         * sleeper counts itself before it checks the ring, so one of the two sees the other.
         */
        void wake() {
            if (count.get() == 0) {
                return;
            }
            lock.lock();
            try {
                moved.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
