package org.zarrscope.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Evicts a dataset's files from the operating system's page cache, so that the next read comes
 * from the disk, as when a lab converts an archive that has not been read since it was saved.
 * Java cannot ask for that itself ({@code posix_fadvise}); GNU {@code dd} with {@code
 * iflag=nocache count=0} does it for one file, without root, on Linux.
 */
final class PageCache {
    private PageCache() {
    }

    /**
     * Evicts every file under {@code root}; each is first made durable, since the kernel keeps
     * pages not yet written back (the source was written just before).
     */
    static void evict(Path root) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> paths = Files.walk(root)) {
            files = paths.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(true);
            }
            Process dd = new ProcessBuilder("dd", "if=" + file, "iflag=nocache", "count=0", "status=none")
                    .redirectErrorStream(true).start();
            String said = new String(dd.getInputStream().readAllBytes()).trim();
            if (dd.waitFor() != 0) {
                throw new IOException("cannot evict " + file + " from the page cache (--cold needs GNU dd, Linux): " + said);
            }
        }
    }
}
