package org.zarrscope.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.SettingsException;
import org.zarrscope.SettingsText;
import org.zarrscope.StagePosition;
import org.zarrscope.WriterFailedException;
import org.zarrscope.WriterSettings;
import org.zarrscope.WriterStatistics;
import org.zarrscope.simulate.SimulatedAcquisition;
import org.zarrscope.simulate.SimulatedStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code zarrscope simulate}: a simulated acquisition written to OME-Zarr, no hardware needed. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Acquire simulated camera frames and write them to an OME-Zarr dataset.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WriterOptions writer;

    @Mixin
    SimulatedFrameOptions frames;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--stop-after", description = "Stop early after this many frames, as a user pressing Stop would.")
    Long stopAfter;

    @Option(names = "--open-ended", description = "Write as an open-ended time-lapse: the time axis grows as frames arrive.")
    boolean openEnded;

    @Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    @Option(names = "--positions", description = "Stage positions Pos0, Pos1, ...: one image each (default: 1).")
    Integer positions;

    @Option(names = "--plate", description = "Image an HCS plate of ROWSxCOLUMNS wells (e.g. 2x3), written as an "
            + "OME-NGFF plate.")
    String plate;

    @Option(names = "--fields", defaultValue = "1", description = "Fields (sites) per well with --plate (default: ${DEFAULT-VALUE}).")
    int fields;

    @Override
    public Integer call() throws Exception {
        if (stopAfter != null && stopAfter < 0) {
            throw new ParameterException(spec.commandLine(), "--stop-after " + stopAfter + " is negative; give 0 or more frames");
        }
        WriterSettings settings;
        try {
            WriterSettings.Builder builder = frames.applyTo(writer.builder(openEnded))
                    .channelInfo(SimulatedStage.channels(frames.channels));
            List<StagePosition> stage = stagePositions();
            if (stage != null) {
                builder.positions(stage);
            }
            settings = builder.build();
        } catch (SettingsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        SimulatedAcquisition acquisition = new SimulatedAcquisition(settings, seed, writer.timePoints, 0);
        long planned = stopAfter == null ? acquisition.totalFrames() : Math.min(stopAfter, acquisition.totalFrames());
        PrintWriter err = spec.commandLine().getErr();
        ProgressDisplay progress = Progress.frames(err, planned, noProgress);
        long acquired;
        WriterStatistics statistics;
        StopSignals signals;
        try (AcquisitionWriter output = AcquisitionWriter.open(settings);
                StopSignals stop = StopSignals.install(err, acquisition::requestStop)) {
            signals = stop;
            try {
                acquired = acquisition.run(output, planned, progress::stepTo);
            } catch (WriterFailedException e) {
                throw WriterFailure.reportedAtFinish(output);
            } finally {
                progress.finish();
            }
            Progress.ending(err, output, noProgress, acquisition.stopRequested() && acquired < planned
                    ? output::abort : output::finish);
            statistics = output.statistics();
        }
        Progress.written(err, statistics, noProgress);
        spec.commandLine().getOut().println(Summary.of(settings, statistics));
        if (signals.stopped() && acquired < planned) {
            return signals.reportStop(acquired, planned, statistics.framesWritten());
        }
        return statistics.framesWritten() == planned && acquired == planned ? 0 : 1;
    }

    /** The positions the flags ask for, or {@code null} for one image named after the dataset. */
    private List<StagePosition> stagePositions() {
        if (plate != null && positions != null) {
            throw new ParameterException(spec.commandLine(), "--positions and --plate exclude each other: a plate's "
                    + "positions are its wells' fields");
        }
        if (plate != null) {
            int[] wells = SettingsText.pair("plate", plate, "ROWSxCOLUMNS, e.g. 8x12");
            return SimulatedStage.plate(wells[0], wells[1], fields);
        }
        return positions == null ? null : SimulatedStage.positions(positions);
    }
}
