package org.zarrscope;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The names a dataset gets where the user gives none: its image is named after its folder, its
 * channels {@code Channel 0}, {@code Channel 1}, … (coloured by the palette).
 */
final class DefaultNames {
    private DefaultNames() {
    }

    /**
     * The image's name: the dataset folder without {@code .ome.zarr}, or a reference file
     * ({@code convert --reference}) without {@code .ome.zarr.json}, so both are named as the run.
     */
    static String image(Path output) {
        Path file = output == null ? null : output.toAbsolutePath().normalize().getFileName();
        String text = file == null ? "image" : file.toString();
        for (String suffix : new String[] {".ome.zarr", ".ome.zarr.json"}) {
            if (text.endsWith(suffix)) {
                return text.substring(0, text.length() - suffix.length());
            }
        }
        return text;
    }

    static List<ChannelInfo> channels(int channels) {
        List<ChannelInfo> names = new ArrayList<>();
        for (int c = 0; c < Math.max(channels, 0); c++) {
            names.add(new ChannelInfo("Channel " + c, null));
        }
        return names;
    }

    /** The positions' names, in order. */
    static List<String> of(List<StagePosition> positions) {
        List<String> names = new ArrayList<>();
        for (StagePosition position : positions) {
            names.add(position.name());
        }
        return names;
    }
}
