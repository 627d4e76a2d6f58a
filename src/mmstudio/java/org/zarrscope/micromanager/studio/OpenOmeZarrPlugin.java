package org.zarrscope.micromanager.studio;

import java.io.File;
import java.io.IOException;
import javax.swing.JFileChooser;
import org.micromanager.MenuPlugin;
import org.micromanager.Studio;
import org.micromanager.data.Datastore;
import org.scijava.plugin.Plugin;
import org.scijava.plugin.SciJavaPlugin;
import org.zarrscope.micromanager.mda.SavedDataset;

/**
 * Plugins ▸ Zarrscope ▸ Open OME-Zarr…: shows a dataset on disk in Micro-Manager's viewer, through
 * a datastore whose storage reads it ({@link SavedDataset}). Micro-Manager's own File ▸ Open knows
 * only its TIFF formats.
 */
@Plugin(type = MenuPlugin.class)
public final class OpenOmeZarrPlugin implements MenuPlugin, SciJavaPlugin {
    private Studio studio;

    @Override
    public void setContext(Studio context) {
        studio = context;
    }

    @Override
    public String getSubMenu() { return ZarrscopeSavePlugin.TITLE; }

    @Override
    public void onPluginSelected() {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Open an OME-Zarr dataset (its .ome.zarr folder)");
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        if (chooser.showOpenDialog(null) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        File folder = chooser.getSelectedFile();
        try {
            SavedDataset saved = SavedDataset.open(folder.toPath());
            Datastore store = studio.data().createRAMDatastore();
            store.setStorage(ZarrscopeStorage.reading(saved, studio.data()));
            store.setSavePath(folder.getPath());
            store.setName(folder.getName());
            store.freeze();
            studio.displays().manage(store);
            studio.displays().createDisplay(store);
        } catch (IOException | RuntimeException e) {
            studio.logs().showError(e, "Zarrscope could not open " + folder);
        }
    }

    @Override
    public String getName() { return "Open OME-Zarr..."; }

    @Override
    public String getHelpText() { return "Shows an OME-Zarr dataset (e.g. one Zarrscope saved) in Micro-Manager's viewer."; }

    @Override
    public String getVersion() { return OpenOmeZarrPlugin.class.getPackage().getImplementationVersion(); }

    @Override
    public String getCopyright() { return "Zarrscope authors"; }
}
