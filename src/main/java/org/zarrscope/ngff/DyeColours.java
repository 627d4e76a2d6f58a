package org.zarrscope.ngff;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The colour people expect for a channel named after a well-known dye or fluorescent protein:
 * DAPI and Hoechst blue, FITC, GFP and Alexa 488 green, Cy3, TRITC, rhodamine, mCherry and RFP
 * orange-red, Cy5 (far red, which no screen shows) magenta. The name is matched ignoring case,
 * spaces and punctuation, anywhere in it ({@code "Hoechst 33342"}, {@code "GFP-1"},
 * {@code "EGFP"}, {@code "Alexa Fluor 488"}), so presets named after a filter set or a
 * wavelength (e.g. {@code "488"}) and anything unknown get no colour here.
 */
final class DyeColours {
    static final int BLUE = 0x0000FF;
    static final int GREEN = 0x00FF00;
    static final int ORANGE_RED = 0xFF4500;
    static final int MAGENTA = 0xFF00FF;
    /** Name fragments (lower case letters and digits only) in the order they are tried. */
    private static final Map<String, Integer> FRAGMENTS = new LinkedHashMap<>();

    static {
        for (String blue : new String[] {"dapi", "hoechst"}) {
            FRAGMENTS.put(blue, BLUE);
        }
        for (String green : new String[] {"fitc", "gfp", "alexa488", "alexafluor488", "af488"}) {
            FRAGMENTS.put(green, GREEN);
        }
        for (String orangeRed : new String[] {"cy3", "tritc", "rhodamine", "mcherry", "rfp"}) {
            FRAGMENTS.put(orangeRed, ORANGE_RED);
        }
        FRAGMENTS.put("cy5", MAGENTA);
    }

    private DyeColours() {
    }

    /** The dye's colour as {@code 0xRRGGBB}, or {@code null} when the name names no known dye. */
    static Integer of(String channelName) {
        String key = channelName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (Map.Entry<String, Integer> fragment : FRAGMENTS.entrySet()) {
            if (key.contains(fragment.getKey())) {
                return fragment.getValue();
            }
        }
        return null;
    }
}
