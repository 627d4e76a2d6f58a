package org.zarrscope.ingest;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How the ring's threads wait, without taking a core from the codecs: for a frame to be published
 * they sleep on a lock and condition that the camera thread signals (as the Disruptor's
 * {@code BlockingWaitStrategy}); for the stages ahead of them (the frame copier, the pixel
 * observers: each stage waits until the ones before it are done with a frame) they park in short
 * steps.
 *
 * <p>Why not {@code BlockingWaitStrategy}: it busy-spins while a consumer waits for the stages
 * ahead of it. An observer such as the streaming pyramid takes milliseconds per frame, so the
 * assembler and the frame table spun meanwhile: with the streaming pyramid on a 2-core PC their
 * spin loops were the two most sampled places of a profile, ahead of the pyramid's own kernel.
 * Parking {@value #PARK_MICROS} µs at a time delays a frame by at most that, which the ring absorbs.
 */
final class ObserverFriendlyWaitStrategy implements WaitStrategy {
    private static final long PARK_MICROS = 50;
    /** Tries before the first park: an observer that is almost done costs no sleep. */
    private static final int SPINS = 100;

    private final Lock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence stagesAhead, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        if (cursor.get() < sequence) {
            lock.lock();
            try {
                while (cursor.get() < sequence) {
                    barrier.checkAlert();
                    published.await();
                }
            } finally {
                lock.unlock();
            }
        }
        long available;
        int spins = SPINS;
        while ((available = stagesAhead.get()) < sequence) {
            barrier.checkAlert();
            if (spins > 0) {
                spins--;
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(PARK_MICROS));
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        lock.lock();
        try {
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
