package org.zarrscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.zarrscope.testing.CommandRun.succeeding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.codec.CodecSpec;
import org.zarrscope.testing.CommandRun;

/**
 * {@code zarrscope bench} and {@code zarrscope bench pyramid} keep their contract with the scripts
 * that parse them: a final RESULT line with every documented field as a positive number, for the
 * writer and for the pyramid; the old {@code bench --pyramid} is refused, not run as something
 * else. Tiny runs: what they measure says nothing; that they measure is what is checked.
 */
class BenchCommandTest {
    @TempDir
    Path temp;

    @Test
    void theWriterBenchEndsWithEveryResult() {
        String output = succeeding("bench", "--dir", temp.resolve("disk").toString(), "--codec-dir",
                temp.resolve("codec").toString(), "--frames", "4", "--size", "512x512", "--repeat", "1");
        assertTrue(output.contains("\nblosc: " + CodecSpec.bloscLibrary() + "\n"), "names the c-blosc it used: " + output);
        Map<String, Double> result = result(output);
        assertEquals(Arrays.asList("raw_ratio", "codec_ratio", "parallel_codec_ratio", "floor_ratio", "floor_reached",
                "raw_files_ratio", "ndtiff_ratio", "shard_speedup", "file_ratio", "fps", "MBps", "rss_over_idle_mib",
                "budget_mib"), List.copyOf(result.keySet()));
        assertTrue(output.contains("NDTiffStorage, Micro-Manager's default writer, the same frames to the same folder"), output);
        assertFalse(Files.exists(temp.resolve("disk").resolve("bench-ndtiff")), "NDTiffStorage's run removed");
        result.forEach((name, value) -> assertTrue(value >= 0 && Double.isFinite(value), name + "=" + value));
        result.forEach((name, value) -> assertTrue(value > 0 || name.equals("rss_over_idle_mib"), name + "=" + value));
        assertTrue(result.get("rss_over_idle_mib") <= result.get("budget_mib") + 64,
                "the peak resident memory of a run stays within its budget + 64 MiB: " + result);
    }

    @Test
    void thePyramidBenchEndsWithEveryResult() {
        Map<String, Double> result = result(succeeding("bench", "pyramid", "--dir", temp.resolve("codec").toString(),
                "--frames", "4", "--size", "512x512", "--tile", "128", "--repeat", "1"));
        assertEquals(Arrays.asList("pyramid_after_fraction", "pyramid_floor_fraction", "finish_after_s",
                "finish_streaming_s", "finish_none_s", "streaming_throughput_ratio", "fps_none", "fps_streaming", "levels",
                "gib"), List.copyOf(result.keySet()));
        assertEquals(3.0, result.get("levels"), "512 px in 128 px tiles: 512, 256, 128");
        result.forEach((name, value) -> assertTrue(value >= 0 && Double.isFinite(value), name + "=" + value));
        assertTrue(result.get("pyramid_floor_fraction") > 0, "the floor was measured");
    }

    @Test
    void theConvertBenchEndsWithEveryResultAndLeavesNothingBehind() throws Exception {
        Path folder = temp.resolve("convert");
        Map<String, Double> result = result(succeeding("bench", "convert", "--dir", folder.toString(), "--frames", "6",
                "--size", "96x64", "--repeat", "1"));
        assertEquals(Arrays.asList("convert_ratio", "convert_MBps", "read_MBps", "ndtiffstorage_read_MBps",
                "write_MBps"),
                List.copyOf(result.keySet()));
        result.forEach((name, value) -> assertTrue(value > 0 && Double.isFinite(value), name + "=" + value));
        assertEquals(result.get("convert_MBps") / result.get("read_MBps"), result.get("convert_ratio"), 0.01,
                "the ratio is of the two medians");
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(), left.collect(Collectors.toList()), "source and output removed");
        }
    }

    @Test
    void aColdSourceInMemoryIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path memory = Paths.get("/dev/shm");
        assumeTrue(Files.isDirectory(memory) && Files.getFileStore(memory).type().equals("tmpfs"), "no /dev/shm tmpfs here");
        Path source = memory.resolve("zarrscope-bench-cold-" + ProcessHandle.current().pid());
        try {
            CommandRun run = CommandRun.zarrscope("bench", "convert", "--dir", temp.toString(), "--source-dir",
                    source.toString(), "--cold", "--frames", "2", "--size", "64x64", "--repeat", "1");
            assertEquals(2, run.exitCode, run.toString());
            assertTrue(run.err.startsWith("--cold: " + source + " is in memory"), run.toString());
            assertFalse(Files.exists(source), "nothing made for the source");
            assertFalse(Files.exists(temp.resolve("bench-convert.ome.zarr")), "nothing converted");
        } finally {
            Files.deleteIfExists(source);
        }
    }

    @Test
    void theOldPyramidFlagIsRefusedWithThePointerToTheCommand() {
        CommandRun run = CommandRun.zarrscope("bench", "--pyramid", "--codec-dir", temp.resolve("codec").toString(),
                "--tile", "128");
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(run.err.startsWith("--pyramid is now a command of its own: 'zarrscope bench pyramid"), run.toString());
        assertEquals("", run.out, "nothing was measured");
        assertFalse(Files.exists(temp.resolve("codec")), "nothing was written");
    }

    private static Map<String, Double> result(String output) {
        String[] lines = output.trim().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("RESULT "), output);
        Map<String, Double> fields = new LinkedHashMap<>();
        for (String field : last.substring("RESULT ".length()).split(" ")) {
            String[] pair = field.split("=");
            fields.put(pair[0], Double.parseDouble(pair[1]));
        }
        return fields;
    }
}
