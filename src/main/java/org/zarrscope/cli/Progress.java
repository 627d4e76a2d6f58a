package org.zarrscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FinishProgress;
import org.zarrscope.WriterStatistics;

/**
 * The progress of a command that writes frames, on stderr (so the summary on stdout stays clean):
 * the frames as they come, the pyramid while the writer builds it after the run, and a last line
 * with the same figures as the summary.
 */
final class Progress {
    /** Where stderr points on Linux; elsewhere there is no way to ask it from Java 11. */
    private static final Path STDERR_LINK = Paths.get("/proc/self/fd/2");

    private Progress() {
    }

    /** A display of {@code frames} frames on {@code err}, drawing nothing when {@code off}. */
    static ProgressDisplay frames(PrintWriter err, long frames, boolean off) {
        return new ProgressDisplay(err, mode(off), "frames", "frames", frames, System::nanoTime);
    }

    /**
     * Ends the run on this thread and, unless {@code off}, shows the pyramid's chunks while the
     * writer builds it after the run (the user waits for it).
     */
    static void ending(PrintWriter err, AcquisitionWriter writer, boolean off, FinishProgress.Ending ending)
            throws IOException {
        if (off) {
            ending.run();
            return;
        }
        ProgressDisplay[] display = new ProgressDisplay[1];
        try {
            FinishProgress.watch(writer, ending, (done, total) -> {
                if (display[0] == null) {
                    display[0] = new ProgressDisplay(err, mode(false), "pyramid", "chunks", total, System::nanoTime);
                }
                display[0].stepTo(done);
            });
        } finally {
            if (display[0] != null) {
                display[0].finish();
            }
        }
    }

    /**
     * The last line: frames written and the rate from opening the dataset to its last
     * full-resolution chunk stored, the figures of the summary's throughput. The frames display
     * counts frames handed to the writer, which runs ahead of the disk.
     */
    static void written(PrintWriter err, WriterStatistics statistics, boolean off) {
        if (!off) {
            err.println(line(statistics));
            err.flush();
        }
    }

    static String line(WriterStatistics statistics) {
        return String.format(Locale.ROOT, "written: %d frames in %.1f s, %.1f frames/s", statistics.framesWritten(),
                statistics.elapsedNanos() / 1e9, statistics.framesPerSecond());
    }

    private static ProgressDisplay.Mode mode(boolean off) {
        if (off) {
            return ProgressDisplay.Mode.OFF;
        }
        return System.console() != null && stderrIsATerminal() ? ProgressDisplay.Mode.TERMINAL
                : ProgressDisplay.Mode.LINES;
    }

    /**
     * Whether stderr is a terminal. {@code System.console()} only tells that stdin and stdout are:
     * with {@code 2> run.log} carriage returns would fill the log. Where {@code /proc} cannot
     * tell (macOS, Windows), stderr is taken to go where stdout goes.
     */
    private static boolean stderrIsATerminal() {
        if (!Files.exists(STDERR_LINK)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(STDERR_LINK).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false; // unreadable: plain lines are readable anywhere, carriage returns only on a terminal
        }
    }
}
