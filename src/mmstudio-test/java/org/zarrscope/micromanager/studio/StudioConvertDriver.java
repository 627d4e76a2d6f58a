package org.zarrscope.micromanager.studio;

import java.awt.Window;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import org.micromanager.MenuPlugin;
import org.micromanager.Studio;
import org.micromanager.data.Datastore;
import org.micromanager.display.DisplayGearMenuPlugin;
import org.micromanager.display.DisplayWindow;
import org.micromanager.internal.MMStudio;

/**
 * Child JVM main: Convert to OME-Zarr… in a real MMStudio. Runs the OME-TIFF Multi-D Acquisition
 * of {@link StudioOmeTiffMda} (Micro-Manager's own saving), shows it in a window, takes the
 * plugin MMStudio found for windows' gear menus, and converts the window's dataset into the
 * default folder beside it, with the codec set in the plugin's saved options (zstd), through the
 * plugin's own step ({@link ConvertToOmeZarrPlugin#convert}: the dialogs are left out). Also: a
 * dataset only in memory is refused with the "save it first" message, the same dataset reopened
 * from disk (File ▸ Open) is the same source, and a second conversion into the same folder fails
 * in one line and overwrites nothing; and the menu entry itself, dialogs and all, offers the next
 * free folder in its chooser and tells the end in a message box. Plugins ▸ Zarrscope ▸ Convert to
 * OME-Zarr… acts on the active window: it refuses the in-memory one, and offers the MDA's next
 * folder once that window is brought to the front. Writes the MDA's report
 * ({@link StudioOmeTiffMda#report}), prints {@code PASS} and exits 0, or exits 1 with the reason.
 *
 * <p>Then the same acquisition saved by Micro-Manager as NDTiff, converted the same way.
 *
 * <p>Arguments: the acquisitions' root folder, the OME-TIFF run's report file, the file for its
 * end message, the NDTiff run's report file.
 */
public final class StudioConvertDriver {
    static final String CODEC = "zstd";
    private static final long TIMEOUT_MS = 20_000;
    private static final long CONVERSION_TIMEOUT_MS = 120_000;

    private StudioConvertDriver() {
    }

    public static void main(String[] args) {
        try {
            run(Paths.get(args[0]), Paths.get(args[1]), Paths.get(args[2]), Paths.get(args[3]));
            System.out.println("PASS");
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace(System.out);
            System.out.println("FAIL " + failure);
            System.exit(1);
        }
    }

