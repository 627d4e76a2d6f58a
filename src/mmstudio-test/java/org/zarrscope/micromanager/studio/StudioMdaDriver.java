package org.zarrscope.micromanager.studio;

import java.awt.Canvas;
import java.awt.Color;
import java.awt.Component;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.swing.AbstractButton;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFileChooser;
import javax.swing.SwingUtilities;
import mmcorej.CMMCore;
import org.micromanager.MenuPlugin;
import org.micromanager.Studio;
import org.micromanager.acquisition.ChannelSpec;
import org.micromanager.acquisition.SequenceSettings;
import org.micromanager.data.Coords;
import org.micromanager.data.DataProvider;
import org.micromanager.data.Datastore;
import org.micromanager.data.Image;
import org.micromanager.data.Metadata;
import org.micromanager.display.DisplayWindow;
import org.micromanager.internal.MMStudio;

/**
 * Child JVM main: a user's session in a real MMStudio. Switches the OME-Zarr save option on in
 * the plugin's own dialog, runs a Multi-D Acquisition (3 time points × DAPI, FITC × 3 slices,
 * 512², Micro-Manager's own saving off) through {@code studio.acquisitions()}, then opens the
 * saved dataset with Plugins ▸ Zarrscope ▸ Open OME-Zarr… through its file chooser, and checks
 * that both viewers draw an image. Also checks that MMStudio found the jar's Convert to OME-Zarr…
 * for the windows' gear menu. Screenshots of both go to the screenshot folder. Prints
 * {@code PASS} and exits 0, or exits 1 with the reason.
 *
 * <p>Arguments: the acquisition's root folder, the screenshot folder, and a name for this run's
 * engine (used in screenshot names). The engine itself is chosen by the user profile
 * ({@link StudioProfile}).
 */
public final class StudioMdaDriver {
    static final String PREFIX = "studio";
    static final int TIME_POINTS = 3;
    static final List<String> CHANNELS = Arrays.asList("DAPI", "FITC");
    static final List<Double> SLICES_UM = Arrays.asList(-1.0, 0.0, 1.0);
    static final double EXPOSURE_MS = 10;
    private static final long DISPLAY_TIMEOUT_MS = 20_000;

    private StudioMdaDriver() {
    }

    public static void main(String[] args) {
        try {
            run(Paths.get(args[0]), Paths.get(args[1]), args[2]);
            System.out.println("PASS");
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace(System.out);
            System.out.println("FAIL " + failure);
            System.exit(1);
        }
    }

    private static void run(Path root, Path screenshots, String engine) throws Exception {
        long start = System.nanoTime();
        Studio studio = new MMStudio(false, null);
        log(start, "MMStudio started on " + studio.core().getSystemState().size() + " properties");
        CMMCore core = studio.core();
        core.setConfig("Camera", "Small");
        // The project's demo configuration streams one zero-filled buffer (FastImage=1) for speed;
        // the viewer test needs the demo camera to draw real images.
        core.setProperty("Camera", "FastImage", "0");
        core.waitForSystem();

        switchOnOmeZarrSaving(studio);
        log(start, "OME-Zarr saving switched on in the plugin's dialog");
        // the name is a compile-time constant: this child, whose class path lacks Zarrscope, never loads the class
        StudioScreen.await("gear-menu plugin \"" + ConvertToOmeZarrPlugin.NAME + "\" from the plugin jar",
                DISPLAY_TIMEOUT_MS, () -> studio.plugins().getDisplayGearMenuPlugins().values().stream()
                        .anyMatch(p -> ConvertToOmeZarrPlugin.NAME.equals(p.getName())) ? Boolean.TRUE : null);

        SequenceSettings settings = settings(studio, root);
        studio.acquisitions().setAcquisitionSettings(settings);
        Datastore acquired = studio.acquisitions().runAcquisitionWithSettings(settings, true);
        log(start, "MDA done: " + acquired.getNumImages() + " images, saved to " + acquired.getSavePath());
        printMetadata(studio, "MDA", acquired);
        DisplayWindow mdaWindow = StudioScreen.await("display of the MDA", DISPLAY_TIMEOUT_MS,
                () -> studio.displays().getDisplays(acquired).isEmpty() ? null
                        : studio.displays().getDisplays(acquired).get(0));
        screenshot(mdaWindow, screenshots.resolve("mda-" + engine + ".png"), start);

        Path saved = Paths.get(acquired.getSavePath());
        DisplayWindow reopened = openOmeZarr(studio, saved, acquired);
        log(start, "Open OME-Zarr showed " + reopened.getDataProvider().getNumImages() + " images");
        screenshot(reopened, screenshots.resolve("reopened-" + engine + ".png"), start);
        Datastore reread = (Datastore) reopened.getDataProvider();
        printMetadata(studio, "REOPENED", reread);
        check("the reopened summary's channel group", "Channel", reread.getSummaryMetadata().getChannelGroup());
        check("the reopened summary's channels", CHANNELS, reread.getSummaryMetadata().getChannelNameList());
        sameFrameMetadata(acquired, reread);
    }

