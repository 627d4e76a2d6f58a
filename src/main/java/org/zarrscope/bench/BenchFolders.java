package org.zarrscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/** The folders the benchmarks write to, and the removal of what a run wrote there. */
final class BenchFolders {
    private static final Path SHARED_MEMORY = Paths.get("/dev/shm");

    private BenchFolders() {
    }

    /** {@code /dev/shm} where it exists, so the disk does not hide the codecs; else {@code fallback}. */
    static Path inMemoryOr(Path fallback) {
        return Files.isDirectory(SHARED_MEMORY) ? SHARED_MEMORY : fallback;
    }

    /** Deletes {@code root} and everything under it; nothing if it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
