package org.zarrscope.simulate;

import java.util.ArrayList;
import java.util.List;
import org.zarrscope.ChannelInfo;
import org.zarrscope.SettingsException;
import org.zarrscope.StagePosition;

/**
 * The stage positions and channels of a simulated acquisition, named as Micro-Manager names
 * them: positions {@code Pos0}, {@code Pos1}, … on a grid 500 µm apart, or the sites of an HCS
 * plate ({@code A1-Site_0}, …) on a 9 mm well pitch, as its HCS site generator does; channels
 * after common dyes with their usual display colours.
 */
public final class SimulatedStage {
    /** Well pitch of SBS 96-well plates, in µm. */
    private static final double WELL_PITCH_UM = 9000;
    private static final double FIELD_SPACING_UM = 500;
    private static final String[] DYES = {"DAPI", "FITC", "TRITC", "Cy5"};
    private static final int[] DYE_COLOURS = {0x0000FF, 0x00FF00, 0xFF0000, 0xFF00FF};

    private SimulatedStage() {
    }

    /** {@code count} positions {@code Pos0}, {@code Pos1}, … in rows of up to 10. */
    public static List<StagePosition> positions(int count) {
        if (count < 1) {
            throw new SettingsException("positions", count + " is not allowed; give 1 or more");
        }
        List<StagePosition> positions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            positions.add(new StagePosition("Pos" + i, (i % 10) * FIELD_SPACING_UM, (i / 10) * FIELD_SPACING_UM, 0.0));
        }
        return positions;
    }

    /** Every well of a {@code rows} × {@code columns} plate, {@code fields} sites per well, well by well. */
    public static List<StagePosition> plate(int rows, int columns, int fields) {
        if (rows < 1 || rows > 32 || columns < 1 || columns > 48 || fields < 1) {
            throw new SettingsException("plate", rows + "x" + columns + " plate with " + fields + " fields is not allowed; "
                    + "give 1 to 32 rows, 1 to 48 columns and 1 or more fields");
        }
        List<StagePosition> sites = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                for (int field = 0; field < fields; field++) {
                    String well = rowName(row) + (column + 1);
                    sites.add(new StagePosition(well + "-Site_" + field,
                            column * WELL_PITCH_UM + field * FIELD_SPACING_UM, row * WELL_PITCH_UM, 0.0));
                }
            }
        }
        return sites;
    }

    private static String rowName(int row) {
        return row < 26 ? String.valueOf((char) ('A' + row)) : "A" + (char) ('A' + row - 26);
    }

    /** {@code count} channels named after common dyes (then {@code Channel 4}, …), palette colours first. */
    public static List<ChannelInfo> channels(int count) {
        List<ChannelInfo> channels = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            channels.add(c < DYES.length ? new ChannelInfo(DYES[c], DYE_COLOURS[c]) : new ChannelInfo("Channel " + c, null));
        }
        return channels;
    }
}
