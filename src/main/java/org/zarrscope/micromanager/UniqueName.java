package org.zarrscope.micromanager;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Micro-Manager's rule for naming a run in the MDA's root folder: {@code <prefix>_<N>}, where N is
 * one more than the highest number any entry named {@code <prefix>_<number>…} already has (1 in an
 * empty folder), whatever follows the number; an earlier run is never reused. Zarrscope
 * applies it to {@code <prefix>_<N>.ome.zarr}, so OME-Zarr and TIFF runs share one numbering.
 * Names are compared ignoring case, as Micro-Manager's NDTiff storage does, because the file
 * systems of acquisition PCs (Windows, macOS) do. The prefix is first made a plain folder name
 * ({@link FolderName}): a run is always one folder inside the root folder.
 */
public final class UniqueName {
    /** The extension of an OME-Zarr dataset folder. */
    public static final String EXTENSION = ".ome.zarr";

    private UniqueName() {
    }

    /**
     * The dataset folder for the next run with this prefix in {@code root}, e.g.
     * {@code root/cells_3.ome.zarr}; the prefix {@code ../x} gives {@code root/___x_1.ome.zarr}.
     */
    public static Path next(Path root, String prefix) throws IOException {
        String folder = FolderName.of(prefix);
        return root.resolve(folder + "_" + (highestNumber(root, folder) + 1) + EXTENSION);
    }

    /** The highest N of the entries {@code <prefix>_<N>…} in {@code root}, or 0 (also when root does not exist). */
    static int highestNumber(Path root, String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Pattern numbered = Pattern.compile(Pattern.quote(prefix.toLowerCase(Locale.ROOT) + "_") + "(\\d+).*",
                Pattern.DOTALL);
        int highest = 0;
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher matcher = numbered.matcher(entry.getFileName().toString().toLowerCase(Locale.ROOT));
                if (matcher.matches()) {
                    highest = Math.max(highest, parseCapped(matcher.group(1)));
                }
            }
        }
        return highest;
    }

    /** Refuses a number that leaves no higher one, rather than wrapping round to an old run's. */
    private static int parseCapped(String digits) throws IOException {
        if (digits.length() > 9 && new BigInteger(digits).compareTo(BigInteger.valueOf(Integer.MAX_VALUE - 1)) >= 0) {
            throw new IOException("an entry numbered " + digits + " leaves no higher run number; choose another prefix");
        }
        return Integer.parseInt(digits);
    }
}
