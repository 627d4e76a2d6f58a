package org.zarrscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.EventHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.zarrscope.BackPressurePolicy;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.ingest.FailureLatch;
import org.zarrscope.stats.PipelineCounters;

/**
 * The ring's threads must leave the cores to the codecs while they wait: a stage waiting for a
 * frame that a camera thread is still copying into its slot, and a camera thread waiting for a
 * free slot, sleep until the ring moves and wake as soon as it does, also when the stage ahead
 * frees a slot in the middle of a batch. Both used to burn CPU: the first stage spun for the whole
 * copy of every frame (claimed but not yet published), and the camera thread woke every 20 µs.
 */
class RingThreadsSleepWhileTheyWaitTest {
    private static final int FRAME_BYTES = 64;
    private static final long WAIT_MILLIS = 300;
    private static final int RELEASES = 5;
    /** CPU a sleeping thread may use in {@link #WAIT_MILLIS}: its safety wake-ups cost microseconds. */
    private static final long SLEEPING_CPU_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void stagesSleepWhileAFrameIsBeingCopiedIntoItsSlot() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        Set<Long> before = ringThreads();
        IngestRing ring = ring(4, (slot, sequence, endOfBatch) -> {
            first.countDown();
            second.countDown();
        });
        Set<Long> ringThreads = ringThreads();
        ringThreads.removeAll(before);
        assertEquals(2, ringThreads.size(), "the recorder and one consumer");

        long firstFrame = ring.claim();
        long secondFrame = ring.claim(); // a second camera thread is now copying into this slot, which takes a while
        ring.slot(firstFrame).assign(FrameCoordinates.of(0, 0, 0), null);
        ring.publish(firstFrame);
        assertTrue(first.await(1, TimeUnit.SECONDS), "the first frame reaches the consumer");
        long cpuBefore = cpuNanos(ringThreads);
        Thread.sleep(WAIT_MILLIS); // the stages now wait for the second frame, claimed but not published
        long used = cpuNanos(ringThreads) - cpuBefore;
        ring.slot(secondFrame).assign(FrameCoordinates.of(1, 0, 0), null);
        ring.publish(secondFrame);

        assertTrue(second.await(1, TimeUnit.SECONDS), "the second frame reaches the consumer once published");
        assertTrue(used < SLEEPING_CPU_NANOS, "the ring's threads used " + used / 1_000_000 + " ms of CPU in "
                + WAIT_MILLIS + " ms of waiting for a claimed slot to be published");
        ring.drain();
    }

    @Test
    void aCameraThreadWaitingForAFreeSlotSleepsAndWakesWhenOneFrees() throws Exception {
        Semaphore consumed = new Semaphore(0); // the consumer holds each frame until the test lets it go
        IngestRing ring = ring(2, (slot, sequence, endOfBatch) -> consumed.acquireUninterruptibly());
        BlockingQueue<Long> slotTaken = new LinkedBlockingQueue<>();
        Thread cameraThread = new Thread(() -> {
            for (int time = 0; time < 2 + RELEASES; time++) {
                publishFrame(ring, time);
                slotTaken.add(System.nanoTime());
            }
        }, "test-camera");
        cameraThread.start();
        for (int time = 0; time < 2; time++) {
            slotTaken.take(); // the ring's two slots are full now, the consumer holds the first frame
        }
        Thread.sleep(50); // the camera thread is now waiting for a slot
        long cpuBefore = threads.getThreadCpuTime(cameraThread.getId());
        Thread.sleep(WAIT_MILLIS);
        long used = threads.getThreadCpuTime(cameraThread.getId()) - cpuBefore;
        assertTrue(slotTaken.isEmpty(), "the ring is full, so the third frame waits");
        assertTrue(used < SLEEPING_CPU_NANOS, "the waiting camera thread used " + used / 1_000_000 + " ms of CPU in "
                + WAIT_MILLIS + " ms");

        // a slot that frees must wake the camera thread at once, not at its next timed check
        // (within 100 ms), so the slowest of several wake-ups stays well below that
        long slowest = 0;
        for (int release = 0; release < RELEASES; release++) {
            Thread.sleep(20); // the camera thread is waiting again
            long released = System.nanoTime();
            consumed.release();
            Long taken = slotTaken.poll(1, TimeUnit.SECONDS);
            assertTrue(taken != null, "the camera thread got no slot after one freed");
            slowest = Math.max(slowest, taken - released);
        }
        assertTrue(TimeUnit.NANOSECONDS.toMillis(slowest) < 50, "the camera thread got a freed slot "
                + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms after it freed");
        consumed.release(2 + RELEASES);
        cameraThread.join(1000);
        ring.drain();
    }

    private static IngestRing ring(int slots, EventHandler<FrameSlot> consumer) {
        List<EventHandler<FrameSlot>> consumers = Collections.singletonList(consumer);
        return new IngestRing(slots, FRAME_BYTES, false, BackPressurePolicy.BLOCK, new FailureLatch(),
                new PipelineCounters(), (slot, sequence, endOfBatch) -> { }, Collections.emptyList(), consumers);
    }

    private static long publishFrame(IngestRing ring, int time) {
        long sequence = ring.claim();
        ring.slot(sequence).assign(FrameCoordinates.of(time, 0, 0), null);
        ring.publish(sequence);
        return sequence;
    }

    private static Set<Long> ringThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("zarrscope-ingest-consumer-"))
                .map(Thread::getId).collect(Collectors.toSet());
    }

    private long cpuNanos(Set<Long> ids) {
        return ids.stream().mapToLong(threads::getThreadCpuTime).sum();
    }
}
