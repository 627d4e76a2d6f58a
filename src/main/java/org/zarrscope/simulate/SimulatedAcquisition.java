package org.zarrscope.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.FrameMetadata;
import org.zarrscope.StagePosition;
import org.zarrscope.WriterSettings;

/**
 * Runs a simulated acquisition through a writer: every frame of the settings, in their
 * acquisition order, from a {@link SimulatedCamera}, with per-frame metadata like a real
 * microscope's (elapsed time, exposure, stage position).
 *
 * <p>With a frame bank, a few frames are rendered up front and cycled, so a benchmark measures
 * the writer rather than the simulation.
 */
public final class SimulatedAcquisition {
    private final WriterSettings settings;
    private final SimulatedCamera camera;
    private final int timePoints;
    private final List<Object> bank = new ArrayList<>();
    private volatile boolean stopRequested;

    /**
     * @param timePoints time points to acquire (the settings' count, or any number when open-ended)
     * @param bankSize   frames to render up front and cycle (written by copy, as a camera's reused buffer is);
     *                   0 renders every frame afresh and hands it over, as Micro-Manager's routes do
     */
    public SimulatedAcquisition(WriterSettings settings, long seed, int timePoints, int bankSize) {
        this.settings = settings;
        this.camera = new SimulatedCamera(settings.width(), settings.height(), settings.pixelType(), seed);
        this.timePoints = timePoints;
        for (int i = 0; i < bankSize; i++) {
            bank.add(camera.frame(FrameCoordinates.of(i, 0, 0)));
        }
    }

    public SimulatedCamera camera() {
        return camera;
    }

    /** Frames a complete run writes. */
    public long totalFrames() {
        return (long) settings.positionCount() * timePoints * settings.channels() * settings.zSlices();
    }

    /** Asks a running {@link #run} to stop after the frame it is writing, from any thread (a Ctrl-C handler). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether {@link #requestStop} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Writes frames in acquisition order, stopping after {@code stopAfter} frames (an early stop)
     * at the end, or at a {@link #requestStop}; {@code progress} is told the running count after each frame.
     *
     * @return the number of frames written
     */
    public long run(AcquisitionWriter writer, long stopAfter, LongConsumer progress) {
        long[] written = {0};
        settings.order().forEachFrameWhile(settings.positionCount(), timePoints, settings.channels(), settings.zSlices(),
                frame -> {
                    if (written[0] >= stopAfter || stopRequested) {
                        return false;
                    }
                    if (bank.isEmpty()) {
                        // a frame made for this call alone, as MMCore and AcqEngJ make theirs: nobody changes it again
                        writer.handOver(frame, camera.frame(frame), metadataOf(frame));
                    } else {
                        writer.write(frame, bank.get((int) (written[0] % bank.size())), metadataOf(frame));
                    }
                    written[0]++;
                    progress.accept(written[0]);
                    return true;
                });
        return written[0];
    }

    private FrameMetadata metadataOf(FrameCoordinates frame) {
        double interval = settings.intervalSeconds() == null ? 1.0 : settings.intervalSeconds();
        double zStep = settings.zStepUm() == null ? 1.0 : settings.zStepUm();
        StagePosition position = settings.positions().get(frame.position());
        return FrameMetadata.builder()
                .elapsedMs(frame.time() * interval * 1000 + frame.position() * 100 + frame.channel() * 10 + frame.z())
                .exposureMs(10 + frame.channel() * 5)
                .stagePositionUm(orZero(position.xUm()), orZero(position.yUm()), orZero(position.zUm()) + frame.z() * zStep)
                .camera("SimulatedCamera")
                .build();
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
