package org.zarrscope.codec;

import org.zarrscope.SettingsException;

/** The levels a format accepts, checked with the same error everywhere. */
final class LevelRange {
    private LevelRange() {
    }

    static int check(int level, int min, int max) {
        if (level < min || level > max) {
            throw new SettingsException("codecLevel", "level " + level + " is out of range; allowed: " + min + " to " + max);
        }
        return level;
    }
}
