package org.zarrscope;

/** The five dataset axes, in the order OME-NGFF stores them. */
public enum Axis {
    TIME("t", "time"),
    CHANNEL("c", "channel"),
    Z("z", "space"),
    Y("y", "space"),
    X("x", "space");

    private final String letter;
    private final String ngffType;

    Axis(String letter, String ngffType) {
        this.letter = letter;
        this.ngffType = ngffType;
    }

    /** The axis name in OME-NGFF and on the command line. */
    public String letter() { return letter; }

    /** The OME-NGFF axis type. */
    public String ngffType() { return ngffType; }

    /** Dimension index in the stored 5-D array. */
    public int dimension() { return ordinal(); }

    public static Axis fromLetter(char letter) {
        for (Axis axis : values()) {
            if (axis.letter.charAt(0) == Character.toLowerCase(letter)) {
                return axis;
            }
        }
        throw new IllegalArgumentException("unknown axis '" + letter + "'");
    }
}
