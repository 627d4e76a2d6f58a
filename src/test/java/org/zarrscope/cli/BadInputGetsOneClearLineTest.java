package org.zarrscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zarrscope.testing.CommandRun;

/**
 * Bad input on the command line gets exit code 2 and two lines on stderr: what is wrong, and
 * where the flags are explained. Never the whole usage (60+ lines that push the error off the
 * screen), never a stack trace.
 */
class BadInputGetsOneClearLineTest {
    @TempDir
    Path temp;

    /** The error, then (for a mistyped name) picocli's suggestion, then the pointer to --help; nothing else. */
    private static void assertRejected(CommandRun run, String command, String... words) {
        assertEquals(2, run.exitCode, run.toString());
        String[] lines = run.err.trim().split("\\R");
        for (String word : words) {
            assertTrue(lines[0].contains(word), "the first line should mention '" + word + "': " + run.err);
        }
        assertEquals("See '" + command + " --help' for the flags.", lines[lines.length - 1], run.err);
        assertTrue(lines.length <= 3, "no usage after the error: " + run.err);
        assertFalse(run.err.contains("Exception") || run.err.contains("\tat "), "no stack trace: " + run.err);
        assertEquals("", run.out, "nothing on stdout");
    }

    @Test
    void anUnknownFlagIsOneLine() {
        assertRejected(CommandRun.zarrscope("simulate", "--out", temp.resolve("a").toString(), "--bogus"),
                "zarrscope simulate", "--bogus");
    }

    @Test
    void aMistypedCommandIsOneLineAndASuggestion() {
        CommandRun run = CommandRun.zarrscope("simulat");
        assertRejected(run, "zarrscope", "simulat");
        assertTrue(run.err.contains("Did you mean: zarrscope simulate?"), run.err);
    }

    @Test
    void aMissingParameterIsOneLine() {
        assertRejected(CommandRun.zarrscope("info"), "zarrscope info", "DATASET");
    }

    @Test
    void anEmptyOutIsRefusedNotTheCurrentFolder() {
        assertRejected(CommandRun.zarrscope("simulate", "--out=", "--size", "16x16", "--no-progress"),
                "zarrscope simulate", "--out", "empty path");
        assertRejected(CommandRun.zarrscope("bench", "--dir="), "zarrscope bench", "--dir", "empty path");
    }

    @Test
    void aBenchOfEmptyFramesIsBadInputNotAStackTrace() {
        Path dir = temp.resolve("bench");
        assertRejected(CommandRun.zarrscope("bench", "--size", "0x0", "--dir", dir.toString(), "--codec-dir",
                dir.toString()), "zarrscope bench", "width", "0");
        assertRejected(CommandRun.zarrscope("bench", "--repeat", "0", "--dir", dir.toString(), "--codec-dir",
                dir.toString()), "zarrscope bench", "--repeat", "0");
        assertFalse(Files.exists(dir.resolve("raw-baseline.bin")), "nothing was measured");
    }

    @Test
    void helpIsACommand() {
        CommandRun all = CommandRun.zarrscope("help");
        assertEquals(0, all.exitCode, all.toString());
        assertTrue(all.out.contains("simulate") && all.out.contains("info") && all.out.contains("help"), all.out);
        CommandRun one = CommandRun.zarrscope("help", "simulate");
        assertEquals(0, one.exitCode, one.toString());
        assertTrue(one.out.startsWith("Usage: zarrscope simulate"), one.out);
        assertTrue(one.out.contains("--stop-after"), one.out);
        assertRejected(CommandRun.zarrscope("help", "simulat"), "zarrscope", "simulat");
    }
}
