package org.zarrscope;

/**
 * One stage position of a multi-position acquisition: its name (Micro-Manager's position label,
 * e.g. {@code Pos0} or the HCS site {@code B3-Site_0}) and where the stage was, in µm. Each
 * position becomes its own OME-Zarr image. Coordinates are {@code null} when not known.
 */
public final class StagePosition {
    private final String name;
    private final Double xUm;
    private final Double yUm;
    private final Double zUm;

    public StagePosition(String name, Double xUm, Double yUm, Double zUm) {
        if (name == null || name.trim().isEmpty()) {
            throw new SettingsException("positions", "every stage position needs a name");
        }
        this.name = name;
        this.xUm = xUm;
        this.yUm = yUm;
        this.zUm = zUm;
    }

    /** A position known only by its name. */
    public static StagePosition named(String name) {
        return new StagePosition(name, null, null, null);
    }

    public String name() { return name; }

    public Double xUm() { return xUm; }

    public Double yUm() { return yUm; }

    public Double zUm() { return zUm; }

    @Override
    public String toString() {
        return name + (xUm == null ? "" : " (" + xUm + ", " + yUm + (zUm == null ? "" : ", " + zUm) + " µm)");
    }
}