    private static SequenceSettings settings(Studio studio, Path root) {
        ArrayList<ChannelSpec> channels = new ArrayList<>();
        Color[] colours = {Color.BLUE, Color.GREEN};
        for (int c = 0; c < CHANNELS.size(); c++) {
            channels.add(studio.acquisitions().channelSpecBuilder().channelGroup("Channel").config(CHANNELS.get(c))
                    .exposure(EXPOSURE_MS).doZStack(true).useChannel(true).color(colours[c]).build());
        }
        return studio.acquisitions().sequenceSettingsBuilder()
                .useFrames(true).numFrames(TIME_POINTS).intervalMs(0)
                .useChannels(true).channelGroup("Channel").channels(channels)
                .useSlices(true).relativeZSlice(true).slices(new ArrayList<>(SLICES_UM))
                .sliceZBottomUm(SLICES_UM.get(0)).sliceZTopUm(SLICES_UM.get(SLICES_UM.size() - 1)).sliceZStepUm(1)
                .usePositionList(false).useAutofocus(false)
                .save(false).root(root.toString()).prefix(PREFIX)
                .shouldDisplayImages(true)
                .build();
    }

    /** Plugins ▸ Zarrscope ▸ Save acquisitions as OME-Zarr…: tick the switch, keep the defaults, OK. */
    private static void switchOnOmeZarrSaving(Studio studio) throws Exception {
        MenuPlugin plugin = menuPlugin(studio, "Save acquisitions as OME-Zarr...");
        SwingUtilities.invokeLater(plugin::onPluginSelected);
        Window dialog = StudioScreen.await("Zarrscope save dialog", DISPLAY_TIMEOUT_MS,
                () -> StudioScreen.showingWindowWith(c -> c instanceof JCheckBox
                        && "Save acquisitions as OME-Zarr".equals(((JCheckBox) c).getText())));
        StudioScreen.onEdt(() -> {
            ((JCheckBox) StudioScreen.find(dialog, c -> c instanceof JCheckBox)).setSelected(true);
            ((AbstractButton) StudioScreen.find(dialog, c -> c instanceof JButton
                    && "OK".equals(((JButton) c).getText()))).doClick();
            return null;
        });
        StudioScreen.await("the save dialog to close (a refused option keeps it open)", DISPLAY_TIMEOUT_MS,
                () -> dialog.isShowing() ? null : Boolean.TRUE);
    }

    /** Plugins ▸ Zarrscope ▸ Open OME-Zarr…, the dataset chosen in its file chooser. */
    private static DisplayWindow openOmeZarr(Studio studio, Path dataset, Datastore acquired) throws Exception {
        MenuPlugin plugin = menuPlugin(studio, "Open OME-Zarr...");
        SwingUtilities.invokeLater(plugin::onPluginSelected);
        Window dialog = StudioScreen.await("Open OME-Zarr file chooser", DISPLAY_TIMEOUT_MS,
                () -> StudioScreen.showingWindowWith(c -> c instanceof JFileChooser));
        StudioScreen.onEdt(() -> {
            JFileChooser chooser = (JFileChooser) StudioScreen.find(dialog, c -> c instanceof JFileChooser);
            chooser.setSelectedFile(dataset.toFile());
            chooser.approveSelection();
            return null;
        });
        return StudioScreen.await("viewer of the reopened dataset", DISPLAY_TIMEOUT_MS, () -> {
            for (DisplayWindow window : studio.displays().getAllImageWindows()) {
                DataProvider provider = window.getDataProvider();
                if (provider != acquired && dataset.toString().equals(((Datastore) provider).getSavePath())) {
                    return window;
                }
            }
            return null;
        });
    }

