package org.zarrscope.micromanager.mda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zarrscope.SettingsException;
import org.zarrscope.ZarrFormat;
import org.zarrscope.codec.BloscShuffle;

/**
 * The plugin's settings dialog shows {@link SaveOptionsForm#fields()} and keeps what is entered
 * in the user profile: every option can be set there, blank means default, and a wrong value is
 * named before it is kept.
 */
class TheSaveSettingsDialogAcceptsOnlyValidOptionsTest {
    /** What the dialog shows for options: each field's value from the profile map, blank if absent. */
    private static Map<String, String> shown(SaveOptions options) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (SaveOptionsForm.Field field : SaveOptionsForm.fields()) {
            fields.put(field.key(), options.toMap().getOrDefault(field.key(), ""));
        }
        return fields;
    }

    @Test
    void everyOptionHasAFieldAndWhatIsShownParsesBackToTheSameOptions() {
        SaveOptions options = SaveOptions.builder().format(ZarrFormat.V2).codec("blosc-zstd", 7, BloscShuffle.BITSHUFFLE)
                .chunkShape(new int[] {1, 1, 8, 256, 256}).unsharded().writerThreads(3).memoryMiB(2048)
                .viewerCacheMiB(64).build();
        assertTrue(shown(options).keySet().containsAll(options.toMap().keySet()),
                "a field for every profile key: " + options.toMap().keySet());
        SaveOptions back = SaveOptionsForm.parse(shown(options));
        assertEquals(options.toMap(), back.toMap());
        assertArrayEquals(new int[] {1, 1, 8, 256, 256}, back.chunkShape());
    }

    @Test
    void blankFieldsTakeTheDefaults() {
        Map<String, String> blank = new HashMap<>();
        for (SaveOptionsForm.Field field : SaveOptionsForm.fields()) {
            blank.put(field.key(), " ");
        }
        SaveOptions options = SaveOptionsForm.parse(blank);
        assertEquals(SaveOptions.DEFAULTS.toMap(), options.toMap());
        assertNull(options.writerThreads());
    }

    @Test
    void choicesAreWhatTheOptionsAccept() {
        for (SaveOptionsForm.Field field : SaveOptionsForm.fields()) {
            for (String choice : field.choices()) {
                Map<String, String> entered = new HashMap<>(SaveOptions.DEFAULTS.toMap());
                entered.put(field.key(), choice);
                SaveOptionsForm.parse(entered); // must not throw
            }
        }
    }

    @Test
    void aWrongValueIsRefusedNamingItsField() {
        Map<String, String> entered = new HashMap<>(SaveOptions.DEFAULTS.toMap());
        entered.put(SaveOptions.CODEC, "lzma");
        SettingsException codec = assertThrows(SettingsException.class, () -> SaveOptionsForm.parse(entered));
        assertEquals("codec", codec.field());
        assertTrue(codec.getMessage().contains("blosc-lz4"), codec.getMessage());

        entered.put(SaveOptions.CODEC, "zstd");
        entered.put(SaveOptions.CHUNK, "1,1,512,512");
        assertEquals(SaveOptions.CHUNK, assertThrows(SettingsException.class, () -> SaveOptionsForm.parse(entered)).field());
    }
}
