package org.zarrscope.micromanager.studio;

import java.awt.Window;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import org.micromanager.Studio;
import org.micromanager.alerts.UpdatableAlert;
import org.micromanager.data.DataProvider;
import org.micromanager.data.Datastore;
import org.micromanager.display.DisplayGearMenuPlugin;
import org.micromanager.display.DisplayWindow;
import org.scijava.plugin.Plugin;
import org.scijava.plugin.SciJavaPlugin;
import org.zarrscope.micromanager.mda.SaveOptionsForm;

/**
 * Convert to OME-Zarr…, in the gear menu of a dataset's window: writes the saved dataset the
 * window shows (NDTiff or Micro-Manager OME-TIFF) as a new OME-Zarr dataset, with the options of
 * Plugins ▸ Zarrscope ▸ Save acquisitions as OME-Zarr…. The dialogs are here; the work is
 * {@link #convert}, on a thread of its own, with its progress and its end in an alert of Studio's
 * Messages window ({@link DatasetConversion}).
 */
@Plugin(type = DisplayGearMenuPlugin.class)
public final class ConvertToOmeZarrPlugin implements DisplayGearMenuPlugin, SciJavaPlugin {
    static final String NAME = "Convert to OME-Zarr...";

    private Studio studio;

    @Override
    public void setContext(Studio context) {
        studio = context;
    }

    /** Directly in the gear menu, beside Micro-Manager's own export entries. */
    @Override
    public String getSubMenu() { return ""; }

    @Override
    public void onPluginSelected(DisplayWindow display) {
        Window window = display.getWindow();
        SourceOnDisk source = sourceOf(display.getDataProvider());
        if (!source.saved()) {
            JOptionPane.showMessageDialog(window, source.refusal(), ZarrscopeSavePlugin.TITLE,
                    JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Convert " + source.folder().getFileName() + " to OME-Zarr: the new dataset folder");
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        try {
            chooser.setSelectedFile(source.defaultOutput().toFile());
        } catch (IOException e) {
            studio.logs().showError(e, "Zarrscope cannot name a new dataset beside " + source.folder(), window);
            return;
        }
        if (chooser.showSaveDialog(window) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        File output = chooser.getSelectedFile();
        convert(source, output.toPath()).thenAccept(outcome -> SwingUtilities.invokeLater(() ->
                JOptionPane.showMessageDialog(window, outcome.message(), ZarrscopeSavePlugin.TITLE,
                        outcome.failed() ? JOptionPane.ERROR_MESSAGE : JOptionPane.INFORMATION_MESSAGE)));
    }

    /** The dataset a window shows as a source on disk, or why it is not one. */
    static SourceOnDisk sourceOf(DataProvider provider) {
        if (!(provider instanceof Datastore)) {
            return SourceOnDisk.of(provider.getName(), null, provider.isFrozen());
        }
        return SourceOnDisk.of(provider.getName(), ((Datastore) provider).getSavePath(), provider.isFrozen());
    }

    /**
     * Converts {@code source} into the new folder {@code output} on a thread of its own, with the
     * user's save options; the alert shows the progress and then the end. Never fails: a failure
     * is logged with its cause and ends as a one-line message.
     */
    CompletableFuture<Ending> convert(SourceOnDisk source, Path output) {
        UpdatableAlert alert = studio.alerts().postUpdatableAlert(ZarrscopeSavePlugin.TITLE,
                "Converting " + source.folder() + " to " + output);
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        Thread worker = new Thread(() -> ending.complete(work(source.folder(), output, alert)),
                "zarrscope-convert " + source.folder().getFileName());
        worker.start();
        return ending;
    }

    private Ending work(Path source, Path output, UpdatableAlert alert) {
        Ending ending;
        try {
            SavePreferences preferences = new SavePreferences(studio.profile().getSettings(ZarrscopeSavePlugin.class));
            ending = new Ending(DatasetConversion.run(source, output, SaveOptionsForm.parse(preferences.fields()),
                    alert::setText), false);
            studio.logs().logMessage(ending.message());
        } catch (IOException | RuntimeException e) {
            ending = new Ending("Zarrscope could not convert " + source + " to " + output + ": " + e.getMessage(), true);
            studio.logs().logError(e, ending.message());
        }
        alert.setText(ending.message());
        return ending;
    }

    /** How a conversion ended, as the user is told. */
    static final class Ending {
        private final String message;
        private final boolean failed;

        private Ending(String message, boolean failed) {
            this.message = message;
            this.failed = failed;
        }

        /** One line: frames written (and what the source lacked), or the error. */
        String message() { return message; }

        boolean failed() { return failed; }
    }

    @Override
    public String getName() { return NAME; }

    @Override
    public String getHelpText() {
        return "Converts the saved dataset this window shows (NDTiff or OME-TIFF) to OME-Zarr, with Zarrscope's save options.";
    }

    @Override
    public String getVersion() { return ConvertToOmeZarrPlugin.class.getPackage().getImplementationVersion(); }

    @Override
    public String getCopyright() { return "Zarrscope authors"; }
}
