package org.zarrscope.micromanager.studio;

import java.util.Collections;
import org.micromanager.UserProfile;
import org.micromanager.internal.MMStudio;
import org.micromanager.internal.StartupSettings;
import org.micromanager.profile.internal.UserProfileAdmin;
import org.micromanager.profile.internal.gui.HardwareConfigurationManager;

/**
 * Child JVM main: writes the Micro-Manager user profile of {@code $HOME} so that MMStudio starts
 * with no dialog, on the given configuration and Multi-D engine. Its own JVM because MMStudio's
 * profile admin holds a write lock for its JVM's lifetime, and only {@code shutdown()} writes the file.
 *
 * <p>Arguments: the configuration file, and {@code true} for AcqEngJ or {@code false} for the
 * DEFAULT (Clojure) engine.
 */
public final class StudioProfile {
    /** The user-profile key MMStudio reads at startup to choose AcqEngJ over the Clojure engine. */
    static final String NEW_ENGINE = "Use new Acquisition Engine";

    private StudioProfile() {
    }

    public static void main(String[] args) throws Exception {
        UserProfileAdmin admin = UserProfileAdmin.create();
        UserProfile profile = admin.getProfile();
        StartupSettings startup = StartupSettings.create(profile);
        startup.setSkipProfileSelectionAtStartup(true);
        startup.setSkipConfigSelectionAtStartup(true);
        profile.getSettings(HardwareConfigurationManager.class).putStringList("RECENTLY_USED",
                Collections.singletonList(args[0]));
        profile.getSettings(MMStudio.class).putBoolean(NEW_ENGINE, Boolean.parseBoolean(args[1]));
        admin.shutdown();
        System.out.println("PROFILE written: config " + args[0] + ", AcqEngJ " + args[1]);
    }
}
