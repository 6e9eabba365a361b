package org.omeroilastik.ui;

import org.omeroilastik.testing.ui.UiRobot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

/**
 * From the data explorer, a real ilastik project runs over a dataset through the JobService; the Jobs
 * view follows every task to "done" and the write-back lands in the repository.
 */
class JobsViewTest {

    @TempDir
    Path dir;

    @Test
    void runsAProjectOverADatasetAndFollowsItsTasks() throws Exception {
        source = "local:" + dir.resolve("repo");
        Path png = Conformance.file("pixel/api-2d-1ch/Data_1channel.png");
        long dataset;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            long project = repo.dataManager().createProject("Cells", "").id();
            dataset = repo.dataManager().createDataset("Scans", "", Optional.of(project)).id();
            for (int i = 0; i < 3; i++) {
                repo.dataManager().importImage(dataset, ImageSource.of(png), "scan_0" + i);
            }
        }
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(JobsPerspective.ID));
        DataExplorerView explorer = (DataExplorerView) page.showView(DataExplorerView.ID);
        page.showView(JobsView.ID);
        Shell shell = window.getShell();
        shell.setSize(1280, 800);
        explorer.addConnection(source);
        Tree tree = UiRobot.find(shell, "tree", Tree.class);
        UiRobot.waitUntil(() -> find(tree, "Cells") != null, 30_000, "the project");
        explorer.viewer().setExpandedState(find(tree, "Cells").getData(), true);
        UiRobot.waitUntil(() -> find(tree, "Scans") != null, 30_000, "the dataset");

        Job job = explorer.runProject((ExplorerNode) find(tree, "Scans").getData(), Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"));
        Table table = UiRobot.find(shell, "jobsTable", Table.class);
        Label summary = UiRobot.find(shell, "jobsSummary", Label.class);
        UiRobot.waitUntil(() -> job.getResult() != null, 120_000, "the job");
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
        UiRobot.waitUntil(() -> summary.getText().endsWith("0 running") && rowsIn(table, "done") == 3, 10_000, "the jobs view");
        for (TableItem row : table.getItems()) {
            if (!row.getText(1).startsWith("scan_0")) {
                continue; // another test's job
            }
            assertTrue(row.getText(0).equals("PixelClass.ilp on dataset-" + dataset), row.getText(0));
            assertTrue(row.getText(4).contains("ROIs"), row.getText(4));
        }
        try (Repository repo = Services.get(Repositories.class).open(source, false)) {
            for (var image : repo.browse().images(dataset)) {
                assertEquals(2, repo.browse().counts(image.id()).derived(), "probabilities and segmentation written back");
            }
        }
        // The view's screenshot (jobs-view.png) is JobsViewActionsTest's: progress bars and a resumed job.
        assertEquals(List.of(), DisplayThreadGuard.violations(), "no repository or engine work on the display thread");
    }

    /** This test's rows (images scan_0…) in {@code state}; other tests' jobs stay in the view. */
    private static int rowsIn(Table table, String state) {
        int n = 0;
        for (TableItem row : table.getItems()) {
            n += row.getText(1).startsWith("scan_0") && row.getText(2).equals(state) ? 1 : 0;
        }
        return n;
    }

    private String source;

    /** The item under this test's own connection (other tests' repositories stay in the explorer). */
    private TreeItem find(Tree tree, String text) {
        return UiRobot.treeItem(tree, source, t -> t.startsWith(text));
    }
}
