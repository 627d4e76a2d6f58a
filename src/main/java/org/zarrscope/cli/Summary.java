package org.zarrscope.cli;

import java.util.Arrays;
import java.util.Locale;
import org.zarrscope.WriterSettings;
import org.zarrscope.WriterStatistics;

/** The closing report of a command that wrote a dataset. */
final class Summary {
    private Summary() {
    }

    static String of(WriterSettings settings, WriterStatistics statistics) {
        return String.format(Locale.ROOT, "dataset: %s (Zarr %s, OME-NGFF %s)%s%nlayout: %d x %d %s, chunks %s%s, codec %s%n%s",
                settings.output().toAbsolutePath(), settings.format().cliName(), settings.format().ngffVersion(),
                images(settings),
                settings.width(), settings.height(), settings.pixelType().cliName(),
                Arrays.toString(settings.chunkShape()),
                settings.isSharded() ? " in shards " + Arrays.toString(settings.shardShape()) : "", settings.codec(),
                statistics);
    }

    private static String images(WriterSettings settings) {
        if (settings.plate() != null) {
            return String.format(Locale.ROOT, "%nimages: plate of %d wells (%d rows x %d columns), %d fields",
                    settings.plate().wells().size(), settings.plate().rows().size(), settings.plate().columns().size(),
                    settings.positionCount());
        }
        return settings.positionCount() > 1
                ? String.format(Locale.ROOT, "%nimages: %d stage positions", settings.positionCount()) : "";
    }
}
