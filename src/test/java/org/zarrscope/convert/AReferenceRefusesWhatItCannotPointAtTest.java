package org.zarrscope.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;
import org.zarrscope.testing.NdTiffRuns.Run;

/**
 * {@code zarrscope convert --reference} refuses, with exit code 2 and one line saying why, what a
 * reference file cannot be: compressed or RGB images (a chunk would not be the source's bytes as
 * they are), a layout flag (the layout is the source's), and an {@code --out} that exists. In
 * every case nothing is written. NDTiff sources here; an OME-TIFF source's RGB images are refused
 * with the same line ({@code AnOmeTiffReferenceReadsBackPixelExactTest}, which needs Micro-Manager's
 * writer).
 */
class AReferenceRefusesWhatItCannotPointAtTest {

    @Test
    void compressedImagesAreRefused(@TempDir Path folder) throws Exception {
        Path source = new Run().write(folder.resolve("source"));
        markEveryImageCompressed(source.resolve("NDTiff.index"));
        refused(folder, source, "holds compressed images", "convert it without --reference");
    }

    @Test
    void rgbImagesAreRefused(@TempDir Path folder) throws Exception {
        Run run = new Run();
        run.rgb = true;
        Path source = run.write(folder.resolve("source"));
        refused(folder, source, "holds RGB images", "convert it without --reference");
    }

    @Test
    void everyLayoutFlagIsRefused(@TempDir Path folder) throws Exception {
        Path source = new Run().write(folder.resolve("source"));
        String[][] flags = {{"--format", "v3"}, {"--codec", "zstd"}, {"--clevel", "3"}, {"--shuffle", "shuffle"},
            {"--chunk", "16"}, {"--shard", "64"}, {"--pyramid", "none"}, {"--levels", "2"}};
        for (String[] flag : flags) {
            refused(folder, source, flag[0] + ": --reference writes the source's images as they are", null,
                    flag);
        }
    }

    @Test
    void anExistingOutIsRefusedAndKept(@TempDir Path folder) throws Exception {
        Path source = new Run().write(folder.resolve("source"));
        Path out = Files.writeString(folder.resolve("run.ome.zarr.json"), "a file of the lab's");
        CommandRun run = CommandRun.zarrscope("convert", source.toString(), "--reference", "--out", out.toString(),
                "--no-progress");
        assertEquals(2, run.exitCode, run.toString());
        assertTrue(firstLine(run).contains("exists already; choose a new name (nothing was overwritten)"),
                run.toString());
        assertEquals("a file of the lab's", Files.readString(out));
    }

    /** Converting {@code source} with --reference and {@code flags} exits 2 with one line holding both texts. */
    private static void refused(Path folder, Path source, String reason, String advice, String... flags) {
        Path out = folder.resolve("run.ome.zarr.json");
        List<String> args = new ArrayList<>(List.of("convert", source.toString(), "--reference", "--out",
                out.toString(), "--no-progress"));
        args.addAll(List.of(flags));
        CommandRun run = CommandRun.zarrscope(args.toArray(new String[0]));
        assertEquals(2, run.exitCode, run.toString());
        String line = firstLine(run);
        assertTrue(line.contains(reason) && (advice == null || line.contains(advice)), run.toString());
        assertFalse(run.err.contains("\tat "), "no stack trace: " + run);
        assertFalse(Files.exists(out), "nothing is written");
    }

    /** The error's line; picocli adds only its usage hint ("See 'zarrscope convert --help'") after it. */
    private static String firstLine(CommandRun run) {
        List<String> lines = run.err.lines().filter(l -> !l.isBlank()).collect(java.util.stream.Collectors.toList());
        assertTrue(lines.size() <= 2 && (lines.size() < 2 || lines.get(1).startsWith("See 'zarrscope convert")),
                "one line and the usage hint: " + run);
        return lines.isEmpty() ? "" : lines.get(0);
    }

    /**
     * Sets every index entry's pixel compression code to 1, as a writer that compressed the images
     * would: NDTiffStorage 2.19.2's writer has no compression to write a real one with. An entry is
     * the axes JSON and the data file's name, each after its 32-bit length, then eight 32-bit
     * numbers, the fifth being the pixel compression.
     */
    private static void markEveryImageCompressed(Path index) throws Exception {
        ByteBuffer entries = ByteBuffer.wrap(Files.readAllBytes(index)).order(ByteOrder.LITTLE_ENDIAN);
        int marked = 0;
        while (entries.remaining() >= 4) {
            int axesLength = entries.getInt();
            if (axesLength == 0) {
                break;
            }
            entries.position(entries.position() + axesLength);
            int fileNameLength = entries.getInt();
            entries.position(entries.position() + fileNameLength);
            entries.putInt(entries.position() + 4 * 4, 1);
            entries.position(entries.position() + 8 * 4);
            marked++;
        }
        assertTrue(marked > 0, "no index entry found in " + index);
        Files.write(index, entries.array());
    }
}
