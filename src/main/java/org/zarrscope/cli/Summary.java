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
        return String.format(Locale.ROOT, "dataset: %s (Zarr %s, OME-NGFF %s)%nlayout: %d x %d %s, chunks %s%s, codec %s%n%s",
                settings.output().toAbsolutePath(), settings.format().cliName(), settings.format().ngffVersion(),
                settings.width(), settings.height(), settings.pixelType().cliName(),
                Arrays.toString(settings.chunkShape()),
                settings.isSharded() ? " in shards " + Arrays.toString(settings.shardShape()) : "", settings.codec(),
                statistics);
    }
}
