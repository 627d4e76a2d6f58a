package org.zarrscope.micromanager.studio;

import com.google.common.eventbus.Subscribe;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.micromanager.MenuPlugin;
import org.micromanager.Studio;
import org.micromanager.acquisition.AcquisitionSequenceStartedEvent;
import org.micromanager.acquisition.ChannelSpec;
import org.micromanager.acquisition.SequenceSettings;
import org.micromanager.alerts.UpdatableAlert;
import org.scijava.plugin.Plugin;
import org.scijava.plugin.SciJavaPlugin;
import org.zarrscope.micromanager.mda.MdaRun;
import org.zarrscope.micromanager.mda.MdaSavePlan;
import org.zarrscope.micromanager.mda.SaveOptionsForm;

/**
 * Plugins ▸ Zarrscope ▸ Save acquisitions as OME-Zarr…: the settings dialog, and the listener
 * that, when a Multi-D Acquisition starts (Micro-Manager posts the event before the first image),
 * gives the run a {@link ZarrscopeStorage} writing {@code <root>/<prefix>_<N>.ome.zarr}, or says in
 * the Messages window and the log why it does not ({@link MdaSavePlan}).
 */
@Plugin(type = MenuPlugin.class)
public final class ZarrscopeSavePlugin implements MenuPlugin, SciJavaPlugin {
    static final String TITLE = "Zarrscope";

    private Studio studio;
    private SavePreferences preferences;

    @Override
    public void setContext(Studio context) {
        studio = context;
        preferences = new SavePreferences(studio.profile().getSettings(ZarrscopeSavePlugin.class));
        studio.events().registerForEvents(this);
    }

    @Override
    public String getSubMenu() { return TITLE; }

    @Override
    public void onPluginSelected() {
        SaveSettingsDialog.show(preferences);
    }

    @Override
    public String getName() { return "Save acquisitions as OME-Zarr..."; }

    @Override
    public String getHelpText() {
        return "Saves Multi-D Acquisitions as OME-Zarr while they are acquired (when Micro-Manager's own saving is off).";
    }

    @Override
    public String getVersion() { return ZarrscopeSavePlugin.class.getPackage().getImplementationVersion(); }

    @Override
    public String getCopyright() { return "Zarrscope authors"; }

    /**
     * Runs on the acquisition's thread before its first image. Any failure is reported, never
     * thrown: Micro-Manager's event bus would only log it, and the user must know the run is not
     * being saved.
     */
    @Subscribe
    public void onAcquisitionStarted(AcquisitionSequenceStartedEvent event) {
        SequenceSettings settings = event.getSettings();
        try {
            MdaSavePlan plan = MdaSavePlan.forRun(preferences.enabled(), settings.save(), settings.root(),
                    settings.prefix());
            if (plan.message() != null) {
                tell(plan.message());
            }
            if (!plan.saves()) {
                return;
            }
            MdaRun run = new MdaRun(plan.output(), SaveOptionsForm.parse(preferences.fields()));
            UpdatableAlert progress = studio.alerts().postUpdatableAlert(TITLE, "Saving " + plan.output());
            ZarrscopeStorage.install(event.getDatastore(), run, channelColors(settings), studio.data(),
                    progress::setText);
        } catch (IOException | RuntimeException e) {
            studio.logs().logError(e, TITLE);
            tell("Zarrscope could not save this run as OME-Zarr (" + e.getMessage() + "). The run is kept in memory"
                    + " only: save it from its window before closing it.");
        }
    }

    private void tell(String message) {
        studio.logs().logMessage(message);
        studio.alerts().postAlert(TITLE, ZarrscopeSavePlugin.class, message);
    }

    private static Map<String, Integer> channelColors(SequenceSettings settings) {
        Map<String, Integer> colors = new LinkedHashMap<>();
        for (ChannelSpec channel : settings.channels()) {
            colors.put(channel.config(), channel.color() == null ? null : channel.color().getRGB());
        }
        return colors;
    }
}
