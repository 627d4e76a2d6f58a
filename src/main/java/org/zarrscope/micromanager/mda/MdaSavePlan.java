package org.zarrscope.micromanager.mda;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.zarrscope.micromanager.FolderName;
import org.zarrscope.micromanager.UniqueName;

/**
 * What the Micro-Manager plugin does when a Multi-D Acquisition starts: save it as OME-Zarr in
 * the MDA's root folder under Micro-Manager's run name ({@link UniqueName}), or leave it alone
 * and say why. Micro-Manager has no hook for save formats, so the plugin can only replace the
 * storage of a run Micro-Manager keeps in memory: when Micro-Manager's own saving is on, its
 * storage already writes files and the run is not touched.
 */
public final class MdaSavePlan {
    private final Path output;
    private final String message;

    private MdaSavePlan(Path output, String message) {
        this.output = output;
        this.message = message;
    }

    /**
     * @param enabled            the user's "Save acquisitions as OME-Zarr" choice
     * @param microManagerSaves  the MDA's own "Save images" choice
     * @param root               the MDA's root folder (may be blank)
     * @param prefix             the MDA's name for the run (Micro-Manager numbers it: {@code <prefix>_<N>})
     */
    public static MdaSavePlan forRun(boolean enabled, boolean microManagerSaves, String root, String prefix)
            throws IOException {
        if (!enabled) {
            return new MdaSavePlan(null, null);
        }
        if (microManagerSaves) {
            return new MdaSavePlan(null, "Zarrscope did not save this run as OME-Zarr: Micro-Manager's own saving"
                    + " (\"Save images\" in the Multi-D Acquisition window) is on, and its files are written as"
                    + " usual. To save runs as OME-Zarr, turn \"Save images\" off: Zarrscope then saves to the same"
                    + " root folder and name.");
        }
        if (root == null || root.trim().isEmpty()) {
            return new MdaSavePlan(null, "Zarrscope did not save this run as OME-Zarr: the Multi-D Acquisition"
                    + " window gives no root folder (\"Directory root\"). Set one to save runs as OME-Zarr.");
        }
        String name = prefix == null ? "" : prefix;
        Path output = UniqueName.next(Paths.get(root.trim()), name);
        return new MdaSavePlan(output, FolderName.of(name).equals(name) ? null : "Zarrscope saves this run as "
                + output.getFileName() + " in " + output.getParent() + ": its name \"" + name + "\" holds characters"
                + " a folder name cannot (/ \\ : * ? \" < > |, control characters or a leading dot), replaced by _.");
    }

    /** Whether Zarrscope saves the run. */
    public boolean saves() { return output != null; }

    /** The dataset folder, e.g. {@code D:/data/cells_3.ome.zarr}, when {@link #saves()}. */
    public Path output() { return output; }

    /** Why a run the user wanted saved as OME-Zarr is not, or how its name was changed to save it; or {@code null}. */
    public String message() { return message; }
}
