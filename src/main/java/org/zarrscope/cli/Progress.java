package org.zarrscope.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress bar of a command that writes frames (on stderr, so the summary on stdout stays clean). */
final class Progress {
    private Progress() {
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
