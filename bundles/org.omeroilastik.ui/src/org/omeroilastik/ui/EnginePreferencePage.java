package org.omeroilastik.ui;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Preferences > ilastik engine: engine choice, ilastik installation, threads, memory, images at once. */
public final class EnginePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
    public static final String ID = "org.omeroilastik.ui.preferences.engine";

    public EnginePreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, EnginePreferences.NODE));
        setDescription("How jobs started from the workbench run. The command line takes the same settings as options.");
    }

    @Override
    protected void createFieldEditors() {
        addField(new RadioGroupFieldEditor(EnginePreferences.ENGINE, "Engine", 1, new String[][] {
            {"Embedded (pure Java, no ilastik needed)", "embedded"},
            {"Installed ilastik, run headless", "ilastik"}}, getFieldEditorParent(), true));
        addField(new DirectoryFieldEditor(EnginePreferences.ILASTIK_HOME, "ilastik installation (folder with run_ilastik.sh):",
                getFieldEditorParent()));
        IntegerFieldEditor threads = new IntegerFieldEditor(EnginePreferences.THREADS, "Engine threads per image (0: all cores):",
                getFieldEditorParent());
        threads.setValidRange(0, 256);
        addField(threads);
        IntegerFieldEditor memory = new IntegerFieldEditor(EnginePreferences.MEMORY,
                "Engine memory per image in MiB (0: 256 MiB per thread):", getFieldEditorParent());
        memory.setValidRange(0, 1 << 20);
        addField(memory);
        IntegerFieldEditor parallel = new IntegerFieldEditor(EnginePreferences.PARALLEL, "Images at once:", getFieldEditorParent());
        parallel.setValidRange(1, 64);
        addField(parallel);
    }

    @Override
    public void init(IWorkbench workbench) {
        getPreferenceStore().setDefault(EnginePreferences.ENGINE, "embedded");
        getPreferenceStore().setDefault(EnginePreferences.THREADS, 0);
        getPreferenceStore().setDefault(EnginePreferences.PARALLEL, 1);
        getPreferenceStore().setDefault(EnginePreferences.MEMORY, 0);
    }
}