    private static MenuPlugin menuPlugin(Studio studio, String name) throws Exception {
        return StudioScreen.await("menu plugin \"" + name + "\" (is the plugin jar in mmplugins/?)", DISPLAY_TIMEOUT_MS,
                () -> studio.plugins().getMenuPlugins().values().stream().filter(p -> name.equals(p.getName()))
                        .findFirst().orElse(null));
    }

    /**
     * Waits until the viewer reports the images it shows and its image canvas is on screen, then
     * saves what the screen shows and checks it is a camera image, not a message or a blank.
     */
    private static void screenshot(DisplayWindow display, Path file, long start) throws Exception {
        List<Image> shown = StudioScreen.await("image shown by " + display.getName(), DISPLAY_TIMEOUT_MS, () -> {
            List<Image> images = display.getDisplayedImages();
            return images.isEmpty() ? null : images;
        });
        // the viewer may lay out or replace its canvas while it settles: look for it afresh until one
        // on screen shows a camera image
        BufferedImage drawn = StudioScreen.await("camera image drawn on a canvas on screen in " + display.getName(),
                DISPLAY_TIMEOUT_MS, () -> {
                    Component canvas = StudioScreen.onEdt(() -> StudioScreen.find(display.getWindow(),
                            c -> c instanceof Canvas && c.isShowing() && c.getWidth() > 64 && c.getHeight() > 64));
                    BufferedImage image = canvas == null ? null : StudioScreen.capture(canvas);
                    return image != null && StudioScreen.colours(image) > 64 ? image : null;
                });
        StudioScreen.save(StudioScreen.await("the viewer's window on screen", DISPLAY_TIMEOUT_MS,
                () -> StudioScreen.capture(display.getWindow())), file);
        log(start, display.getName() + " shows " + shown.size() + " image(s), its canvas "
                + StudioScreen.colours(drawn) + " colours; screenshot " + file);
    }

    private static void printMetadata(Studio studio, String label, Datastore store) throws Exception {
        Coords coords = studio.data().coordsBuilder().time(1).channel(1).z(2).build();
        Image image = store.getImage(coords);
        Metadata m = image.getMetadata();
        System.out.println(label + " axes " + store.getAxes() + ", image " + coords + ": exposure " + m.getExposureMs()
                + ", x " + m.getXPositionUm() + ", y " + m.getYPositionUm() + ", z " + m.getZPositionUm()
                + ", elapsed " + m.getElapsedTimeMs(-1) + ", camera " + m.getCamera());
        System.out.println(label + " metadata " + m);
        System.out.println(label + " summary " + store.getSummaryMetadata());
    }

    /** Every reopened image carries what Micro-Manager recorded with it in the MDA. */
    private static void sameFrameMetadata(Datastore acquired, Datastore reread) throws Exception {
        for (Coords coords : acquired.getUnorderedImageCoords()) {
            Metadata original = acquired.getImage(coords).getMetadata();
            Image image = reread.getImage(coords);
            if (image == null) {
                throw new AssertionError("the reopened dataset has no image at " + coords);
            }
            Metadata back = image.getMetadata();
            check(coords + " exposure", original.getExposureMs(), back.getExposureMs());
            check(coords + " z", original.getZPositionUm(), back.getZPositionUm());
            check(coords + " elapsed time", original.getElapsedTimeMs(-1), back.getElapsedTimeMs(-1));
            check(coords + " camera", original.getCamera(), back.getCamera());
        }
    }

    private static void check(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual);
        }
    }

    private static void log(long start, String message) {
        System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - start) / 1e9, message);
    }
}
