package org.zarrscope.convert;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.zarrscope.FrameCoordinates;
import org.zarrscope.WriterSettings;

/**
 * The one line that tells a user a converted source was incomplete: how many images it lacked,
 * the first few by position, time, channel name and slice, and that the rest was converted. The
 * command line prints it; the Micro-Manager plugin shows it.
 */
public final class MissingImages {
    /** Missing images named in the message; the rest are counted. */
    private static final int NAMED = 5;

    private MissingImages() {
    }

    /**
     * @param missing what {@link Conversion#run} returned, not empty
     * @param settings the settings the dataset was written with (names of positions and channels)
     */
    public static String describe(ConvertibleSource input, List<FrameCoordinates> missing, WriterSettings settings) {
        List<String> named = missing.stream().limit(NAMED).map(frame -> describe(frame, settings))
                .collect(Collectors.toList());
        int places = input.frames().size() + missing.size();
        return String.format(Locale.ROOT, "%s is incomplete: %d of its %d images are missing (%s%s); the %d it "
                        + "holds were converted, the missing ones read as 0", input.folder(), missing.size(), places,
                String.join("; ", named), missing.size() > named.size()
                        ? " and " + (missing.size() - named.size()) + " more" : "", input.frames().size());
    }

    private static String describe(FrameCoordinates frame, WriterSettings settings) {
        String position = settings.positionCount() > 1 ? "position " + settings.positions().get(frame.position()).name()
                + " " : "";
        return String.format(Locale.ROOT, "%st=%d channel %s z=%d", position, frame.time(),
                settings.channelInfo().get(frame.channel()).name(), frame.z());
    }
}
