package org.zarrscope.bench;

import org.zarrscope.SettingsText;
import org.zarrscope.codec.CodecSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The simulated stream every benchmark writes and how often it measures it: the flags
 * {@code bench} and {@code bench pyramid} share, with the same meaning and defaults in both.
 */
final class RunOptions {
    @Option(names = "--frames", defaultValue = "128", description = "Frames per run (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", defaultValue = "2048x2048", description = "Frame size WIDTHxHEIGHT (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--codec", defaultValue = "blosc-lz4", description = "Codec of the compressed runs (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--threads", description = "Writer threads (default: one per core).")
    Integer threads;

    @Option(names = "--repeat", defaultValue = "5", description = "Repetitions; the median counts (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--memory", defaultValue = "256", description = "Memory budget in MiB (default: ${DEFAULT-VALUE}).")
    long memoryMiB;

    /** {@code [width, height]}; a bad {@code --size} is a {@code SettingsException} naming it. */
    int[] frameSize() {
        return SettingsText.pair("size", size, "WIDTHxHEIGHT, e.g. 2048x2048");
    }

    int writerThreads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    CodecSpec codecSpec() {
        return CodecSpec.parse(codec, null, null);
    }

    long memoryBytes() {
        return memoryMiB << 20;
    }

    /** Refuses a {@code --repeat} below 1 before anything is measured. */
    void checkRepeat(CommandSpec spec) {
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat " + repeat + ": give 1 or more (the median counts)");
        }
    }
}
