package org.omeroilastik.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSettings;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.TaskStatus;
import org.omeroilastik.jobs.WriteBack;
import org.omeroilastik.repository.Counts;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.ui.Screenshots;
import org.omeroilastik.testing.ui.UiRobot;

/**
 * The Jobs view's actions driven through its widgets over a real local repository and real projects: a run
 * cancelled midway is resumed (finished images skipped, the rest done, write-back without duplicates), and a
 * failed task's error opened in full (and copied).
 */
class JobsViewActionsTest {
    private static final int IMAGES = 5;

    @TempDir
    Path dir;

    @Test
    void resumesACancelledJobSkippingItsFinishedImages() throws Exception {
        String source = "local:" + dir.resolve("repo");
        long dataset;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            dataset = repo.dataManager().createDataset("Cells", "", Optional.empty()).id();
            // Larger images (1344 x 1024) on one engine thread: each takes long enough to cancel the run midway.
            for (int i = 0; i < IMAGES; i++) {
                repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/apoptotic-2d/2d_cells_apoptotic_1channel.h5")),
                        "resume_0" + i);
            }
        }
        Shell shell = showJobsView();
        // The repository in the explorer too, as a user would have it (for the screenshot).
        ((DataExplorerView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(DataExplorerView.ID))
                .addConnection(source);
        Table table = UiRobot.find(shell, "jobsTable", Table.class);
        Button cancel = UiRobot.find(shell, "cancelJob", Button.class);
        Button resume = UiRobot.find(shell, "resumeJob", Button.class);
        Button details = UiRobot.find(shell, "errorDetails", Button.class);
        JobSpec spec = new JobSpec(Conformance.file("pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp"), source, dataset, List.of(), null,
                50, WriteBack.all());
        JobSettings settings = JobSettings.defaults().withEngineOptions(RunOptions.defaults().withThreads(1));
        Job first = JobLauncher.launch("resume test", List.of(spec), settings, JobListener.NONE);

        UiRobot.waitUntil(() -> rows(table, "resume_0").size() == IMAGES && count(rows(table, "resume_0"), "done") >= 1
                && count(rows(table, "resume_0"), "running") == 1, 300_000, "one image done and the next running");
        select(table, rows(table, "resume_0").stream().filter(r -> r.getText(2).equals("running")).findFirst().orElseThrow());
        assertTrue(cancel.isEnabled(), "Cancel applies to a running job");
        assertFalse(resume.isEnabled(), "Resume does not apply to a running job");
        click(cancel);
        UiRobot.waitUntil(() -> first.getResult() != null, 120_000, "the cancelled run to end");
        assertEquals(IStatus.CANCEL, first.getResult().getSeverity(), first.getResult().toString());
        JobRun cancelled = runOf(source, 0);
        UiRobot.waitUntil(() -> count(rows(table, "resume_0"), "running") == 0 && count(rows(table, "resume_0"), "pending") == 0, 10_000,
                "the Jobs view to show the run ended");
        List<String> finishedBefore = new ArrayList<>();
        for (TableItem row : rows(table, "resume_0")) {
            if (row.getText(2).equals("done")) {
                finishedBefore.add(row.getText(1));
            }
        }
        assertTrue(!finishedBefore.isEmpty() && finishedBefore.size() < IMAGES, "finished before the cancel: " + finishedBefore);
        assertTrue(count(rows(table, "resume_0"), "cancelled") >= 1);
        Map<String, Counts> afterFirstRun = counts(source, dataset);
        Counts clean = afterFirstRun.get(finishedBefore.get(0));
        assertEquals(2, clean.derived(), "probabilities and segmentation: " + clean);
        assertEquals(1, clean.tables(), clean.toString());
        assertTrue(clean.rois() > 0, clean.toString());

        // Resume the job from one of its cancelled rows.
        select(table, rows(table, "resume_0").stream().filter(r -> r.getText(2).equals("cancelled")).findFirst().orElseThrow());
        assertTrue(resume.isEnabled(), "Resume applies to a job that ended with cancelled tasks");
        assertFalse(cancel.isEnabled(), "Cancel does not apply to an ended job");
        assertFalse(details.isEnabled(), "Error details applies to failed tasks only");
        click(resume);
        assertFalse(resume.isEnabled(), "a job is resumed once (its resumed run is resumed next)");
        UiRobot.waitUntil(() -> rows(table, "resume_0").size() == 2 * IMAGES, 60_000, "the resumed run in the Jobs view");
        JobRun resumed = runOf(source, 1);
        assertEquals(cancelled.spec(), resumed.spec(), "the same spec");
        assertEquals(cancelled.journal(), resumed.journal(), "the same journal");
        for (TableItem row : rows(table, "resume_0").subList(IMAGES, 2 * IMAGES)) {
            assertEquals("Resume pixel_class_2d_cells_apoptotic.ilp on dataset-" + dataset, row.getText(0));
        }
        // The screenshot while a resumed image is part-way through its blocks, that row selected (Cancel applies to it).
        TableItem partWay = null;
        long end = System.currentTimeMillis() + 120_000;
        while (partWay == null && !resumed.isFinished() && System.currentTimeMillis() < end) {
            pump(shell, 50);
            partWay = rows(table, "resume_0").subList(IMAGES, 2 * IMAGES).stream().filter(r -> r.getText(2).equals("running")
                    && r.getText(3).matches("[1-9]\\d* / \\d+") && !r.getText(3).split(" / ")[0].equals(r.getText(3).split(" / ")[1]))
                    .findFirst().orElse(null);
        }
        if (partWay != null) {
            select(table, partWay);
            assertTrue(cancel.isEnabled(), "Cancel applies to the resumed run while it runs");
            pump(shell, 100);
        }
        Screenshots.save(shell, "jobs-view");
        UiRobot.waitUntil(resumed::isFinished, 600_000, "the resumed run");
        UiRobot.waitUntil(() -> count(rows(table, "resume_0").subList(IMAGES, 2 * IMAGES), "running") == 0, 10_000, "the view to catch up");

        List<TableItem> resumedRows = rows(table, "resume_0").subList(IMAGES, 2 * IMAGES);
        for (TableItem row : resumedRows) {
            String expected = finishedBefore.contains(row.getText(1)) ? "skipped" : "done";
            assertEquals(expected, row.getText(2), row.getText(1) + ": " + row.getText(4));
        }
        // Write-back without duplicates: every image as after one clean run (they all hold the same pixels).
        Map<String, Counts> afterResume = counts(source, dataset);
        assertEquals(IMAGES, afterResume.size());
        afterResume.forEach((image, c) -> assertEquals(clean, c, image));
        assertEquals(List.of(), DisplayThreadGuard.violations(), "no repository or engine work on the display thread");
    }

    @Test
    void aFailedTaskOpensItsErrorDetails() throws Exception {
        String source = "local:" + dir.resolve("mixed");
        long dataset;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            dataset = repo.dataManager().createDataset("Mixed", "", Optional.empty()).id();
            repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "details_gray");
            repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-2d-3ch/Data_3channel.png")), "details_rgb");
        }
        Shell shell = showJobsView();
        Table table = UiRobot.find(shell, "jobsTable", Table.class);
        Button details = UiRobot.find(shell, "errorDetails", Button.class);
        Button resume = UiRobot.find(shell, "resumeJob", Button.class);
        Job job = JobLauncher.launch(source, dataset, "Mixed", Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"));
        UiRobot.waitUntil(() -> job.getResult() != null, 120_000, "the job");
        assertEquals(IStatus.WARNING, job.getResult().getSeverity(), job.getResult().getMessage());
        TaskStatus failed = runOf(source, 0).tasks().stream().filter(t -> t.state() == TaskStatus.State.FAILED).findFirst().orElseThrow();
        assertEquals("details_rgb", failed.image().name());
        assertTrue(failed.message().contains("channel"), failed.message());
        UiRobot.waitUntil(() -> count(rows(table, "details_"), "failed") == 1 && count(rows(table, "details_"), "done") == 1, 10_000,
                "the Jobs view");

        select(table, rows(table, "details_gray").get(0));
        assertFalse(details.isEnabled(), "no error details for a done task");
        assertTrue(resume.isEnabled(), "a job with a failed task can be resumed");
        select(table, rows(table, "details_rgb").get(0));
        assertTrue(details.isEnabled(), "error details for a failed task");
        // A double-click on the failed row opens the dialog.
        table.notifyListeners(SWT.DefaultSelection, new Event());
        Shell dialog = dialog(shell.getDisplay());
        Text text = UiRobot.find(dialog, "errorText", Text.class);
        assertTrue(text.getText().endsWith("\n\n" + failed.message()), "the full error: " + text.getText());
        assertTrue(text.getText().contains("Image: details_rgb (id " + failed.image().id() + ")"), text.getText());
        settle(dialog);
        Screenshots.save(dialog, "jobs-error-details");
        click(UiRobot.find(dialog, "copyError", Button.class));
        Clipboard clipboard = new Clipboard(shell.getDisplay());
        try {
            assertEquals(text.getText(), clipboard.getContents(TextTransfer.getInstance()), "Copy puts the details on the clipboard");
        } finally {
            clipboard.dispose();
        }
        String shown = text.getText();
        click(UiRobot.find(dialog, "closeError", Button.class));
        UiRobot.waitUntil(dialog::isDisposed, 5_000, "the dialog to close");
        // And the button opens it too.
        click(details);
        Shell again = dialog(shell.getDisplay());
        assertEquals(shown, UiRobot.find(again, "errorText", Text.class).getText());
        again.close();
    }

    private static Shell showJobsView() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(JobsPerspective.ID));
        page.showView(JobsView.ID);
        Shell shell = window.getShell();
        shell.setSize(1280, 800);
        return shell;
    }

    /** The {@code index}th run (in submission order) of the JobService over {@code source}. */
    private static JobRun runOf(String source, int index) {
        List<JobRun> runs = Services.get(JobService.class).runs().stream().filter(r -> r.spec().source().equals(source)).toList();
        assertTrue(runs.size() > index, runs.size() + " runs over " + source);
        return runs.get(index);
    }

    private static Map<String, Counts> counts(String source, long dataset) throws Exception {
        Map<String, Counts> out = new HashMap<>();
        try (Repository repo = Services.get(Repositories.class).open(source, false)) {
            for (var image : repo.browse().images(dataset)) {
                out.put(image.name(), repo.browse().counts(image.id()));
            }
        }
        return out;
    }

    /** The rows whose image name starts with {@code prefix} (other tests' jobs stay in the view), in order. */
    private static List<TableItem> rows(Table table, String prefix) {
        List<TableItem> out = new ArrayList<>();
        for (TableItem row : table.getItems()) {
            if (row.getText(1).startsWith(prefix)) {
                out.add(row);
            }
        }
        return out;
    }

    private static long count(List<TableItem> rows, String state) {
        return rows.stream().filter(r -> r.getText(2).equals(state)).count();
    }

    private static void select(Table table, TableItem row) {
        table.setSelection(row);
        table.notifyListeners(SWT.Selection, new Event());
    }

    private static void click(Button button) {
        assertTrue(button.isEnabled(), button.getText() + " is enabled");
        button.notifyListeners(SWT.Selection, new Event());
    }

    private static Shell dialog(Display display) {
        Shell[] found = new Shell[1];
        UiRobot.waitUntil(() -> {
            for (Shell s : display.getShells()) {
                if ("errorDetailsDialog".equals(s.getData("id")) && !s.isDisposed() && s.isVisible()) {
                    found[0] = s;
                    return true;
                }
            }
            return false;
        }, 10_000, "the Error details dialog");
        return found[0];
    }

    /** Handles pending events (layout, paint) for about {@code millis} ms. */
    private static void pump(Shell shell, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        do {
            while (shell.getDisplay().readAndDispatch()) {
                // layout and paint
            }
            Thread.sleep(10);
        } while (System.currentTimeMillis() < end);
    }

    private static void settle(Shell shell) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            while (shell.getDisplay().readAndDispatch()) {
                // let layout and paint events through before the screenshot
            }
            Thread.sleep(25);
        }
    }
}
