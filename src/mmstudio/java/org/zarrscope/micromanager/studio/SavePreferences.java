package org.zarrscope.micromanager.studio;

import java.util.LinkedHashMap;
import java.util.Map;
import org.micromanager.propertymap.MutablePropertyMapView;
import org.zarrscope.micromanager.mda.SaveOptionsForm;

/**
 * The plugin's choices in the Micro-Manager user profile: whether to save Multi-D Acquisitions as
 * OME-Zarr, and the dialog's fields as strings ({@link SaveOptionsForm}).
 */
final class SavePreferences {
    private static final String ENABLED = "saveAsOmeZarr";

    private final MutablePropertyMapView profile;

    SavePreferences(MutablePropertyMapView profile) {
        this.profile = profile;
    }

    boolean enabled() {
        return profile.getBoolean(ENABLED, false);
    }

    /** The dialog's fields as last kept; blank where never kept (the default applies). */
    Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (SaveOptionsForm.Field field : SaveOptionsForm.fields()) {
            fields.put(field.key(), profile.getString(field.key(), ""));
        }
        return fields;
    }

    void keep(boolean enabled, Map<String, String> fields) {
        profile.putBoolean(ENABLED, enabled);
        fields.forEach(profile::putString);
    }
}
