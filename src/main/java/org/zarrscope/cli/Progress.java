package org.zarrscope.cli;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.WriterStatistics;

/** The progress bars of a command that writes frames (on stderr, so the summary on stdout stays clean). */
final class Progress {
    private static final long POLL_MILLIS = 250;

    /** What ends a run: {@code finish()} or {@code abort()} of the writer. */
    interface Ending {
        void run() throws IOException;
    }

    private Progress() {
    }

    /**
     * Ends the run on this thread and, unless {@code off}, shows a bar of the pyramid's chunks
     * while the writer builds it (after the run, the user waits for it), polled from the
     * writer's statistics.
     */
    static void ending(AcquisitionWriter writer, boolean off, Ending ending) throws IOException {
        if (off) {
            ending.run();
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        Thread poller = new Thread(() -> showPyramid(writer, done), "zarrscope-progress");
        poller.setDaemon(true);
        poller.start();
        try {
            ending.run();
        } finally {
            done.set(true);
            LockSupport.unpark(poller);
            joinQuietly(poller);
        }
    }

    private static void showPyramid(AcquisitionWriter writer, AtomicBoolean done) {
        ProgressBar bar = null;
        try {
            while (!done.get()) {
                LockSupport.parkNanos(POLL_MILLIS * 1_000_000L);
                WriterStatistics statistics = writer.statistics();
                if (bar == null && statistics.pyramidChunksTotal() > 0) {
                    bar = new ProgressBarBuilder().setTaskName("pyramid").setInitialMax(statistics.pyramidChunksTotal())
                            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis((int) POLL_MILLIS)
                            .continuousUpdate().build();
                }
                if (bar != null) {
                    bar.stepTo(statistics.pyramidChunksDone());
                }
            }
            if (bar != null) {
                bar.stepTo(writer.statistics().pyramidChunksDone());
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Waits for the bar to close; the run has ended, so an interrupt only cuts the wait short (and is kept). */
    private static void joinQuietly(Thread poller) {
        try {
            poller.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bar counting {@code frames} frames, or null when {@code off}. */
    static ProgressBar bar(long frames, boolean off) {
        if (off) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("frames").setInitialMax(frames).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).showSpeed().continuousUpdate().build();
    }
}
