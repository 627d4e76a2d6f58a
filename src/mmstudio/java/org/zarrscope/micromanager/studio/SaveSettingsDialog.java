package org.zarrscope.micromanager.studio;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextField;
import org.zarrscope.SettingsException;
import org.zarrscope.micromanager.mda.SaveOptionsForm;

/**
 * "Save acquisitions as OME-Zarr": a switch and one field per {@link SaveOptionsForm} field,
 * kept in the user profile when the options parse.
 */
final class SaveSettingsDialog {
    private static final String EXPLANATION = "<html>When on, Multi-D Acquisitions whose \"Save images\" is off are"
            + " saved as OME-Zarr<br>in the acquisition's root folder, as &lt;name&gt;_&lt;N&gt;.ome.zarr.</html>";

    private SaveSettingsDialog() {
    }

    static void show(SavePreferences preferences) {
        JDialog dialog = new JDialog((java.awt.Frame) null, "Zarrscope: save acquisitions as OME-Zarr", true);
        JCheckBox enabled = new JCheckBox("Save acquisitions as OME-Zarr", preferences.enabled());
        Map<String, String> kept = preferences.fields();
        Map<String, Supplier<String>> entered = new LinkedHashMap<>();
        JPanel fields = new JPanel(new GridLayout(0, 2, 8, 4));
        for (SaveOptionsForm.Field field : SaveOptionsForm.fields()) {
            String value = kept.getOrDefault(field.key(), "");
            JLabel label = new JLabel(field.label());
            label.setToolTipText(field.hint());
            fields.add(label);
            if (field.choices().isEmpty()) {
                JTextField text = new JTextField(value, 16);
                text.setToolTipText(field.hint());
                fields.add(text);
                entered.put(field.key(), text::getText);
            } else {
                JComboBox<String> choice = new JComboBox<>(field.choices().toArray(new String[0]));
                choice.setSelectedItem(value);
                choice.setToolTipText(field.hint());
                fields.add(choice);
                entered.put(field.key(), () -> (String) choice.getSelectedItem());
            }
        }
        JButton ok = new JButton("OK");
        ok.addActionListener(e -> {
            Map<String, String> values = new LinkedHashMap<>();
            entered.forEach((key, value) -> values.put(key, value.get()));
            try {
                SaveOptionsForm.parse(values);
            } catch (SettingsException wrong) {
                JOptionPane.showMessageDialog(dialog, wrong.getMessage(), "Zarrscope", JOptionPane.ERROR_MESSAGE);
                return;
            }
            preferences.keep(enabled.isSelected(), values);
            dialog.dispose();
        });
        JButton cancel = new JButton("Cancel");
        cancel.addActionListener(e -> dialog.dispose());

        JPanel top = new JPanel(new BorderLayout(0, 6));
        top.add(enabled, BorderLayout.NORTH);
        top.add(new JLabel(EXPLANATION), BorderLayout.CENTER);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(cancel);
        buttons.add(ok);
        JPanel content = new JPanel(new BorderLayout(0, 10));
        content.setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
        content.add(top, BorderLayout.NORTH);
        content.add(fields, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.SOUTH);
        dialog.setContentPane(content);
        dialog.getRootPane().setDefaultButton(ok);
        dialog.pack();
        dialog.setLocationRelativeTo(null);
        dialog.setVisible(true);
    }
}
