package org.zarrscope;

/**
 * Settings written as text, as the command line and Micro-Manager's user profile keep them:
 * whole numbers and {@code t,c,z,y,x} extents, read with errors that name the setting.
 */
public final class SettingsText {
    private SettingsText() {
    }

    /** A whole number, or {@link SettingsException} naming {@code field}. */
    public static int wholeNumber(String field, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new SettingsException(field, "'" + text + "' is not a whole number");
        }
    }

    /** Five extents {@code t,c,z,y,x} such as {@code 1,1,16,512,512}, or {@link SettingsException} naming {@code field}. */
    public static int[] extents(String field, String text) {
        String[] parts = text.split(",");
        if (parts.length != 5) {
            throw new SettingsException(field, "'" + text + "' is not five extents t,c,z,y,x, e.g. 1,1,16,512,512");
        }
        int[] extents = new int[5];
        for (int i = 0; i < 5; i++) {
            extents[i] = wholeNumber(field, parts[i]);
        }
        return extents;
    }

    /** Two whole numbers such as {@code WIDTHxHEIGHT} or {@code ROWSxCOLUMNS}; {@code example} shows the form. */
    public static int[] pair(String field, String text, String example) {
        String[] parts = text.toLowerCase().split("x");
        if (parts.length != 2) {
            throw new SettingsException(field, "'" + text + "' is not of the form " + example);
        }
        return new int[] {wholeNumber(field, parts[0]), wholeNumber(field, parts[1])};
    }

    /** Extents as {@link #extents} reads them. */
    public static String format(int[] extents) {
        StringBuilder text = new StringBuilder();
        for (int extent : extents) {
            text.append(text.length() == 0 ? "" : ",").append(extent);
        }
        return text.toString();
    }
}
