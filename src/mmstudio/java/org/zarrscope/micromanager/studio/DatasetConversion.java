package org.zarrscope.micromanager.studio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.zarrscope.AcquisitionWriter;
import org.zarrscope.FinishProgress;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.WriterSettings;
import org.zarrscope.WriterStatistics;
import org.zarrscope.convert.Conversion;
import org.zarrscope.convert.ConvertibleSource;
import org.zarrscope.convert.MissingImages;
import org.zarrscope.convert.Sources;
import org.zarrscope.micromanager.mda.MdaSettings;
import org.zarrscope.micromanager.mda.SaveOptions;

/**
 * Convert to OME-Zarr's work, without a dialog: a saved dataset (NDTiff, Micro-Manager OME-TIFF
 * or separate image files, told apart by {@link Sources}) through {@link Conversion} into a new OME-Zarr dataset
 * written with the user's save options, as {@code zarrscope convert} writes it with its flags.
 * Runs on the caller's thread and tells its progress as lines of text.
 */
final class DatasetConversion {
    private DatasetConversion() {
    }

    /**
     * @param status told a line of progress now and then: images copied, then the pyramid's chunks
     * @return the line the user reads at the end: frames written and where, and what the source lacked
     * @throws IOException if the source cannot be read or the output written (e.g. it holds data already)
     * @throws IllegalArgumentException if the source's metadata cannot be mapped
     * @throws org.zarrscope.SettingsException if the save options do not fit this dataset
     */
    static String run(Path source, Path output, SaveOptions options, Consumer<String> status) throws IOException {
        try (ConvertibleSource input = Sources.open(source)) {
            WriterSettings settings = MdaSettings.writerSettings(input.summary(), options, output);
            int images = input.frames().size();
            List<FrameCoordinates> missing;
            WriterStatistics statistics;
            try (AcquisitionWriter writer = AcquisitionWriter.open(settings)) {
                missing = Conversion.run(input, writer, imagesCopied(images, status));
                status.accept("Finishing " + output.getFileName());
                FinishProgress.watch(writer, writer::finish, (done, total) -> status.accept(String.format(Locale.ROOT,
                        "Building the pyramid of %s: %d of %d chunks", output.getFileName(), done, total)));
                statistics = writer.statistics();
            }
            String written = String.format(Locale.ROOT, "Converted %s to %s: %d frames written in %.1f s", source,
                    output, statistics.framesWritten(), statistics.elapsedNanos() / 1e9);
            return MissingImages.any(input, missing) ? written + ". " + MissingImages.describe(input, missing, settings)
                    : written;
        }
    }

    /** A line each time another hundredth of the images is copied, not one per image (the alert redraws). */
    private static LongConsumer imagesCopied(int images, Consumer<String> status) {
        long[] toldPercent = {-1};
        return copied -> {
            long percent = copied * 100 / Math.max(1, images);
            if (percent != toldPercent[0]) {
                toldPercent[0] = percent;
                status.accept(String.format(Locale.ROOT, "Converting: %d of %d images (%d%%)", copied, images, percent));
            }
        };
    }
}