    private static void run(Path root, Path report, Path endMessage, Path ndTiffReport) throws Exception {
        Studio studio = new MMStudio(false, null);
        Datastore acquired = StudioOmeTiffMda.acquire(studio, root, Datastore.SaveMode.MULTIPAGE_TIFF);
        StudioOmeTiffMda.report(acquired, report);
        DisplayWindow window = studio.displays().createDisplay(acquired);
        ConvertToOmeZarrPlugin plugin = (ConvertToOmeZarrPlugin) StudioScreen.await(
                "gear-menu plugin \"" + ConvertToOmeZarrPlugin.NAME + "\"", TIMEOUT_MS,
                () -> studio.plugins().getDisplayGearMenuPlugins().values().stream()
                        .filter(p -> ConvertToOmeZarrPlugin.NAME.equals(p.getName())).findFirst()
                        .map(DisplayGearMenuPlugin.class::cast).orElse(null));

        Datastore inMemory = studio.data().createRAMDatastore();
        inMemory.putImage(acquired.getAnyImage());
        DisplayWindow inMemoryWindow = studio.displays().createDisplay(inMemory);
        SourceOnDisk unsaved = ConvertToOmeZarrPlugin.sourceOf(inMemoryWindow.getDataProvider());
        check("a dataset in memory is refused", false, unsaved.saved());
        check("the refusal asks to save it first", true, unsaved.refusal().contains("save it first"));
        System.out.println("REFUSED " + unsaved.refusal());

        SourceOnDisk source = ConvertToOmeZarrPlugin.sourceOf(window.getDataProvider());
        check("the MDA's window shows a saved dataset", true, source.saved());
        Path savePath = Paths.get(acquired.getSavePath());
        check("the source is the save path", savePath, source.folder());
        Datastore reopened = studio.data().loadData(savePath.toString(), false);
        check("File > Open of the same dataset is the same source", savePath,
                ConvertToOmeZarrPlugin.sourceOf(reopened).folder());
        Path output = source.defaultOutput();
        check("the default output", savePath.resolveSibling(savePath.getFileName() + ".ome.zarr"), output);

        new SavePreferences(studio.profile().getSettings(ZarrscopeSavePlugin.class)).keep(false,
                Collections.singletonMap("codec", CODEC));
        ConvertToOmeZarrPlugin.Ending ending = plugin.convert(source, output)
                .get(CONVERSION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        System.out.println("ENDED " + ending.message());
        Files.write(endMessage, ending.message().getBytes(StandardCharsets.UTF_8));
        check("the conversion succeeded: " + ending.message(), false, ending.failed());

        ConvertToOmeZarrPlugin.Ending again = plugin.convert(source, output)
                .get(CONVERSION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        System.out.println("AGAIN " + again.message());
        check("converting into the same folder again fails: " + again.message(), true,
                again.failed() && again.message().contains("already holds data"));
        Path next = savePath.resolveSibling(savePath.getFileName() + "_1.ome.zarr");
        check("the next default output", next, source.defaultOutput());

        // the gear-menu entry as a user takes it: its chooser offers that folder, OK converts, a message box tells
        // the end
        SwingUtilities.invokeLater(() -> plugin.onPluginSelected(window));
        Window chooserWindow = StudioScreen.await("the output folder chooser", TIMEOUT_MS,
                () -> StudioScreen.showingWindowWith(c -> c instanceof JFileChooser));
        Path offered = StudioScreen.onEdt(() -> {
            JFileChooser chooser = (JFileChooser) StudioScreen.find(chooserWindow, c -> c instanceof JFileChooser);
            Path selected = chooser.getSelectedFile().toPath();
            chooser.approveSelection();
            return selected;
        });
        check("the chooser offers the default output", next, offered);
        String shown = closeMessageBox();
        System.out.println("SHOWN " + shown);
        check("the message box tells the frames written: " + shown, true,
                shown.contains(acquired.getNumImages() + " frames written") && shown.contains(next.toString()));

        // Plugins ▸ Zarrscope ▸ Convert to OME-Zarr… acts on the active window: the in-memory one (made last), then the MDA's
        MenuPlugin menu = (MenuPlugin) StudioScreen.await("menu plugin \"" + ConvertToOmeZarrPlugin.NAME + "\"",
                TIMEOUT_MS, () -> studio.plugins().getMenuPlugins().values().stream()
                        .filter(p -> ConvertToOmeZarrPlugin.NAME.equals(p.getName())).findFirst().orElse(null));
        check("the active window", inMemoryWindow, studio.displays().getActiveDataViewer());
        SwingUtilities.invokeLater(menu::onPluginSelected);
        String refused = closeMessageBox();
        System.out.println("MENU REFUSED " + refused);
        check("the menu entry refuses the active in-memory dataset", unsaved.refusal(), refused);
        StudioScreen.onEdt(() -> {
            window.getWindow().toFront();
            window.getWindow().requestFocus();
            return null;
        });
        StudioScreen.await("the MDA's window to become the active viewer", TIMEOUT_MS,
                () -> studio.displays().getActiveDataViewer() == window ? Boolean.TRUE : null);
        SwingUtilities.invokeLater(menu::onPluginSelected);
        Window menuChooser = StudioScreen.await("the menu entry's output folder chooser", TIMEOUT_MS,
                () -> StudioScreen.showingWindowWith(c -> c instanceof JFileChooser));
        Path offeredByMenu = StudioScreen.onEdt(() -> {
            JFileChooser chooser = (JFileChooser) StudioScreen.find(menuChooser, c -> c instanceof JFileChooser);
            Path selected = chooser.getSelectedFile().toPath();
            chooser.cancelSelection();
            return selected;
        });
        check("the menu entry's chooser offers the next folder beside the active window's dataset",
                savePath.resolveSibling(savePath.getFileName() + "_2.ome.zarr"), offeredByMenu);

        // the same acquisition saved by Micro-Manager as NDTiff
        Datastore ndTiff = StudioOmeTiffMda.acquire(studio, root, Datastore.SaveMode.ND_TIFF);
        StudioOmeTiffMda.report(ndTiff, ndTiffReport);
        SourceOnDisk ndTiffSource = ConvertToOmeZarrPlugin.sourceOf(studio.displays().createDisplay(ndTiff)
                .getDataProvider());
        ConvertToOmeZarrPlugin.Ending ndTiffEnding = plugin.convert(ndTiffSource, ndTiffSource.defaultOutput())
                .get(CONVERSION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        System.out.println("NDTIFF " + ndTiffEnding.message());
        check("the NDTiff conversion succeeded: " + ndTiffEnding.message(), false, ndTiffEnding.failed());
    }

    /** Waits for a message box, closes it and returns its message. */
    private static String closeMessageBox() throws Exception {
        Window box = StudioScreen.await("a message box", CONVERSION_TIMEOUT_MS,
                () -> StudioScreen.showingWindowWith(c -> c instanceof JOptionPane));
        return StudioScreen.onEdt(() -> {
            String text = String.valueOf(((JOptionPane) StudioScreen.find(box, c -> c instanceof JOptionPane)).getMessage());
            box.dispose();
            return text;
        });
    }

    private static void check(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual);
        }
    }
}
