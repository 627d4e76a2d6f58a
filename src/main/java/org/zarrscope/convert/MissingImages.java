package org.zarrscope.convert;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.WriterSettings;

/**
 * The one line that tells a user a converted source was incomplete: how many images it lacked,
 * the first few by position, time, channel name and slice, then the images it lists but could not
 * place (by file: their place may be one of the missing ones, so they are named, not counted
 * among them), and that the rest was converted. The command line prints it; the Micro-Manager
 * plugin shows it.
 */
public final class MissingImages {
    /** Images named in each part of the message; the rest are counted. */
    private static final int NAMED = 5;

    private MissingImages() {
    }

    /** Whether the conversion that returned {@code missing} left anything of {@code input} out. */
    public static boolean any(ConvertibleSource input, List<FrameCoordinates> missing) {
        return !missing.isEmpty() || !input.unplaced().isEmpty();
    }

    /**
     * @param missing what {@link Conversion#run} returned; it or {@code input}'s unplaced images not
     *                empty ({@link #any})
     * @param settings the settings the dataset was written with (names of positions and channels)
     */
    public static String describe(ConvertibleSource input, List<FrameCoordinates> missing, WriterSettings settings) {
        StringBuilder line = new StringBuilder(input.folder() + " is incomplete: ");
        if (!missing.isEmpty()) {
            line.append(String.format(Locale.ROOT, "%d of its %d images are missing (%s); ", missing.size(),
                    input.frames().size() + missing.size(),
                    named(missing.stream().map(frame -> describe(frame, settings)), missing.size())));
        }
        List<String> unplaced = input.unplaced();
        if (!unplaced.isEmpty()) {
            line.append(String.format(Locale.ROOT, "%d of the images it lists could not be placed nor converted (%s); ",
                    unplaced.size(), named(unplaced.stream(), unplaced.size())));
        }
        return line.append(String.format(Locale.ROOT, "the %d it holds were converted%s", input.frames().size(),
                missing.isEmpty() ? "" : ", the missing ones read as 0")).toString();
    }

    /** The first {@value #NAMED} of the {@code count} {@code names}, and how many more. */
    private static String named(Stream<String> names, int count) {
        return names.limit(NAMED).collect(Collectors.joining("; ")) + (count > NAMED ? " and " + (count - NAMED)
                + " more" : "");
    }

    private static String describe(FrameCoordinates frame, WriterSettings settings) {
        String position = settings.positionCount() > 1 ? "position " + settings.positions().get(frame.position()).name()
                + " " : "";
        return String.format(Locale.ROOT, "%st=%d channel %s z=%d", position, frame.time(),
                settings.channelInfo().get(frame.channel()).name(), frame.z());
    }
}
