package org.zarrscope.cli;

import org.zarrscope.PixelType;
import org.zarrscope.SettingsText;
import org.zarrscope.WriterSettings;
import picocli.CommandLine.Option;

/**
 * The frames of a simulated acquisition, which a real one gets from its camera and
 * configuration: channels, z slices, frame size, pixel type and interval.
 */
final class SimulatedFrameOptions {
    @Option(names = "--channels", defaultValue = "1", description = "Channels (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--z", defaultValue = "1", description = "Z slices (default: ${DEFAULT-VALUE}).")
    int zSlices;

    @Option(names = "--size", defaultValue = "512x512", description = "Frame size WIDTHxHEIGHT (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--dtype", defaultValue = "uint16",
            description = "Pixel type: uint8, uint16, uint32, float32 or rgb8 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--interval", description = "Time between time points in seconds.")
    Double intervalSeconds;

    /** Sets these frames on the writer settings. */
    WriterSettings.Builder applyTo(WriterSettings.Builder builder) {
        int[] frameSize = SettingsText.pair("size", size, "WIDTHxHEIGHT, e.g. 2048x2048");
        return builder.channels(channels)
                .zSlices(zSlices)
                .frameSize(frameSize[0], frameSize[1])
                .pixelType(PixelType.fromName(dtype))
                .intervalSeconds(intervalSeconds);
    }
}
