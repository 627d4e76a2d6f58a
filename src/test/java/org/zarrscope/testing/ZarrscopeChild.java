package org.zarrscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code zarrscope} command run in a child JVM on the test's class path, so that a test can
 * kill it mid-acquisition (SIGKILL: no shutdown hook, no finish), and what it leaves on disk.
 */
public final class ZarrscopeChild {
    private ZarrscopeChild() {
    }

    /** Starts {@code zarrscope args…} in a child JVM, its stdout and stderr both going to {@code log}. */
    public static Process start(Path log, String... args) throws IOException {
        return startIn(null, log, args);
    }

    /** Like {@link #start}, in the working directory {@code directory} (the test's own when {@code null}). */
    public static Process startIn(Path directory, Path log, String... args) throws IOException {
        return startIn(directory, List.of(), log, args);
    }

    /** Like {@link #startIn}, with options for the child JVM ({@code -D…}) before its class path. */
    public static Process startIn(Path directory, List<String> jvmOptions, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), "org.zarrscope.cli.ZarrscopeCommand"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        return builder.start();
    }

    /** What the child wrote to its log so far, or nothing when there is no log. */
    public static String output(Path log) throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }

    /** Every regular file of the dataset, as a key relative to its folder with {@code /}, sorted. */
    public static List<String> regularFiles(Path dataset) throws IOException {
        try (Stream<Path> files = Files.walk(dataset)) {
            return files.filter(Files::isRegularFile)
                    .map(path -> dataset.relativize(path).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** The chunk files of an array folder written so far: its visible files, not hidden temporaries. */
    public static int chunkFiles(Path array) throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (!Files.isDirectory(array)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(array)) {
                return (int) files.filter(Files::isRegularFile)
                        .filter(path -> !path.getFileName().toString().startsWith(".")).count();
            } catch (UncheckedIOException | NoSuchFileException e) {
                if (attempt >= 20) {
                    throw e; // a file vanished under the walk (a temporary renamed) every time: give up
                }
            }
        }
    }
}
