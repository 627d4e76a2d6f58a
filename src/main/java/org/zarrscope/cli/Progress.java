package org.zarrscope.cli;

import java.io.IOException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FinishProgress;

/** The progress bars of a command that writes frames (on stderr, so the summary on stdout stays clean). */
final class Progress {
    private Progress() {
    }

    /**
     * Ends the run on this thread and, unless {@code off}, shows a bar of the pyramid's chunks
     * while the writer builds it after the run (the user waits for it).
     */
    static void ending(AcquisitionWriter writer, boolean off, FinishProgress.Ending ending) throws IOException {
        if (off) {
            ending.run();
            return;
        }
        ProgressBar[] bar = new ProgressBar[1];
        try {
            FinishProgress.watch(writer, ending, (done, total) -> {
                if (bar[0] == null) {
                    bar[0] = new ProgressBarBuilder().setTaskName("pyramid").setInitialMax(total)
                            .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
                }
                bar[0].stepTo(done);
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
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
