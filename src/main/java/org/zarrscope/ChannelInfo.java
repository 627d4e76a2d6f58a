package org.zarrscope;

/**
 * How a camera channel is shown: its name (e.g. the preset of Micro-Manager's channel group,
 * {@code DAPI}) and display colour as {@code 0xRRGGBB}, or {@code null} to let the writer pick
 * one: the usual colour of a dye the name names, else one from its palette
 * ({@code org.zarrscope.ngff.ChannelDisplay}).
 */
public final class ChannelInfo {
    private final String name;
    private final Integer rgb;

    public ChannelInfo(String name, Integer rgb) {
        if (name == null || name.isEmpty()) {
            throw new SettingsException("channelInfo", "every channel needs a name");
        }
        if (rgb != null && (rgb < 0 || rgb > 0xFFFFFF)) {
            throw new SettingsException("channelInfo", "colour " + Integer.toHexString(rgb) + " of channel " + name
                    + " is not an RGB value; give 0x000000 to 0xFFFFFF");
        }
        this.name = name;
        this.rgb = rgb;
    }

    public String name() { return name; }

    /** The display colour as {@code 0xRRGGBB}, or {@code null} when the acquisition gave none. */
    public Integer rgb() { return rgb; }
}
