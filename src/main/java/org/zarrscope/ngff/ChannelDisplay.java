package org.zarrscope.ngff;

import java.util.ArrayList;
import java.util.List;
import org.zarrscope.ChannelInfo;
import org.zarrscope.PixelType;
import org.zarrscope.WriterSettings;

/**
 * The name and display colour of each stored channel, shared by the {@code omero} metadata and
 * OME-XML so that both always agree.
 *
 * <p>Colours come from the acquisition ({@link ChannelInfo#rgb()}) when given, else from a
 * well-known dye the channel's name names ({@link DyeColours}: {@code DAPI} blue, {@code GFP}
 * green, …). Otherwise a single channel is shown white (a grey-scale image), and of several
 * channels those without a colour take the colours of {@link #PALETTE} in turn, skipping colours
 * other channels were given or named: green and magenta first, a pair that people with red-green
 * colour blindness tell apart and that overlaps as white. RGB frames are stored as three channels per
 * camera channel and always shown red, green and blue, named {@code "<channel> red"} and so on.
 */
public final class ChannelDisplay {
    /** Colours of channels without one of their own, in order: green, magenta, cyan, yellow. */
    public static final List<Integer> PALETTE = List.of(0x00FF00, 0xFF00FF, 0x00FFFF, 0xFFFF00);
    /** The colour of the only channel of a grey-scale image. */
    public static final int WHITE = 0xFFFFFF;
    private static final int[] RGB_COLOURS = {0xFF0000, 0x00FF00, 0x0000FF};
    private static final String[] RGB_NAMES = {"red", "green", "blue"};

    private final String name;
    private final int rgb;

    private ChannelDisplay(String name, int rgb) {
        this.name = name;
        this.rgb = rgb;
    }

    /** One entry per stored channel ({@code c} of the array), in order. */
    public static List<ChannelDisplay> of(WriterSettings settings) {
        List<ChannelInfo> channels = settings.channelInfo();
        List<Integer> own = new ArrayList<>();
        channels.forEach(channel -> own.add(channel.rgb() != null ? channel.rgb() : DyeColours.of(channel.name())));
        List<Integer> unused = new ArrayList<>(PALETTE);
        unused.removeAll(own);
        List<ChannelDisplay> stored = new ArrayList<>();
        int picked = 0;
        for (int c = 0; c < channels.size(); c++) {
            ChannelInfo channel = channels.get(c);
            if (settings.pixelType() == PixelType.RGB8) {
                for (int component = 0; component < RGB_COLOURS.length; component++) {
                    stored.add(new ChannelDisplay(channel.name() + " " + RGB_NAMES[component], RGB_COLOURS[component]));
                }
            } else if (own.get(c) != null) {
                stored.add(new ChannelDisplay(channel.name(), own.get(c)));
            } else if (channels.size() == 1) {
                stored.add(new ChannelDisplay(channel.name(), WHITE));
            } else {
                List<Integer> choices = unused.isEmpty() ? PALETTE : unused;
                stored.add(new ChannelDisplay(channel.name(), choices.get(picked++ % choices.size())));
            }
        }
        return stored;
    }

    public String name() { return name; }

    /** The colour as {@code 0xRRGGBB}. */
    public int rgb() { return rgb; }

    /** The colour as OME-NGFF writes it: six upper-case hex digits, {@code RRGGBB}. */
    public String hex() {
        return String.format("%06X", rgb);
    }
}
