package org.zarrscope.micromanager.headless;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameRejectedException;
import org.zarrscope.micromanager.HardwareException;
import org.zarrscope.micromanager.headless.PositionListFile.ListedPosition;
import org.zarrscope.micromanager.headless.PositionListFile.StageTarget;

/**
 * Runs an {@link AcquisitionPlan} on a {@link Microscope} and writes every frame the camera
 * delivers, in the plan's order, with the coordinates of that order.
 *
 * <p>The plan's frames are walked in acquisition order and cut into <em>runs</em>: consecutive
 * frames that differ only in time point. Before each run the stages move, the channel preset
 * and the focus change where they differ from the previous run; then one camera sequence takes
 * the run's frames. A plain time-lapse (or any order with time innermost, e.g. {@code czt}) is
 * therefore one hardware-timed sequence per channel, slice and position, with the camera keeping
 * the interval; other orders take one frame per sequence and wait in software until each time
 * point is due: {@code t × interval} after time point 0 of the same time-lapse (a loop outside
 * time, such as positions in {@code ptcz}, starts a new time-lapse at each of its steps).
 *
 * <p>Frames are popped from the camera's buffer as soon as they arrive and handed to the writer,
 * which copies them and returns. When the buffer overflows, the camera stops (MMCore's
 * stop-on-overflow); the frames still in the buffer are written and the acquisition ends with an
 * {@link AcquisitionStoppedException} saying at which frame and what to change. The camera is
 * stopped after every run, also when it ends early. {@link #requestStop} ends the acquisition the
 * same way, without an error: camera first, then the frames it delivered.
 */
public final class HeadlessAcquisition {
    /** Pause between looks at an empty buffer: short against a frame time of ~1 ms and up. */
    private static final long IDLE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** A camera silent this long (plus twice its exposure and interval) is reported, not waited for forever. */
    private static final double SILENCE_MS = 10_000;
    /** How soon a wait between time points notices a stop request. */
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Microscope scope;
    private final AcquisitionPlan plan;
    private final String focus;
    private final String xyStage;
    private final double[] zOffsets;
    private long written;
    private int position = -1;
    private int channel = -1;
    private int slice = -1;
    private double startZ;
    private double[] xyUm;
    private Double zUm;
    /** The acquisition's start: frame times count from here, across all camera sequences. */
    private long startNanos;
    private volatile boolean stopRequested;

    /**
     * Checks the plan against the microscope before anything moves.
     *
     * @throws HardwareException when the microscope cannot do the plan: a z-stack without a focus
     *                           device, or a camera delivering several camera channels
     */
    public HeadlessAcquisition(Microscope scope, AcquisitionPlan plan) throws HardwareException {
        this.scope = scope;
        this.plan = plan;
        this.focus = scope.focusDevice();
        this.xyStage = scope.xyStageDevice();
        this.zOffsets = plan.zOffsetsUm();
        if (zOffsets.length > 0 && focus == null) {
            throw new HardwareException("a z-stack of " + zOffsets.length + " slices needs a focus device, and the "
                    + "configuration gives none (add Property,Core,Focus,<stage label>)");
        }
        int cameraChannels = scope.cameraFormat().cameraChannels();
        if (cameraChannels != 1) {
            throw new HardwareException("the camera " + scope.cameraName() + " delivers " + cameraChannels
                    + " camera channels (a Multi Camera device); zarrscope acquire records one camera: make a single "
                    + "camera the core's Camera");
        }
    }

    /**
     * Acquires every frame of the plan into {@code writer}; {@code progress} is told the number
     * of frames written after each one.
     *
     * @return the number of frames written: all of the plan's
     * @throws AcquisitionStoppedException when the acquisition ended early; the frames before were written
     * @throws HardwareException           when Micro-Manager refused a command
     */
    public long run(AcquisitionWriter writer, LongConsumer progress) throws IOException {
        List<Run> runs = runs(plan);
        startNanos = System.nanoTime();
        startZ = focus == null ? Double.NaN : scope.stagePosition(focus);
        zUm = focus == null ? null : startZ;
        long timeLapseStart = 0;
        Run previous = null;
        for (Run run : runs) {
            if (stopRequested) {
                break;
            }
            boolean timeLapseBegins = run.first.time() == 0 && (previous == null || previous.lastTime() != 0);
            moveTo(run.first);
            if (timeLapseBegins) {
                // the first, or the next of an outer loop; timed from after the stages have moved, as
                // time point 0's exposure starts then
                timeLapseStart = System.nanoTime();
            }
            if (run.count == 1) {
                waitUntil(timeLapseStart + (long) (run.first.time() * plan.intervalMs() * 1e6));
                if (stopRequested) {
                    break;
                }
            }
            acquire(run, writer, progress);
            previous = run;
        }
        return written;
    }

