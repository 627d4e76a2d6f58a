package org.zarrscope.cli;

import java.util.Locale;
import org.zarrscope.WriterSettings;
import org.zarrscope.WriterStatistics;

/** The closing report of a command that wrote a dataset. */
final class Summary {
    private Summary() {
    }

    static String of(WriterSettings settings, WriterStatistics statistics) {
        return String.format(Locale.ROOT, "dataset: %s%nlayout: %d x %d %s, chunks %s, codec %s%n%s",
                settings.output().toAbsolutePath(), settings.width(), settings.height(), settings.pixelType().cliName(),
                java.util.Arrays.toString(settings.chunkShape()), settings.codec(), statistics);
    }
}
