package org.omeroilastik.internal.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSettings;
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
import org.omeroilastik.ui.ExplorePerspective;
import org.omeroilastik.ui.JobsPerspective;
import org.omeroilastik.ui.JobsView;
import org.omeroilastik.ui.results.PlaneRegion;

/**
 * A real ilastik project (3-D pixel classification) runs over a real local repository; "Open Results"
 * from the data explorer's context menu shows the image with its overlays, and selecting a row of
 * the object table moves the viewer to that object.
 */
class ResultsPerspectiveTest {

    @TempDir
    Path dir;

    private String source;

    @Test
    void opensAnImagesResultsWithOverlaysAndFollowsTheObjectTable() throws Exception {
        source = "local:" + dir.resolve("repo");
        long dataset;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            long project = repo.dataManager().createProject("Embryos", "").id();
            dataset = repo.dataManager().createDataset("Stacks", "", Optional.of(project)).id();
            repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-3d/Data_3D.npy")), "stack_01");
        }
        JobSpec spec = new JobSpec(Conformance.file("pixel/api-3d/PixelClass3D.ilp"), source, dataset, List.of(), null, 20, WriteBack.all());
        // The job runs on the JobService's pool; the display loop keeps turning meanwhile.
        CompletableFuture<JobRun.Outcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                JobRun r = Services.get(JobService.class).submit(spec, JobSettings.defaults(), new JobListener() {
                });
                return r.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        UiRobot.waitUntil(run::isDone, 300_000, "the ilastik job");
        assertEquals(1, run.get().done(), "the job's outcome " + run.get());

        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        Shell shell = window.getShell();
        shell.setSize(1280, 840);
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(ExplorePerspective.ID));
        DataExplorerView explorer = (DataExplorerView) page.showView(DataExplorerView.ID);
        explorer.addConnection(source);
        TreeViewer viewer = (TreeViewer) explorer.getSite().getSelectionProvider();
        Tree tree = viewer.getTree();
        UiRobot.waitUntil(() -> find(tree, "Embryos") != null, 30_000, "the project");
        viewer.setExpandedState(find(tree, "Embryos").getData(), true);
        UiRobot.waitUntil(() -> find(tree, "Stacks") != null, 30_000, "the dataset");
        viewer.setExpandedState(find(tree, "Stacks").getData(), true);
        UiRobot.waitUntil(() -> find(tree, "stack_01") != null, 30_000, "the image");
        viewer.setSelection(new StructuredSelection(find(tree, "stack_01").getData()), true);
        page.activate(explorer);

        // "Open Results" from the explorer's context menu, contributed by this bundle.
        Menu menu = tree.getMenu();
        MenuItem open = UiRobot.menuItem(menu, "Open Results");
        assertTrue(open.isEnabled(), "Open Results is enabled on an image");
        open.notifyListeners(SWT.Selection, new Event());
        menu.notifyListeners(SWT.Hide, new Event());

        ImageViewerView imageViewer = (ImageViewerView) page.findView(ImageViewerView.ID);
        assertNotNull(imageViewer, "Open Results shows the image viewer");
        assertEquals(ResultsPerspective.ID, page.getPerspective().getId());
        UiRobot.waitUntil(() -> imageViewer.results() != null && imageViewer.isSettled(), 60_000, "the viewer's first frame");
        var results = imageViewer.results();
        assertEquals("stack_01", results.image().name());
        assertEquals(2, results.derivedImages().size(), "probabilities and segmentation");
        assertTrue(results.rois().size() > 0, "the job's ROIs");
        assertEquals(1, results.tables().size(), "the job's object table");
        assertEquals(List.of("Probabilities", "Segmentation", "ROIs"), imageViewer.overlayNames());
        // The channel controls follow Browse.channels (the local repository's defaults: "Channel 1", white).
        assertEquals(results.channels().get(0).label(), UiRobot.find(shell, "channelToggle0", org.eclipse.swt.widgets.Button.class).getText());
        assertEquals("Channel 1", results.channels().get(0).label());
        assertTrue(UiRobot.find(shell, "overlay:Segmentation", org.eclipse.swt.widgets.Button.class).getSelection(), "segmentation is on");
        assertTrue(!UiRobot.find(shell, "overlay:Probabilities", org.eclipse.swt.widgets.Button.class).getSelection(),
                "probabilities start off (the resultViewers contribution says so)");

        IViewPart tablePart = page.findView(ObjectTableView.ID);
        assertNotNull(tablePart, "the object table is shown");
        Table table = UiRobot.find(shell, "objectTable", Table.class);
        org.omeroilastik.model.results.Table written = results.tables().get(0);
        assertEquals(written.columns().size(), table.getColumnCount(), "the columns as written");
        assertEquals(written.columns().get(0), table.getColumn(0).getText());
        assertEquals(written.rows().size(), table.getItemCount(), "a row per object");
        settle(shell, imageViewer);
        Path viewerShot = Screenshots.save(shell, "results-viewer");
        assertTrue(Files.size(viewerShot) > 10_000, "screenshot " + viewerShot + " looks empty");

        // A sizeable object (the largest whose box is at most a third of the image) off the plane shown:
        // selecting its row moves the viewer there.
        int z0 = imageViewer.currentZ();
        int row = largestRow(written, z0, 64 / 3);
        ResultObject expected = ResultObject.of(written, row, results.rois());
        // Sorted by area, largest first (two clicks on the header), the row is found where the sort put it.
        int areaColumn = written.columns().indexOf("area_px");
        table.getColumn(areaColumn).notifyListeners(SWT.Selection, new Event());
        table.getColumn(areaColumn).notifyListeners(SWT.Selection, new Event());
        int[] order = ((ObjectTableView) tablePart).rowOrder();
        long largest = written.rows().stream().mapToLong(r -> ((Number) r.get(areaColumn)).longValue()).max().orElseThrow();
        assertEquals(Long.toString(largest), table.getItem(0).getText(areaColumn), "the largest object comes first");
        int position = java.util.stream.IntStream.range(0, order.length).filter(i -> order[i] == row).findFirst().orElseThrow();
        table.setSelection(position);
        table.notifyListeners(SWT.Selection, new Event());
        settle(shell, imageViewer);
        assertEquals(expected.z(), imageViewer.currentZ(), "the viewer shows the object's z");
        assertNotEquals(z0, imageViewer.currentZ(), "it moved to another plane");
        assertEquals(expected.t(), imageViewer.currentT(), "and its t");
        assertEquals(Optional.of(expected.id()), imageViewer.highlightedObject(), "the object is outlined");
        assertTrue(expected.outline().isPresent(), "the row's ROI polygon was found");
        double[] area = imageViewer.visibleArea();
        assertTrue(expected.inside(area[0], area[1], area[2], area[3]), "the object's box " + expected + " lies in the view "
                + java.util.Arrays.toString(area));
        double cx = expected.x() + expected.width() / 2.0, cy = expected.y() + expected.height() / 2.0;
        assertTrue(Math.abs(area[0] + area[2] / 2 - cx) < 1 && Math.abs(area[1] + area[3] / 2 - cy) < 1, "centred on the object");
        PlaneRegion read = imageViewer.shownRegion();
        assertEquals(expected.z(), read.z(), "the frame shown is of the object's plane");
        assertTrue(read.width() < 64 || read.height() < 64, "zoomed in, only the visible part of the plane was read: " + read);
        Path tableShot = Screenshots.save(shell, "results-object-table");
        assertTrue(Files.size(tableShot) > 10_000, "screenshot " + tableShot + " looks empty");

        // The overlays are drawn: inside the object's box the frame differs from the raw-only render.
        ImageData withOverlays = imageViewer.snapshot();
        for (String name : imageViewer.overlayNames()) {
            imageViewer.setOverlayVisible(name, false);
        }
        settle(shell, imageViewer);
        ImageData rawOnly = imageViewer.snapshot();
        int[] from = imageViewer.canvasPoint(expected.x(), expected.y());
        int[] to = imageViewer.canvasPoint(expected.x() + expected.width() - 1, expected.y() + expected.height() - 1);
        int differing = 0, total = 0;
        for (int y = from[1]; y <= to[1]; y++) {
            for (int x = from[0]; x <= to[0]; x++) {
                total++;
                differing += withOverlays.getPixel(x, y) != rawOnly.getPixel(x, y) ? 1 : 0;
            }
        }
        assertTrue(total > 0 && differing > total / 4, differing + " of " + total + " pixels in the object's box changed by the overlays");
        for (String name : imageViewer.overlayNames()) {
            imageViewer.setOverlayVisible(name, true);
        }
        settle(shell, imageViewer);

        // "Open Results" on the finished task in the Jobs view opens the image afresh (no object outlined).
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(JobsPerspective.ID));
        JobsView jobs = (JobsView) page.showView(JobsView.ID);
        Table jobsTable = UiRobot.find(jobs.getSite().getShell(), "jobsTable", Table.class);
        UiRobot.waitUntil(() -> doneRow(jobsTable, "stack_01") >= 0, 10_000, "the finished task in the Jobs view");
        jobsTable.setSelection(doneRow(jobsTable, "stack_01"));
        jobsTable.notifyListeners(SWT.Selection, new Event());
        page.activate(jobs);
        MenuItem fromJobs = UiRobot.menuItem(jobsTable.getMenu(), "Open Results");
        assertTrue(fromJobs.isEnabled(), "Open Results is enabled on a finished task");
        fromJobs.notifyListeners(SWT.Selection, new Event());
        jobsTable.getMenu().notifyListeners(SWT.Hide, new Event());
        assertEquals(ResultsPerspective.ID, page.getPerspective().getId());
        UiRobot.waitUntil(() -> imageViewer.highlightedObject().isEmpty() && imageViewer.isSettled(), 60_000, "the reopened results");
        assertEquals("stack_01", imageViewer.results().image().name());
        assertEquals(List.of(), DisplayThreadGuard.violations(), "no repository or file work on the display thread");
    }

    private static int doneRow(Table table, String image) {
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getText(1).equals(image) && table.getItem(i).getText(2).equals("done")) {
                return i;
            }
        }
        return -1;
    }

    /** The row of the largest object on a plane other than {@code z} whose box is at most {@code size} pixels wide and high. */
    private static int largestRow(org.omeroilastik.model.results.Table t, int z, int size) {
        int zi = t.columns().indexOf("z"), ai = t.columns().indexOf("area_px");
        int wi = t.columns().indexOf("bbox_width"), hi = t.columns().indexOf("bbox_height");
        int best = -1;
        double bestArea = -1;
        for (int r = 0; r < t.rows().size(); r++) {
            List<Object> row = t.rows().get(r);
            double a = ((Number) row.get(ai)).doubleValue();
            boolean small = ((Number) row.get(wi)).intValue() <= size && ((Number) row.get(hi)).intValue() <= size;
            if (((Number) row.get(zi)).intValue() != z && small && a > bestArea) {
                best = r;
                bestArea = a;
            }
        }
        assertTrue(best >= 0, "an object off plane " + z);
        return best;
    }

    /** Lets the render Job finish and the display paint. */
    private static void settle(Shell shell, ImageViewerView viewer) throws InterruptedException {
        UiRobot.waitUntil(viewer::isSettled, 30_000, "the viewer's frame");
        for (int i = 0; i < 20; i++) {
            while (shell.getDisplay().readAndDispatch()) {
                // layout and paint events
            }
            Thread.sleep(25);
        }
        UiRobot.waitUntil(viewer::isSettled, 30_000, "the viewer's frame");
    }

    /** The item under this test's own connection. */
    private TreeItem find(Tree tree, String text) {
        return UiRobot.treeItem(tree, source, t -> t.startsWith(text));
    }
}
