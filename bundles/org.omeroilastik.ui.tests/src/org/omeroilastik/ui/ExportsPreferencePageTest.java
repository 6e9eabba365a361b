package org.omeroilastik.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.jobs.WriteBack;
import org.omeroilastik.repository.Counts;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.ui.Screenshots;
import org.omeroilastik.testing.ui.UiRobot;

/**
 * Preferences > ilastik engine > Default exports, driven through its widgets: without the table write-back, with
 * the uncertainty export source and a larger smallest object, the next "Run ilastik project…" gets them (no table
 * in the repository, a third derived image).
 */
class ExportsPreferencePageTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultExportsChangeWhatANewJobWrites() throws Exception {
        String source = "local:" + dir.resolve("repo");
        long before;
        long after;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            before = repo.dataManager().createDataset("Before", "", Optional.empty()).id();
            after = repo.dataManager().createDataset("After", "", Optional.empty()).id();
            for (long dataset : new long[] {before, after}) {
                repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "scan");
            }
        }
        Path project = Conformance.file("pixel/api-2d-1ch/PixelClass.ilp");
        assertEquals(WriteBack.all(), EnginePreferences.writeBack(), "the default before the page is used");
        Job defaults = JobLauncher.launch(source, before, "Before", project);
        UiRobot.waitUntil(() -> defaults.getResult() != null, 120_000, "the job with the default exports");
        assertEquals(IStatus.OK, defaults.getResult().getSeverity(), defaults.getResult().toString());

        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(window, ExportsPreferencePage.ID,
                new String[] {EnginePreferencePage.ID, ExportsPreferencePage.ID}, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Shell shell = dialog.getShell();
            shell.setSize(900, 560);
            Button table = UiRobot.find(shell, "defaultWriteBack.table", Button.class);
            Button uncertainty = UiRobot.find(shell, "defaultWriteBack.uncertainty", Button.class);
            assertTrue(table.getSelection(), "the table is written back by default");
            assertFalse(uncertainty.getSelection(), "uncertainty is not written back by default");
            toggle(table);
            toggle(uncertainty);
            Spinner minSize = UiRobot.find(shell, "defaultMinSize", Spinner.class);
            assertEquals(50, minSize.getSelection());
            minSize.setSelection(400);
            minSize.notifyListeners(SWT.Modify, new Event());
            for (int i = 0; i < 10; i++) {
                while (shell.getDisplay().readAndDispatch()) {
                    // paint before the screenshot
                }
                Thread.sleep(20);
            }
            Path png = Screenshots.save(shell, "preferences-default-exports");
            assertTrue(Files.size(png) > 5_000);
            Button ok = java.util.Arrays.stream(buttons(shell)).filter(b -> b.getText().replace("&", "").contains("Apply and Close")).findFirst()
                    .orElseThrow();
            ok.notifyListeners(SWT.Selection, new Event());
            UiRobot.waitUntil(() -> dialog.getShell() == null || dialog.getShell().isDisposed(), 10_000, "the dialog to close");

            EnumSet<WriteBack> expected = EnumSet.copyOf(WriteBack.all());
            expected.remove(WriteBack.TABLE);
            expected.add(WriteBack.UNCERTAINTY);
            assertEquals(expected, EnginePreferences.writeBack());
            assertEquals(400, EnginePreferences.minSize());

            // "Run ilastik project…" (the explorer's action) starts from the default exports.
            Job changed = JobLauncher.launch(source, after, "After", project);
            UiRobot.waitUntil(() -> changed.getResult() != null, 120_000, "the job with the changed exports");
            assertEquals(IStatus.OK, changed.getResult().getSeverity(), changed.getResult().toString());
            try (Repository repo = Services.get(Repositories.class).open(source, false)) {
                Counts withDefaults = repo.browse().counts(repo.browse().images(before).get(0).id());
                Counts withChanged = repo.browse().counts(repo.browse().images(after).get(0).id());
                assertEquals(1, withDefaults.tables(), withDefaults.toString());
                assertEquals(0, withChanged.tables(), "no table without the table write-back: " + withChanged);
                assertEquals(2, withDefaults.derived(), withDefaults.toString());
                assertEquals(3, withChanged.derived(), "probabilities, segmentation and uncertainty: " + withChanged);
                assertTrue(withChanged.rois() > 0, withChanged.toString());
            }
            // (This image's objects are all far above either size: the size is checked on the job as submitted.)
            var run = Services.get(org.omeroilastik.jobs.JobService.class).runs().stream()
                    .filter(r -> r.spec().source().equals(source) && r.spec().datasetId() == after).findFirst().orElseThrow();
            assertEquals(400, run.spec().minSize());
            assertEquals(expected, run.spec().writeBack());
        } finally {
            if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
                dialog.close();
            }
            var node = InstanceScope.INSTANCE.getNode(EnginePreferences.NODE);
            node.remove(EnginePreferences.WRITE_BACK);
            node.remove(EnginePreferences.MIN_SIZE);
        }
    }

    private static void toggle(Button check) {
        check.setSelection(!check.getSelection());
        check.notifyListeners(SWT.Selection, new Event());
    }

    private static Button[] buttons(Shell shell) {
        return UiRobot.all(shell, Button.class).toArray(Button[]::new);
    }

}
