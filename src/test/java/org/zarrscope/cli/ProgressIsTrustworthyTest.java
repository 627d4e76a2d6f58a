package org.zarrscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;

/**
 * The progress display shows a rate and a time left a user can trust (fed a fake clock here), plain
 * lines every few seconds when stderr is not a terminal, and a last line with the summary's figures.
 */
class ProgressIsTrustworthyTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path temp;

    /** The fake clock: a run of 2000 frames at {@code rate} frames/s, stepped frame by frame. */
    private static final class Run {
        long nanos;
        long frames;

        void framesAt(RateEstimator estimator, double rate, double seconds) {
            long end = nanos + (long) (seconds * SECOND);
            while (nanos < end) {
                nanos += (long) (SECOND / rate);
                frames++;
                estimator.update(frames, nanos);
            }
        }
    }

    @Test
    void theRateIsNotDividedByWholeSeconds() {
        // 1.5 s at 120 frames/s: whole seconds made this 180/s ("216.0/s, then 116.0/s")
        RateEstimator estimator = new RateEstimator(2000);
        Run run = new Run();
        run.framesAt(estimator, 120, 1.5);
        assertEquals(120, estimator.rate(), 1.0);
    }

    @Test
    void theRateIsUnknownBeforeTheFirstWindowNotAGuess() {
        RateEstimator estimator = new RateEstimator(2000);
        estimator.update(3, SECOND / 100); // three frames in 10 ms are not "300 frames/s"
        assertTrue(Double.isNaN(estimator.rate()));
        assertTrue(Double.isNaN(estimator.secondsLeft(3)), "no time left without a rate");
    }

    @Test
    void theRateFollowsAChangeWithinSecondsAndIgnoresOneSlowFrame() {
        RateEstimator estimator = new RateEstimator(100_000);
        Run run = new Run();
        run.framesAt(estimator, 200, 10);
        assertEquals(200, estimator.rate(), 2.0);
        run.nanos += SECOND / 5; // one frame 40 frame times late (the disk stalled)
        run.frames++;
        estimator.update(run.frames, run.nanos);
        run.framesAt(estimator, 200, 0.5);
        assertTrue(estimator.rate() > 175, "one slow frame does not swing the rate: " + estimator.rate());
        run.framesAt(estimator, 100, 15); // the page cache is full: half the rate from now on
        assertEquals(100, estimator.rate(), 10.0);
    }

    @Test
    void theTimeLeftIsTheRemainderAtTheCurrentRate() {
        // 67 % done at 100 frames/s: 660 frames left are 6.6 s (it read 0:00:00)
        RateEstimator estimator = new RateEstimator(2000);
        Run run = new Run();
        run.framesAt(estimator, 100, 13.4);
        assertEquals(1340, run.frames);
        assertEquals(6.6, estimator.secondsLeft(run.frames), 0.2);
        assertEquals("0:00:07", HumanUnits.clock(estimator.secondsLeft(run.frames)));
        assertEquals("1:01:01", HumanUnits.clock(3661));
        assertEquals("?", HumanUnits.clock(Double.NaN));
    }

    @Test
    void intoAFileItWritesOnePlainLineEveryFewSeconds() {
        StringWriter text = new StringWriter();
        long[] nanos = {0};
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), ProgressDisplay.Mode.LINES, "frames",
                "frames", 2000, () -> nanos[0]);
        for (int frame = 1; frame <= 2000; frame++) {
            nanos[0] += SECOND / 100; // 100 frames/s for 20 s
            display.stepTo(frame);
        }
        display.finish();
        String[] lines = text.toString().split("\n");
        assertFalse(text.toString().contains("\r"), "no carriage returns in a file: " + text);
        assertEquals(5, lines.length, "a line every 5 s of 20 s, and the last:\n" + text);
        assertEquals("frames 500/2000  25% | 100.0 frames/s | 0:00:15 left", lines[0]);
        assertEquals("frames 1500/2000  75% | 100.0 frames/s | 0:00:05 left", lines[2]);
        assertEquals("frames 2000/2000 100% in 20.0 s", lines[4]);
    }

    @Test
    void onATerminalItRedrawsOneLineWithABar() {
        StringWriter text = new StringWriter();
        long[] nanos = {0};
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), ProgressDisplay.Mode.TERMINAL, "frames",
                "frames", 100, () -> nanos[0]);
        for (int frame = 1; frame <= 100; frame++) {
            nanos[0] += SECOND / 10;
            display.stepTo(frame);
        }
        display.finish();
        String[] redraws = text.toString().split("\r");
        assertEquals("", redraws[0]);
        assertTrue(redraws.length > 30, "redrawn as it goes: " + redraws.length);
        assertTrue(redraws[redraws.length - 2].startsWith("frames [=============="), redraws[redraws.length - 2]);
        assertTrue(redraws[redraws.length - 1].startsWith("frames [==============================] 100/100 100% in "
                + "10.0 s"), redraws[redraws.length - 1]);
        assertTrue(text.toString().endsWith("\n"), "the finished line stays");
    }

    @Test
    void offDrawsNothing() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), ProgressDisplay.Mode.OFF, "frames",
                "frames", 10, System::nanoTime);
        display.stepTo(10);
        display.finish();
        assertEquals("", text.toString());
    }

    /** The last line on stderr has the figures of the summary on stdout (the bar ended at 160/s, the summary 109.4). */
    @Test
    void theLastLineAgreesWithTheSummary() {
        CommandRun run = CommandRun.zarrscope("simulate", "--out", temp.resolve("run.ome.zarr").toString(), "--frames",
                "40", "--size", "64x64", "--threads", "2");
        assertEquals(0, run.exitCode, run.toString());
        assertFalse(run.err.contains("\r"), "stderr of a test is no terminal: " + run.err);
        Matcher last = Pattern.compile("written: 40 frames in [0-9.]+ s, ([0-9.]+) frames/s").matcher(run.err);
        assertTrue(last.find(), run.err);
        Matcher summary = Pattern.compile("throughput: ([0-9.]+) frames/s").matcher(run.out);
        assertTrue(summary.find(), run.out);
        assertEquals(summary.group(1), last.group(1), run.toString());
        assertTrue(run.err.contains("frames 40/40 100% in "), run.err);
    }
}
