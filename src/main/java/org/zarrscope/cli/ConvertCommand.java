package org.zarrscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.SettingsException;
import org.zarrscope.WriterFailedException;
import org.zarrscope.WriterSettings;
import org.zarrscope.WriterStatistics;
import org.zarrscope.convert.ConvertibleSource;
import org.zarrscope.convert.Conversion;
import org.zarrscope.convert.MissingImages;
import org.zarrscope.convert.PixelRuns;
import org.zarrscope.convert.ReferenceDataset;
import org.zarrscope.convert.Sources;
import org.zarrscope.micromanager.mda.MdaSettings;
import org.zarrscope.micromanager.mda.MdaSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zarrscope convert}: an NDTiff dataset (pycro-manager's, AcqEngJ's) or a Micro-Manager
 * OME-TIFF or separate-image-files dataset (mmstudio's TIFF storages) to OME-Zarr through the same
 * writer and metadata mapping as a live acquisition; {@code --reference} writes no pixels. Exit codes:
 * 0 every image converted, 1 the writer failed, 2 bad flags or a source that cannot be read (or
 * pointed at), 3 the source was incomplete (every image it holds was converted; one line names what
 * is missing).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert an NDTiff dataset (pycro-manager, AcqEngJ), a Micro-Manager OME-TIFF dataset "
                + "(*_MMStack*.ome.tif) or a Micro-Manager separate image files dataset (metadata.txt) to OME-Zarr.")
final class ConvertCommand implements Callable<Integer> {
    /** Exit code of a conversion of an incomplete source: everything present was written. */
    static final int INCOMPLETE_SOURCE = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    WriterOptions writer;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "Folder of the NDTiff dataset (holds NDTiff.index), "
            + "of the Micro-Manager OME-TIFF dataset (holds *_MMStack*.ome.tif), or one of its .ome.tif files, "
            + "or of the separate image files dataset (holds metadata.txt, or position folders that do).")
    Path source;

    @picocli.CommandLine.Option(names = "--no-progress", description = "Do not show a progress bar.")
    boolean noProgress;

    @picocli.CommandLine.Option(names = "--reference", description = "Write no pixels: --out is a kerchunk "
            + "reference file (e.g. run_1.ome.zarr.json), a Zarr v2 dataset whose chunks point at the source's "
            + "uncompressed images (grey, little-endian: NDTiff, OME-TIFF, 8-bit separate image files).")
    boolean reference;

    @Override
    public Integer call() throws IOException {
        refuseFlagsTheSourceDecides("--frames", "--order");
        if (reference) {
            refuseFlagsTheReferenceDecides("--format", "--codec", "--clevel", "--shuffle", "--chunk", "--shard",
                    "--pyramid", "--levels");
        }
        ConvertibleSource opened;
        try {
            opened = Sources.open(source);
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("SOURCE " + e.getMessage());
        }
        try (ConvertibleSource input = opened) {
            return reference ? writeReference(input) : copy(input);
        }
    }

    private int copy(ConvertibleSource input) throws IOException {
        WriterSettings settings = settings(input.summary());
        PrintWriter err = spec.commandLine().getErr();
        ProgressDisplay progress = Progress.frames(err, input.frames().size(), noProgress);
        List<FrameCoordinates> missing;
        WriterStatistics statistics;
        try (AcquisitionWriter output = AcquisitionWriter.open(settings)) {
            try {
                missing = Conversion.run(input, output, progress::stepTo);
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
        if (MissingImages.any(input, missing)) {
            err.println("zarrscope: " + MissingImages.describe(input, missing, settings));
            return INCOMPLETE_SOURCE;
        }
        return 0;
    }

    /** --reference: the reference file, whose documents the same writer makes from the same settings. */
    private int writeReference(ConvertibleSource input) throws IOException {
        if (Files.exists(writer.output)) {
            throw invalid("--out " + writer.output + " exists already; choose a new name (nothing was overwritten)");
        }
        PixelRuns pixels;
        try {
            pixels = input.pixelRuns();
        } catch (IllegalArgumentException e) {
            throw invalid("SOURCE " + e.getMessage());
        }
        WriterSettings settings = settings(input.summary());
        PrintWriter err = spec.commandLine().getErr();
        ProgressDisplay progress = Progress.frames(err, input.frames().size(), noProgress);
        List<FrameCoordinates> missing;
        try {
            missing = ReferenceDataset.write(input, pixels, settings, writer.output, progress::stepTo);
        } finally {
            progress.finish();
        }
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s: %d images of %s referred to in place, "
                        + "%s written", writer.output, input.frames().size(), input.folder(),
                HumanUnits.bytes(Files.size(writer.output))));
        if (MissingImages.any(input, missing)) {
            err.println("zarrscope: " + MissingImages.describe(input, missing, settings));
            return INCOMPLETE_SOURCE;
        }
        return 0;
    }

    /**
     * The writer flags completed with the run the source describes; --pixel-size and --z-step
     * replace the source's; --reference fixes the layout to the source's images as they are.
     */
    private WriterSettings settings(MdaSummary summary) {
        MdaSummary.Builder run = summary.toBuilder();
        if (writer.pixelSizeUm != null) {
            run.pixelSizeUm(writer.pixelSizeUm).pixelSizeAffine(null);
        }
        if (writer.zStepUm != null) {
            run.zStepUm(writer.zStepUm);
        }
        try {
            WriterSettings.Builder settings = MdaSettings.describeRun(run.build(), writer.builder(false));
            return (reference ? ReferenceDataset.wholeImageChunks(settings, summary.width(), summary.height())
                    : settings).build();
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

    /** Flags whose value a reference dataset fixes: it is the source's bytes as they are, in Zarr v2. */
    private void refuseFlagsTheReferenceDecides(String... names) {
        for (String name : names) {
            if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                throw invalid(name + ": --reference writes the source's images as they are (Zarr v2, one "
                        + "uncompressed chunk per image, no pyramid)");
            }
        }
    }

    private ParameterException invalid(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
