package org.zarrscope.micromanager.studio;

import javax.swing.JOptionPane;
import org.micromanager.MenuPlugin;
import org.micromanager.Studio;
import org.micromanager.display.DataViewer;
import org.micromanager.display.DisplayWindow;
import org.scijava.plugin.Plugin;
import org.scijava.plugin.SciJavaPlugin;

/**
 * Plugins ▸ Zarrscope ▸ Convert to OME-Zarr…: the gear-menu entry ({@link ConvertToOmeZarrPlugin})
 * for the image window that was active last, for users who look for it beside the plugin's other
 * entries.
 */
@Plugin(type = MenuPlugin.class)
public final class ConvertActiveDatasetPlugin implements MenuPlugin, SciJavaPlugin {
    static final String NO_WINDOW = "Click the image window of the dataset to convert, then choose Convert to"
            + " OME-Zarr... again (it is also in the gear menu of every image window).";

    private Studio studio;
    private final ConvertToOmeZarrPlugin conversion = new ConvertToOmeZarrPlugin();

    @Override
    public void setContext(Studio context) {
        studio = context;
        conversion.setContext(context);
    }

    @Override
    public String getSubMenu() { return ZarrscopeSavePlugin.TITLE; }

    @Override
    public void onPluginSelected() {
        DataViewer active = studio.displays().getActiveDataViewer();
        if (!(active instanceof DisplayWindow)) {
            JOptionPane.showMessageDialog(null, NO_WINDOW, ZarrscopeSavePlugin.TITLE, JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        conversion.onPluginSelected((DisplayWindow) active);
    }

    @Override
    public String getName() { return ConvertToOmeZarrPlugin.NAME; }

    @Override
    public String getHelpText() {
        return "Converts the saved dataset of the active image window (NDTiff or OME-TIFF) to OME-Zarr, with "
                + "Zarrscope's save options.";
    }

    @Override
    public String getVersion() { return ConvertActiveDatasetPlugin.class.getPackage().getImplementationVersion(); }

    @Override
    public String getCopyright() { return "Zarrscope authors"; }
}
