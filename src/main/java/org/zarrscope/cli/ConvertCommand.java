package org.zarrscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.SettingsException;
import org.zarrscope.WriterFailedException;
import org.zarrscope.WriterSettings;
import org.zarrscope.WriterStatistics;
import org.zarrscope.convert.NdTiffConversion;
import org.zarrscope.convert.NdTiffSource;
import org.zarrscope.micromanager.MdaSettings;
import org.zarrscope.micromanager.MdaSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zarrscope convert}: an NDTiff dataset (pycro-manager's, AcqEngJ's) to OME-Zarr through
 * the same writer and metadata mapping as a live acquisition. Exit codes: 0 every image converted,
 * 1 the writer failed, 2 bad flags or a source that cannot be read, 3 the source was incomplete
 * (every image it holds was converted; one line names what is missing).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert an NDTiff dataset (pycro-manager, AcqEngJ) to OME-Zarr.")
final class ConvertCommand implements Callable<Integer> {
    /** Exit code of a conversion of an incomplete source: everything present was written. */
    static final int INCOMPLETE_SOURCE = 3;
    /** Missing images named in the message; the rest are counted. */
    private static final int NAMED_MISSING = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    WriterOptions writer;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "Folder of the NDTiff dataset (holds NDTiff.index).")
    Path source;

    @picocli.CommandLine.Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        refuseFlagsTheSourceDecides("--frames", "--order");
        NdTiffSource ndtiff;
        try {
            ndtiff = NdTiffSource.open(source);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("SOURCE " + e.getMessage());
        }
        try (NdTiffSource input = ndtiff) {
            WriterSettings settings = settings(input.summary());
            PrintWriter err = spec.commandLine().getErr();
            ProgressDisplay progress = Progress.frames(err, input.images().size(), noProgress);
            List<FrameCoordinates> missing;
            WriterStatistics statistics;
            try (AcquisitionWriter output = AcquisitionWriter.open(settings)) {
                try {
                    missing = NdTiffConversion.run(input, output, progress::stepTo);
                } catch (WriterFailedException e) {
                    throw WriterFailure.reportedAtFinish(output);
                } finally {
                    progress.finish();
                }
                Progress.ending(err, output, noProgress, output::finish);
                statistics = output.statistics();
            }
            Progress.written(err, statistics, noProgress);
            spec.commandLine().getOut().println(Summary.of(settings, statistics));
            if (!missing.isEmpty()) {
                err.println("zarrscope: " + incomplete(input, missing, settings));
                return INCOMPLETE_SOURCE;
            }
            return 0;
        }
    }

    /** The writer flags completed with the run the source describes; --pixel-size and --z-step replace the source's. */
    private WriterSettings settings(MdaSummary summary) {
        MdaSummary.Builder run = summary.toBuilder();
        if (writer.pixelSizeUm != null) {
            run.pixelSizeUm(writer.pixelSizeUm).pixelSizeAffine(null);
        }
        if (writer.zStepUm != null) {
            run.zStepUm(writer.zStepUm);
        }
        try {
            return MdaSettings.describeRun(run.build(), writer.builder(false)).build();
        } catch (SettingsException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Flags whose value the source gives: taking them silently would write a dataset unlike the source. */
    private void refuseFlagsTheSourceDecides(String... names) {
        for (String name : names) {
            if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                throw invalid(name + ": convert takes the time points and acquisition order from the source");
            }
        }
    }

    private static String incomplete(NdTiffSource input, List<FrameCoordinates> missing, WriterSettings settings) {
        List<String> named = missing.stream().limit(NAMED_MISSING).map(frame -> describe(frame, settings))
                .collect(Collectors.toList());
        int places = input.images().size() + missing.size();
        return String.format(Locale.ROOT, "%s is incomplete: %d of its %d images are missing (%s%s); the %d it "
                        + "holds were converted, the missing ones read as 0", input.folder(), missing.size(), places,
                String.join("; ", named), missing.size() > named.size()
                        ? " and " + (missing.size() - named.size()) + " more" : "", input.images().size());
    }

    private static String describe(FrameCoordinates frame, WriterSettings settings) {
        String position = settings.positionCount() > 1 ? "position " + settings.positions().get(frame.position()).name()
                + " " : "";
        return String.format(Locale.ROOT, "%st=%d channel %s z=%d", position, frame.time(),
                settings.channelInfo().get(frame.channel()).name(), frame.z());
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
