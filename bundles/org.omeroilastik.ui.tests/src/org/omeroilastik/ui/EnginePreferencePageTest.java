package org.omeroilastik.ui;

import org.omeroilastik.testing.ui.Screenshots;
import org.omeroilastik.testing.ui.UiRobot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

/**
 * Preferences > ilastik engine, driven through its widgets: choosing the installed ilastik and its
 * folder is what the next job started from the workbench uses (here a folder without ilastik, so the
 * job fails naming it).
 */
class EnginePreferencePageTest {

    @TempDir
    Path dir;

    /** Types into the text beside the label starting with {@code label} (the dialog's tree has a filter text too). */
    private static void type(Shell shell, String label, String value) {
        org.eclipse.swt.widgets.Label l = UiRobot.all(shell, org.eclipse.swt.widgets.Label.class).stream()
                .filter(x -> x.getText().startsWith(label)).findFirst().orElseThrow(() -> new AssertionError("no label " + label));
        Control[] siblings = l.getParent().getChildren();
        for (int i = 0; i < siblings.length - 1; i++) {
            if (siblings[i] == l) {
                Text text = (Text) siblings[i + 1];
                text.setText(value);
                text.notifyListeners(SWT.Modify, null);
                return;
            }
        }
        throw new AssertionError("no text beside " + label);
    }

    @Test
    void theChosenEngineRunsTheNextJob() throws Exception {
        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(window, EnginePreferencePage.ID,
                new String[] {EnginePreferencePage.ID}, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Path noIlastik = dir.resolve("no-ilastik-here");
        Files.createDirectories(noIlastik);
        try {
            Shell shell = dialog.getShell();
            shell.setSize(900, 520);
            Button ilastik = UiRobot.all(shell, Button.class).stream().filter(b -> b.getText().startsWith("Installed ilastik")).findFirst()
                    .orElseThrow();
            Button embedded = UiRobot.all(shell, Button.class).stream().filter(b -> b.getText().startsWith("Embedded")).findFirst().orElseThrow();
            assertTrue(embedded.getSelection(), "embedded by default");
            embedded.setSelection(false);
            ilastik.setSelection(true);
            ilastik.notifyListeners(SWT.Selection, null);
            type(shell, "ilastik installation", noIlastik.toString());
            type(shell, "Engine threads", "2");
            type(shell, "Engine memory", "1536");
            for (int i = 0; i < 10; i++) {
                while (shell.getDisplay().readAndDispatch()) {
                    // paint before the screenshot
                }
                Thread.sleep(20);
            }
            Path png = Screenshots.save(shell, "preferences-engine");
            assertTrue(Files.size(png) > 5_000);
            Button ok = UiRobot.all(shell, Button.class).stream().filter(b -> b.getText().replace("&", "").contains("Apply and Close")).findFirst()
                    .orElseThrow();
            ok.notifyListeners(SWT.Selection, null);
            UiRobot.waitUntil(() -> dialog.getShell() == null || dialog.getShell().isDisposed(), 10_000, "the dialog to close");

            assertEquals(JobSpec.Engine.ILASTIK, EnginePreferences.engine());
            assertEquals(Optional.of(noIlastik), EnginePreferences.ilastikHome());
            var engineOptions = EnginePreferences.settings().engineOptions();
            assertEquals(2, engineOptions.threads());
            assertEquals(1536L << 20, engineOptions.memoryBudget(), "the budget is split over the threads, not multiplied");

            String source = "local:" + dir.resolve("repo");
            long dataset;
            try (Repository repo = Services.get(Repositories.class).open(source, true)) {
                dataset = repo.dataManager().createDataset("D", "", Optional.empty()).id();
                repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "scan");
            }
            Job job = JobLauncher.launch(source, dataset, "D", Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"));
            UiRobot.waitUntil(() -> job.getResult() != null, 60_000, "the job");
            assertEquals(IStatus.ERROR, job.getResult().getSeverity());
            assertTrue(job.getResult().getMessage().contains(noIlastik.toString()), job.getResult().getMessage());
        } finally {
            if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
                dialog.close();
            }
            var node = InstanceScope.INSTANCE.getNode(EnginePreferences.NODE);
            node.remove(EnginePreferences.ENGINE);
            node.remove(EnginePreferences.ILASTIK_HOME);
            node.remove(EnginePreferences.THREADS);
            node.remove(EnginePreferences.MEMORY);
        }
    }
}
