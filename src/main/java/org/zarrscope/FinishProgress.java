package org.zarrscope;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Reports how far the end of a run has got while {@link AcquisitionWriter#finish} (or
 * {@code abort}) builds the pyramid after the run, which a user waits for: the statistics are
 * polled on a small thread of its own and each change is told to a listener (a progress bar,
 * Micro-Manager's status line).
 */
public final class FinishProgress {
    private static final long POLL_NANOS = 250_000_000L;

    /** The end of a run: {@code writer::finish} or {@code writer::abort}. */
    public interface Ending {
        void run() throws IOException;
    }

    /** Hears the pyramid's progress: chunks of the reduced levels written so far, out of {@code total}. */
    public interface Listener {
        void pyramidChunks(long done, long total);
    }

    private FinishProgress() {
    }

    /** Runs {@code ending} on this thread, telling {@code listener} each new count; the last call says where it ended. */
    public static void watch(AcquisitionWriter writer, Ending ending, Listener listener) throws IOException {
        AtomicBoolean ended = new AtomicBoolean();
        Thread poller = new Thread(() -> poll(writer, ended, listener), "zarrscope-finish-progress");
        poller.setDaemon(true);
        poller.start();
        try {
            ending.run();
        } finally {
            ended.set(true);
            LockSupport.unpark(poller);
            boolean interrupted = false;
            while (poller.isAlive()) {
                try {
                    poller.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the run has ended; wait for the last report, keep the interrupt
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void poll(AcquisitionWriter writer, AtomicBoolean ended, Listener listener) {
        long told = -1;
        while (true) {
            boolean last = ended.get();
            WriterStatistics statistics = writer.statistics();
            long total = statistics.pyramidChunksTotal();
            if (total > 0 && statistics.pyramidChunksDone() != told) {
                told = statistics.pyramidChunksDone();
                listener.pyramidChunks(told, total);
            }
            if (last) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
