package org.zarrscope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.ExternalProcess;
import org.zarrscope.store.FileSystemStore;

/**
 * {@code bench convert --cold} is only honest if the source really leaves the page cache: checked
 * with util-linux's {@code fincore}, which reports how much of a file is resident; and the cold
 * benchmark runs through with its source on a disk.
 */
@ExternalProcess
class EvictedFilesLeaveThePageCacheTest {
    @TempDir
    Path temp;

    @Test
    void everyFileOfTheDatasetIsEvictedEvenJustWritten() throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/fincore")), "util-linux's fincore is not installed");
        assumeFalse(FileSystemStore.inMemory(temp), "the temporary folder is in memory (tmpfs)");
        byte[] bytes = new byte[4 << 20];
        new Random(1).nextBytes(bytes);
        Path first = Files.write(temp.resolve("a.tif"), bytes);
        Path second = Files.write(Files.createDirectories(temp.resolve("Full resolution")).resolve("b.tif"), bytes);
        assertTrue(resident(first) > 0 && resident(second) > 0, "written files start in the page cache");

        PageCache.evict(temp);

        assertEquals(0, resident(first), "a.tif");
        assertEquals(0, resident(second), "b.tif");
    }

    @Test
    void aColdConvertBenchReadsItsSourceFromItsDiskAndLeavesNothingBehind() throws Exception {
        Path source = Files.createDirectories(temp.resolve("on-disk"));
        assumeFalse(FileSystemStore.inMemory(source), "the temporary folder is in memory (tmpfs)");
        String output = CommandRun.succeeding("bench", "convert", "--dir", temp.resolve("convert").toString(),
                "--source-dir", source.toString(), "--cold", "--frames", "6", "--size", "96x64", "--repeat", "1");
        assertTrue(output.contains("source read from its disk"), output);
        assertTrue(output.contains("\nRESULT convert_ratio="), output);
        try (Stream<Path> left = Files.list(source)) {
            assertEquals(List.of(), left.collect(Collectors.toList()), "source removed");
        }
    }

    private static long resident(Path file) throws Exception {
        Process fincore = new ProcessBuilder("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString())
                .redirectErrorStream(true).start();
        String said = new String(fincore.getInputStream().readAllBytes()).trim();
        assertEquals(0, fincore.waitFor(), said);
        return Long.parseLong(said);
    }
}
