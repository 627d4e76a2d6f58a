package org.zarrscope;

import org.zarrscope.store.Store;
import org.zarrscope.zarr.ZarrLayout;
import org.zarrscope.zarr.ZarrV2Layout;
import org.zarrscope.zarr.ZarrV3Layout;

/**
 * The on-disk format of a dataset.
 *
 * <p>{@link #V2} (Zarr v2 + OME-NGFF 0.4) is read by every OME-Zarr tool in the field today.
 * {@link #V3} (Zarr v3 + OME-NGFF 0.5) is the current standard and allows sharding, which keeps a
 * fast camera from creating millions of small files; older readers (zarr-python 2) cannot open it.
 */
public enum ZarrFormat {
    V2("v2", "0.4"),
    V3("v3", "0.5");

    private final String cliName;
    private final String ngffVersion;

    ZarrFormat(String cliName, String ngffVersion) {
        this.cliName = cliName;
        this.ngffVersion = ngffVersion;
    }

    public String cliName() { return cliName; }

    /** The OME-NGFF version written with this format. */
    public String ngffVersion() { return ngffVersion; }

    /** How this format lays out groups, arrays and chunks in {@code store}. */
    public ZarrLayout layout(Store store) {
        return this == V3 ? new ZarrV3Layout(store) : new ZarrV2Layout(store);
    }

    public static ZarrFormat fromName(String name) {
        for (ZarrFormat format : values()) {
            if (format.cliName.equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new SettingsException("format", "unknown format '" + name + "'; allowed: v2, v3");
    }
}