    /**
     * Asks a running acquisition to stop, from any thread (a Ctrl-C handler): the camera stops
     * first, the frames it already delivered are written, and {@link #run} returns their count.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether {@link #requestStop} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** The plan's frames in order, consecutive time points at the same place and channel merged. */
    static List<Run> runs(AcquisitionPlan plan) {
        List<Run> runs = new ArrayList<>();
        plan.order().forEachFrame(plan.positionCount(), plan.timePoints(), plan.channelCount(), plan.zSlices(), frame -> {
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.continuesWith(frame)) {
                last.count++;
            } else {
                runs.add(new Run(frame));
            }
        });
        return runs;
    }

    /** Frames at one position, channel and slice, at consecutive time points: one camera sequence. */
    static final class Run {
        final FrameCoordinates first;
        int count = 1;

        Run(FrameCoordinates first) {
            this.first = first;
        }

        boolean continuesWith(FrameCoordinates frame) {
            return frame.position() == first.position() && frame.channel() == first.channel()
                    && frame.z() == first.z() && frame.time() == first.time() + count;
        }

        int lastTime() {
            return first.time() + count - 1;
        }

        FrameCoordinates frame(int index) {
            return FrameCoordinates.at(first.position(), first.time() + index, first.channel(), first.z());
        }
    }

    /** Sets stages, channel and focus for a run, changing only what differs from the last run. */
    private void moveTo(FrameCoordinates frame) throws HardwareException {
        boolean focusMoved = false;
        if (frame.position() != position) {
            if (!plan.positions().isEmpty()) {
                for (StageTarget target : plan.positions().get(frame.position()).targets()) {
                    double[] um = target.um();
                    if (target.isXY()) {
                        scope.moveXYStage(target.device(), um[0], um[1]);
                    } else {
                        scope.moveStage(target.device(), um[0]);
                    }
                }
                focusMoved = true;
                slice = -1;
            }
            position = frame.position();
            xyUm = xyStage == null ? null : scope.xyStagePosition(xyStage);
        }
        if (!plan.channels().isEmpty() && frame.channel() != channel) {
            scope.applyPreset(plan.channelGroup(), plan.channels().get(frame.channel()));
            channel = frame.channel();
        }
        if (zOffsets.length > 0 && frame.z() != slice) {
            scope.moveStage(focus, referenceZ(frame.position()) + zOffsets[frame.z()]);
            slice = frame.z();
            focusMoved = true;
        }
        if (focusMoved && focus != null) {
            zUm = scope.stagePosition(focus);
        }
    }

    /** The focus a z-stack is relative to: the position list's, else where the focus was at the start. */
    private double referenceZ(int index) {
        if (!plan.positions().isEmpty()) {
            ListedPosition listed = plan.positions().get(index);
            StageTarget target = listed.target(focus);
            if (target != null && !target.isXY()) {
                return target.um()[0];
            }
        }
        return startZ;
    }

    /** Waits for a time point, looking for a stop request at least every {@link #STOP_CHECK_NANOS}. */
    private void waitUntil(long dueNanos) throws InterruptedIOException {
        long remaining;
        while ((remaining = dueNanos - System.nanoTime()) > 0 && !stopRequested) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, STOP_CHECK_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the acquisition was interrupted while waiting for the next time point");
            }
        }
    }

    /** One camera sequence: start it, write each frame as it arrives, stop the camera if the run ends early. */
    private void acquire(Run run, AcquisitionWriter writer, LongConsumer progress) throws IOException {
        double exposure = scope.exposureMs();
        long silenceNanos = (long) ((SILENCE_MS + 2 * (exposure + plan.intervalMs())) * 1e6);
        double sequenceStartMs = msSinceStart();
        scope.start(run.count, run.count > 1 ? plan.intervalMs() : 0);
        int received = 0;
        boolean cameraStopped = false;
        try {
            long lastFrame = System.nanoTime();
            while (received < run.count) {
                if (scope.framesWaiting() > 0) {
                    write(writer, run.frame(received), scope.nextFrame(), exposure, sequenceStartMs);
                    received++;
                    progress.accept(written);
                    lastFrame = System.nanoTime();
                } else if (stopRequested) {
                    if (!scope.isRunning()) {
                        break; // the camera has stopped and every frame it delivered is written
                    }
                    if (!cameraStopped) {
                        scope.stop();
                        cameraStopped = true;
                    }
                    LockSupport.parkNanos(IDLE_NANOS); // until it reports stopped, or a last frame arrives
                } else if (scope.overflowed()) {
                    throw overflow(run.frame(received));
                } else if (!scope.isRunning() && scope.framesWaiting() == 0) {
                    throw new AcquisitionStoppedException(String.format(Locale.ROOT, "the camera %s stopped after %d of "
                            + "the %d frames it was asked for, at frame %d of %d (%s); %d frames were written. Check "
                            + "the camera's trigger settings and Micro-Manager's CoreLog", scope.cameraName(), received,
                            run.count, written + 1, plan.totalFrames(), run.frame(received), written));
                } else if (System.nanoTime() - lastFrame > silenceNanos) {
                    throw new AcquisitionStoppedException(String.format(Locale.ROOT, "the camera %s delivered no frame "
                            + "for %.0f s, waiting for frame %d of %d (%s); %d frames were written. An external "
                            + "trigger that never came? Check the camera's trigger settings", scope.cameraName(),
                            silenceNanos / 1e9, written + 1, plan.totalFrames(), run.frame(received), written));
                } else {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
            if (scope.isRunning()) {
                scope.stop(); // the camera may report running a moment after its last frame: the next run must find it stopped
            }
        } catch (IOException | RuntimeException e) {
            stopCamera(e);
            throw e;
        }
    }

    private double msSinceStart() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private void write(AcquisitionWriter writer, FrameCoordinates at, SequenceFrame frame, double exposure,
            double sequenceStartMs) throws AcquisitionStoppedException {
        try {
            writer.handOver(at, frame.pixels(),
                    CoreFrameMetadata.of(frame.tags(), exposure, sequenceStartMs, msSinceStart(), xyUm, zUm));
        } catch (FrameRejectedException e) {
            throw new AcquisitionStoppedException("frame " + (written + 1) + " of " + plan.totalFrames() + " (" + at
                    + ") was refused: " + e.getMessage() + ". Did a preset change the camera's binning, ROI or pixel "
                    + "type during the acquisition? " + written + " frames were written", e);
        }
        written++;
    }

    private AcquisitionStoppedException overflow(FrameCoordinates at) {
        long buffer = scope.bufferMegabytes();
        return new AcquisitionStoppedException(String.format(Locale.ROOT, "Micro-Manager's circular buffer overflowed at "
                + "frame %d of %d (%s): the camera filled its %d MB faster than the frames were written and stopped; "
                + "%d frames were written, the rest were not taken. Give the buffer more memory (--buffer-mb, now %d), "
                + "write faster (a cheaper codec such as --codec blosc-lz4 --clevel 1 or --codec none; --threads up to "
                + "the cores free beside the camera; a larger --memory; a faster disk), or slow the camera down "
                + "(--interval-ms, --roi, binning)", written + 1, plan.totalFrames(), at, buffer, written, buffer));
    }

    /** Stops the camera after a failure, keeping the failure as the error and a failed stop as suppressed. */
    private void stopCamera(Exception failure) {
        if (!scope.isRunning()) {
            return;
        }
        try {
            scope.stop();
        } catch (HardwareException e) {
            failure.addSuppressed(e);
        }
    }
}
