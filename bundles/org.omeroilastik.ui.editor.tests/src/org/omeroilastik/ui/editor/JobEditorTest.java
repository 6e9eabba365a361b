package org.omeroilastik.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.util.LocalSelectionTransfer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Widget;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.jobs.JobDocument;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.WriteBack;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.ui.Screenshots;
import org.omeroilastik.testing.ui.UiRobot;
import org.omeroilastik.ui.DataExplorerView;
import org.omeroilastik.ui.DisplayThreadGuard;
import org.omeroilastik.ui.JobsPerspective;

/**
 * The job editor driven through its widgets over a real local repository and real ilastik projects: a job made
 * from the data explorer's context menu, a dataset added and another dropped (its channel mismatch shown), the
 * example exporter chosen, the job saved, run to done (write-back and export checked), and reopened.
 */
class JobEditorTest {
    static final String EXPORTER = "org.omeroilastik.example.exporter.objectsCsv";

    @TempDir
    Path dir;

    private String source;

    @Test
    void createsAddsRunsSavesAndReopensAJob() throws Exception {
        source = "local:" + dir.resolve("repo");
        long scans;
        long rgb;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            long project = repo.dataManager().createProject("Cells", "").id();
            scans = repo.dataManager().createDataset("Scans", "", Optional.of(project)).id();
            rgb = repo.dataManager().createDataset("RGB", "", Optional.of(project)).id();
            for (int i = 0; i < 2; i++) {
                repo.dataManager().importImage(scans, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "scan_0" + i);
            }
            repo.dataManager().importImage(rgb, ImageSource.of(Conformance.file("pixel/api-2d-3ch/Data_3channel.png")), "colour");
        }
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(JobsPerspective.ID));
        page.closeAllEditors(false);
        DataExplorerView explorer = (DataExplorerView) page.showView(DataExplorerView.ID);
        Shell shell = window.getShell();
        shell.setSize(1280, 800);
        explorer.addConnection(source);
        Tree tree = UiRobot.find(shell, "tree", Tree.class);
        UiRobot.waitUntil(() -> find(tree, "Cells") != null, 30_000, "the project in the explorer");
        UiRobot.expand(tree, find(tree, "Cells"));
        UiRobot.waitUntil(() -> find(tree, "Scans") != null && find(tree, "RGB") != null, 30_000, "the datasets");

        // "New ilastik job…" on the dataset's context menu, the dialog filled in through its widgets.
        tree.setSelection(find(tree, "Scans"));
        Path ilp = Conformance.file("pixel/api-2d-1ch/PixelClass.ilp");
        fillNewJobDialog(shell.getDisplay(), ilp, "pixel-job");
        tree.getMenu().notifyListeners(SWT.Show, new Event()); // the menu manager fills in the contributions
        MenuItem newJob = java.util.Arrays.stream(tree.getMenu().getItems()).filter(m -> m.getText().startsWith("New ilastik job"))
                .findFirst().orElseThrow(() -> new AssertionError("no New ilastik job\u2026 in the explorer's menu"));
        newJob.notifyListeners(SWT.Selection, new Event());
        UiRobot.waitUntil(() -> page.getActiveEditor() instanceof JobEditor e && e.isLoaded(), 30_000, "the new job's editor");
        JobEditor editor = (JobEditor) page.getActiveEditor();
        Path file = editor.file();
        assertTrue(file.toString().endsWith("jobs/pixel-job.ilastikjob"), file.toString());
        assertEquals(List.of("Project", "Pixel Classification", "Inputs", "Engine", "Exports & write-back", "Run"), editor.pageTitles());
        Text summary = UiRobot.find(shell, "projectSummary", Text.class);
        assertTrue(summary.getText().contains("PixelClassificationWorkflow") || summary.getText().contains("Pixel Classification"),
                summary.getText());
        Table labels = UiRobot.find(shell, "projectLabels", Table.class);
        assertTrue(labels.getItemCount() >= 2, "the project's labels");
        settle(shell);
        Screenshots.save(shell, "job-editor-project");

        // Inputs: the dataset the job was made from, checked; the RGB dataset dropped, its channel mismatch shown.
        editor.showPage("Inputs");
        Table inputs = UiRobot.find(shell, "inputs", Table.class);
        UiRobot.waitUntil(() -> inputs.getItemCount() == 1 && inputs.getItem(0).getData("check") != null, 30_000, "the input's check");
        assertEquals("Scans", inputs.getItem(0).getText(0));
        assertTrue(inputs.getItem(0).getText(3).contains("2 images, 1 channel as the project expects"), inputs.getItem(0).getText(3));
        tree.setSelection(find(tree, "RGB"));
        dragAndDrop(tree, inputs);
        UiRobot.waitUntil(() -> inputs.getItemCount() == 2 && inputs.getItem(1).getData("check") != null, 30_000, "the dropped input's check");
        TableItem mismatch = inputs.getItem(1);
        assertEquals("RGB", mismatch.getText(0));
        assertTrue(mismatch.getText(3).contains("channel mismatch: 1 of 1 image (1 with 3 channels); the project expects 1 channel"),
                mismatch.getText(3));
        assertEquals(shell.getDisplay().getSystemColor(SWT.COLOR_RED).getRGB(), mismatch.getForeground(3).getRGB());
        assertTrue(editor.isDirty(), "adding inputs makes the job dirty");
        settle(shell);
        Screenshots.save(shell, "job-editor-inputs");
        inputs.setSelection(1);
        click(UiRobot.find(shell, "removeInput", Button.class));
        assertEquals(1, inputs.getItemCount());
        // And the Add button adds the explorer's selection (already there: no duplicate).
        tree.setSelection(find(tree, "Scans"));
        click(UiRobot.find(shell, "addInputs", Button.class));
        assertEquals(1, inputs.getItemCount());

        // Exports: the example exporter chosen.
        editor.showPage("Exports & write-back");
        Button exporter = UiRobot.find(shell, "exporter." + EXPORTER, Button.class);
        exporter.setSelection(true);
        exporter.notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of(EXPORTER), editor.job().exporters());

        // Engine: defaults from the preferences, changed here.
        editor.showPage("Engine");
        assertTrue(UiRobot.find(shell, "engineEmbedded", Button.class).getSelection(), "the embedded engine by default");
        org.eclipse.swt.widgets.Spinner threads = UiRobot.find(shell, "threads", org.eclipse.swt.widgets.Spinner.class);
        threads.setSelection(2);
        threads.notifyListeners(SWT.Modify, new Event());
        assertEquals(2, editor.job().threads());

        page.saveEditor(editor, false);
        UiRobot.waitUntil(() -> !editor.isDirty(), 10_000, "the job saved");
        JobDocument saved = JobDocument.read(file);
        assertEquals(List.of(new JobDocument.Input(JobDocument.Kind.DATASET, scans, "Scans")), saved.inputs());
        assertEquals(2, saved.threads());
        assertEquals(List.of(EXPORTER), saved.exporters());

        // Run to done.
        editor.showPage("Run");
        click(UiRobot.find(shell, "run", Button.class));
        Label status = UiRobot.find(shell, "runStatus", Label.class);
        Table runs = UiRobot.find(shell, "runTable", Table.class);
        UiRobot.waitUntil(() -> !status.getText().startsWith("Not run") && !status.getText().startsWith("Planning")
                && !status.getText().startsWith("Running"), 180_000, "the run");
        assertTrue(status.getText().startsWith("Done: 2 images"), status.getText());
        assertEquals(2, runs.getItemCount());
        for (TableItem row : runs.getItems()) {
            assertEquals("done", row.getText(1), row.getText(0) + ": " + row.getText(2));
            assertTrue(row.getText(2).contains("ROIs"), row.getText(2));
        }
        // The run went through the JobService in an Eclipse Job: the Jobs view lists its tasks.
        Table jobs = UiRobot.find(shell, "jobsTable", Table.class);
        UiRobot.waitUntil(() -> java.util.Arrays.stream(jobs.getItems()).filter(r -> r.getText(0).equals("PixelClass.ilp on dataset-" + scans)
                && r.getText(2).equals("done")).count() == 2, 10_000, "the Jobs view");
        settle(shell);
        Screenshots.save(shell, "job-editor-run");
        Path exports = saved.exportFolder(file);
        List<String> counts = Files.readAllLines(exports.resolve("counts.csv"));
        assertEquals(3, counts.size(), "a header and one line per image: " + counts);
        try (Repository repo = Services.get(Repositories.class).open(source, false)) {
            for (var image : repo.browse().images(scans)) {
                assertEquals(2, repo.browse().counts(image.id()).derived(), "probabilities and segmentation written back on " + image.name());
                int rois = repo.browse().rois(image.id()).size();
                assertTrue(rois > 0, "ROIs on " + image.name());
                assertTrue(counts.contains(counts.stream().filter(l -> l.startsWith(image.id() + ",")).findFirst().orElse("none")),
                        "exported " + image.name());
                assertEquals(String.valueOf(rois), counts.stream().filter(l -> l.startsWith(image.id() + ",")).findFirst().orElseThrow()
                        .split(",")[2]);
            }
            for (var image : repo.browse().images(rgb)) {
                assertEquals(0, repo.browse().counts(image.id()).derived(), "the removed input was not run");
            }
        }

        // Reopen: the saved job comes back.
        page.closeEditor(editor, false);
        page.openEditor(new JobEditorInput(file), JobEditor.ID);
        UiRobot.waitUntil(() -> page.getActiveEditor() instanceof JobEditor e && e.isLoaded(), 30_000, "the reopened job");
        JobEditor reopened = (JobEditor) page.getActiveEditor();
        assertEquals(saved, reopened.job());
        assertFalse(reopened.isDirty());
        assertTrue(UiRobot.find(shell, "exporter." + EXPORTER, Button.class).getSelection(), "the chosen exporter");
        Table again = UiRobot.find(shell, "inputs", Table.class);
        assertEquals(1, again.getItemCount());
        assertEquals("Scans", again.getItem(0).getText(0));
        page.closeEditor(reopened, false);
        assertEquals(List.of(), DisplayThreadGuard.violations(), "no repository, engine or file work on the display thread");
    }

    @Test
    void aWorkflowWithoutContributionOpensOnItsUnsupportedPage() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Shell shell = page.getWorkbenchWindow().getShell();
        page.closeAllEditors(false);
        // Object classification: read by this product, but no bundle contributes its editor pages.
        // Multicut: not even read (the reader reports it unsupported).
        for (String[] c : new String[][] {{"projects/ObjectClassification2d_wPred.ilp", "Object Classification (from prediction image)"},
                {"projects/Boundary-basedSegmentationwMulticut3d1c.ilp", "Edge Training With Multicut"}}) {
            Path job = dir.resolve(c[1].replaceAll("\\W", "") + ".ilastikjob");
            JobDocument.of(Conformance.file(c[0]), JobSpec.Engine.EMBEDDED, 0, 1).write(job);
            page.openEditor(new JobEditorInput(job), JobEditor.ID);
            UiRobot.waitUntil(() -> page.getActiveEditor() instanceof JobEditor e && e.isLoaded(), 30_000, "the job of " + c[0]);
            JobEditor editor = (JobEditor) page.getActiveEditor();
            assertEquals(List.of("Unsupported workflow"), editor.pageTitles(), c[0]);
            Label title = UiRobot.find(shell, "problemTitle", Label.class);
            assertTrue(title.getText().startsWith("Unsupported workflow ") && title.getText().contains(c[1]), title.getText());
            assertTrue(UiRobot.find(shell, "problemText", Label.class).getText().contains(WorkflowRegistry.POINT));
            if (c[1].startsWith("Object")) {
                settle(shell);
                Screenshots.save(shell, "job-editor-unsupported");
            }
            page.closeEditor(editor, false);
        }
    }

    @Test
    void theFileMenuOffersNewIlastikJob() {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        MenuItem file = java.util.Arrays.stream(shell.getMenuBar().getItems()).filter(m -> m.getText().replace("&", "").equals("File"))
                .findFirst().orElseThrow(() -> new AssertionError("no File menu"));
        // Contributed items are created when the menu is about to show.
        file.getMenu().notifyListeners(SWT.Show, new Event());
        MenuItem newJob = java.util.Arrays.stream(file.getMenu().getItems()).filter(m -> m.getText().startsWith("New ilastik job"))
                .findFirst().orElseThrow(() -> new AssertionError("no New ilastik job\u2026 in the File menu: "
                        + java.util.Arrays.stream(file.getMenu().getItems()).map(MenuItem::getText).toList()));
        assertTrue(newJob.isEnabled());
        file.getMenu().notifyListeners(SWT.Hide, new Event());
    }

    @Test
    void aNewJobStartsFromTheDefaultExports() throws Exception {
        // Preferences > ilastik engine > Default exports (its page is driven through its widgets in ExportsPreferencePageTest).
        var prefs = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode("org.omeroilastik.ui");
        prefs.put("writeBack", "rois,probabilities,provenance");
        prefs.putLong("minSize", 120);
        try {
            IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            Shell shell = page.getWorkbenchWindow().getShell();
            page.closeAllEditors(false);
            MenuItem file = java.util.Arrays.stream(shell.getMenuBar().getItems()).filter(m -> m.getText().replace("&", "").equals("File"))
                    .findFirst().orElseThrow(() -> new AssertionError("no File menu"));
            file.getMenu().notifyListeners(SWT.Show, new Event());
            MenuItem newJob = java.util.Arrays.stream(file.getMenu().getItems()).filter(m -> m.getText().startsWith("New ilastik job"))
                    .findFirst().orElseThrow(() -> new AssertionError("no New ilastik job\u2026 in the File menu"));
            fillNewJobDialog(shell.getDisplay(), Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"), "defaults-job");
            newJob.notifyListeners(SWT.Selection, new Event());
            file.getMenu().notifyListeners(SWT.Hide, new Event());
            UiRobot.waitUntil(() -> page.getActiveEditor() instanceof JobEditor e && e.isLoaded(), 30_000, "the new job's editor");
            JobEditor editor = (JobEditor) page.getActiveEditor();
            assertEquals(java.util.EnumSet.of(WriteBack.ROIS, WriteBack.PROBABILITIES, WriteBack.PROVENANCE), editor.job().writeBack());
            assertEquals(120, editor.job().minSize());
            assertEquals(editor.job(), JobDocument.read(editor.file()), "saved as created");
            editor.showPage("Exports & write-back");
            assertTrue(UiRobot.find(shell, "writeBack.probabilities", Button.class).getSelection());
            assertFalse(UiRobot.find(shell, "writeBack.table", Button.class).getSelection(), "no table: the default exports leave it out");
            page.closeEditor(editor, false);
        } finally {
            prefs.remove("writeBack");
            prefs.remove("minSize");
        }
    }

    @Test
    void cancelStopsARunningJob() throws Exception {
        String repoSource = "local:" + dir.resolve("slow");
        long many;
        int images = 6;
        try (Repository repo = Services.get(Repositories.class).open(repoSource, true)) {
            many = repo.dataManager().createDataset("Many", "", Optional.empty()).id();
            for (int i = 0; i < images; i++) {
                repo.dataManager().importImage(many, ImageSource.of(Conformance.file("pixel/apoptotic-2d/2d_cells_apoptotic_1channel.h5")),
                        "cells_0" + i);
            }
        }
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Shell shell = page.getWorkbenchWindow().getShell();
        page.closeAllEditors(false);
        Path job = dir.resolve("slow.ilastikjob");
        // One engine thread and one image at a time, so the run is still going when Cancel is pressed.
        JobDocument.of(Conformance.file("pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp"), JobSpec.Engine.EMBEDDED, 1, 1)
                .withInputs(repoSource, List.of(new JobDocument.Input(JobDocument.Kind.DATASET, many, "Many"))).write(job);
        page.openEditor(new JobEditorInput(job), JobEditor.ID);
        UiRobot.waitUntil(() -> page.getActiveEditor() instanceof JobEditor e && e.isLoaded(), 30_000, "the job");
        JobEditor editor = (JobEditor) page.getActiveEditor();
        editor.showPage("Run");
        Button run = UiRobot.find(shell, "run", Button.class);
        Button cancel = UiRobot.find(shell, "cancel", Button.class);
        Table rows = UiRobot.find(shell, "runTable", Table.class);
        Label status = UiRobot.find(shell, "runStatus", Label.class);
        click(run);
        UiRobot.waitUntil(() -> cancel.isEnabled() && rows.getItemCount() == images && rows.getItem(0).getText(1).equals("running"), 60_000,
                "the first image running");
        click(cancel);
        UiRobot.waitUntil(() -> run.isEnabled(), 60_000, "the run to stop");
        assertEquals("Cancelled", status.getText());
        long done = java.util.Arrays.stream(rows.getItems()).filter(r -> r.getText(1).equals("done")).count();
        long cancelled = java.util.Arrays.stream(rows.getItems()).filter(r -> r.getText(1).equals("cancelled")).count();
        assertTrue(done < images && cancelled >= 1, done + " done, " + cancelled + " cancelled");
        assertFalse(cancel.isEnabled());
        page.closeEditor(editor, false);
    }

    @Test
    void resumeSkipsTheImagesAnEarlierRunFinished() throws Exception {
        String repoSource = "local:" + dir.resolve("resume");
        long scans;
        try (Repository repo = Services.get(Repositories.class).open(repoSource, true)) {
            scans = repo.dataManager().createDataset("Scans", "", Optional.empty()).id();
            for (int i = 0; i < 2; i++) {
                repo.dataManager().importImage(scans, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "first_0" + i);
            }
        }
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Shell shell = page.getWorkbenchWindow().getShell();
        page.closeAllEditors(false);
        Path job = dir.resolve("resume.ilastikjob");
        JobDocument.of(Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"), JobSpec.Engine.EMBEDDED, 0, 1)
                .withInputs(repoSource, List.of(new JobDocument.Input(JobDocument.Kind.DATASET, scans, "Scans"))).write(job);
        page.openEditor(new JobEditorInput(job), JobEditor.ID);
        UiRobot.waitUntil(() -> page.getActiveEditor() instanceof JobEditor e && e.isLoaded(), 30_000, "the job");
        JobEditor editor = (JobEditor) page.getActiveEditor();
        editor.showPage("Run");
        Button run = UiRobot.find(shell, "run", Button.class);
        Button resume = UiRobot.find(shell, "resume", Button.class);
        Table rows = UiRobot.find(shell, "runTable", Table.class);
        Label status = UiRobot.find(shell, "runStatus", Label.class);
        click(run);
        UiRobot.waitUntil(() -> status.getText().startsWith("Done") || status.getText().startsWith("Finished") || status.getText().startsWith("Cannot"),
                120_000, "the first run");
        assertEquals("Done: 2 images", status.getText());
        // A third image arrives in the dataset: Resume runs it and skips the two the first run finished.
        try (Repository repo = Services.get(Repositories.class).open(repoSource, false)) {
            repo.dataManager().importImage(scans, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "later");
        }
        click(resume);
        UiRobot.waitUntil(() -> !run.isEnabled(), 10_000, "the resumed run to start");
        UiRobot.waitUntil(() -> run.isEnabled(), 120_000, "the resumed run");
        assertEquals("Done: 3 images (2 finished before, skipped)", status.getText());
        for (TableItem row : rows.getItems()) {
            assertEquals(row.getText(0).startsWith("first_") ? "skipped" : "done", row.getText(1), row.getText(0) + ": " + row.getText(2));
        }
        try (Repository repo = Services.get(Repositories.class).open(repoSource, false)) {
            for (var image : repo.browse().images(scans)) {
                var counts = repo.browse().counts(image.id());
                assertEquals(2, counts.derived(), "no duplicate derived images on " + image.name() + ": " + counts);
                assertEquals(1, counts.tables(), "no duplicate table on " + image.name() + ": " + counts);
            }
        }
        // Run (not Resume) still starts afresh.
        click(run);
        UiRobot.waitUntil(() -> !run.isEnabled(), 10_000, "the fresh run to start");
        UiRobot.waitUntil(() -> run.isEnabled(), 120_000, "the fresh run");
        assertEquals("Done: 3 images", status.getText());
        assertEquals(3, java.util.Arrays.stream(rows.getItems()).filter(r -> r.getText(1).equals("done")).count());
        page.closeEditor(editor, false);
        assertEquals(List.of(), DisplayThreadGuard.violations(), "no repository, engine or file work on the display thread");
    }

    @Test
    void autocontextOpensOnThePagesItsContributionAdds() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Shell shell = page.getWorkbenchWindow().getShell();
        page.closeAllEditors(false);
        Path job = dir.resolve("autocontext.ilastikjob");
        JobDocument.of(Conformance.file("autocontext/api-2d/Autocontext_2D.ilp"), JobSpec.Engine.EMBEDDED, 0, 1).write(job);
        page.openEditor(new JobEditorInput(job), JobEditor.ID);
        UiRobot.waitUntil(() -> page.getActiveEditor() instanceof JobEditor e && e.isLoaded(), 30_000, "the autocontext job");
        JobEditor editor = (JobEditor) page.getActiveEditor();
        assertEquals(List.of("Project", "Autocontext", "Inputs", "Engine", "Exports & write-back", "Run"), editor.pageTitles());
        assertEquals("Autocontext (two stages)", editor.workflow().orElseThrow().label());
        assertTrue(UiRobot.find(shell, "projectHeading", Label.class).getText().startsWith("Autocontext (two stages)"));
        // The ROI class chosen on the contributed page goes into the job.
        org.eclipse.swt.widgets.Combo roiClass = UiRobot.find(shell, "roiClass", org.eclipse.swt.widgets.Combo.class);
        assertTrue(roiClass.getItemCount() >= 2, "the project's labels");
        roiClass.select(1);
        roiClass.notifyListeners(SWT.Selection, new Event());
        assertEquals(roiClass.getItem(1), editor.job().roiClass());
        assertTrue(editor.isDirty());
        page.closeEditor(editor, false);
        assertEquals(List.of(), DisplayThreadGuard.violations(), "no file work on the display thread");
    }

    /** Fills in the New ilastik job dialog once it is open (it runs its own event loop), then presses OK. */
    private static void fillNewJobDialog(Display display, Path ilp, String name) {
        display.timerExec(100, new Runnable() {
            @Override
            public void run() {
                for (Shell s : display.getShells()) {
                    if ("newJobDialog".equals(s.getData("id")) && s.isVisible()) {
                        UiRobot.find(s, "newJobProject", Text.class).setText(ilp.toString());
                        Text n = UiRobot.find(s, "newJobName", Text.class);
                        n.setText(name);
                        click(UiRobot.find(s, "ok", Button.class));
                        return;
                    }
                }
                display.timerExec(100, this);
            }
        });
    }

    /**
     * A drag from the explorer tree dropped on the inputs table, through the real drag source and drop target
     * listeners (Xvfb has no pointer to drag with, so their events are made here as SWT would make them).
     */
    private static void dragAndDrop(Tree tree, Table target) throws Exception {
        DragSource drag = (DragSource) tree.getData(DND.DRAG_SOURCE_KEY);
        DropTarget drop = (DropTarget) target.getData(DND.DROP_TARGET_KEY);
        assertTrue(drag != null && drop != null, "the explorer tree is a drag source and the inputs table a drop target");
        Event start = dndEvent(drag);
        drag.notifyListeners(DND.DragStart, start);
        assertTrue(start.doit, "the drag starts");
        Event dropped = dndEvent(drop);
        Field dataType = dropped.getClass().getDeclaredField("dataType");
        dataType.setAccessible(true);
        dataType.set(dropped, LocalSelectionTransfer.getTransfer().getSupportedTypes()[0]);
        Field operations = dropped.getClass().getDeclaredField("operations");
        operations.setAccessible(true);
        operations.set(dropped, DND.DROP_COPY);
        dropped.detail = DND.DROP_COPY;
        dropped.data = LocalSelectionTransfer.getTransfer().getSelection();
        drop.notifyListeners(DND.Drop, dropped);
        drag.notifyListeners(DND.DragEnd, dndEvent(drag));
    }

    private static Event dndEvent(Widget widget) throws Exception {
        Constructor<?> c = Class.forName("org.eclipse.swt.dnd.DNDEvent").getDeclaredConstructor();
        c.setAccessible(true);
        Event e = (Event) c.newInstance();
        e.widget = widget;
        e.display = widget.getDisplay();
        e.doit = true;
        e.time = (int) System.currentTimeMillis();
        return e;
    }

    private static void click(Button button) {
        button.notifyListeners(SWT.Selection, new Event());
    }

    private static void settle(Shell shell) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            while (shell.getDisplay().readAndDispatch()) {
                // let layout and paint events through before the screenshot
            }
            Thread.sleep(25);
        }
    }

    /** The item labelled {@code text} (or {@code text} and more after a space) under this test's connection. */
    private TreeItem find(Tree tree, String text) {
        return UiRobot.treeItem(tree, source, t -> t.equals(text) || t.startsWith(text + " "));
    }
}
