package org.omeroilastik.ui;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.omeroilastik.jobs.WriteBack;

/**
 * Preferences > ilastik engine > Default exports: what new jobs write back (the write-back items and the
 * export sources written as derived images) and the smallest object that becomes a ROI. "New ilastik job…"
 * and the explorer's "Run ilastik project…" start from these; a job file keeps its own choice.
 */
public final class ExportsPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {
    public static final String ID = "org.omeroilastik.ui.preferences.exports";

    private static final Object[][] ITEMS = {
        {WriteBack.ROIS, "ROIs (polygons of the objects of the project's first label)"},
        {WriteBack.MASKS, "Masks on the ROIs (implies ROIs)"},
        {WriteBack.TABLE, "Table of objects (one row per ROI)"},
        {WriteBack.PROJECT, "The .ilp, attached to the dataset"},
        {WriteBack.PROVENANCE, "Provenance (key-value annotations)"}};

    private final Map<WriteBack, Button> checks = new EnumMap<>(WriteBack.class);
    private Spinner minSize;

    public ExportsPreferencePage() {
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, EnginePreferences.NODE));
        setDescription("What new jobs (New ilastik job\u2026, Run ilastik project\u2026) write back by default. "
                + "A job file keeps its own choice.");
    }

    @Override
    public void init(IWorkbench workbench) {
        getPreferenceStore().setDefault(EnginePreferences.WRITE_BACK, EnginePreferences.format(WriteBack.all()));
        getPreferenceStore().setDefault(EnginePreferences.MIN_SIZE, EnginePreferences.DEFAULT_MIN_SIZE);
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(1, false));
        Group items = group(page, "Written back to the repository");
        for (Object[] item : ITEMS) {
            check(items, (WriteBack) item[0], (String) item[1]);
        }
        Group sources = group(page, "Export sources written as derived images");
        for (WriteBack w : WriteBack.values()) {
            w.derivedImage().ifPresent(source -> check(sources, w, source.ilastikName()));
        }
        Composite size = new Composite(page, SWT.NONE);
        size.setLayout(new GridLayout(2, false));
        new Label(size, SWT.NONE).setText("Smallest object that becomes a ROI (pixels):");
        minSize = new Spinner(size, SWT.BORDER);
        minSize.setData("id", "defaultMinSize");
        minSize.setValues(0, 0, 100_000_000, 0, 1, 100);
        show(EnginePreferences.writeBack(), EnginePreferences.minSize());
        return page;
    }

    private static Group group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        g.setLayout(new GridLayout(1, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return g;
    }

    private void check(Composite parent, WriteBack item, String text) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(text);
        b.setData("id", "defaultWriteBack." + item.name().toLowerCase(java.util.Locale.ROOT));
        checks.put(item, b);
    }

    private void show(Set<WriteBack> writeBack, long size) {
        checks.forEach((w, b) -> b.setSelection(writeBack.contains(w)));
        minSize.setSelection((int) Math.min(Integer.MAX_VALUE, size));
    }

    @Override
    protected void performDefaults() {
        show(WriteBack.all(), EnginePreferences.DEFAULT_MIN_SIZE);
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        Set<WriteBack> chosen = EnumSet.noneOf(WriteBack.class);
        checks.forEach((w, b) -> {
            if (b.getSelection()) {
                chosen.add(w);
            }
        });
        getPreferenceStore().setValue(EnginePreferences.WRITE_BACK, EnginePreferences.format(chosen));
        getPreferenceStore().setValue(EnginePreferences.MIN_SIZE, minSize.getSelection());
        return true;
    }
}
