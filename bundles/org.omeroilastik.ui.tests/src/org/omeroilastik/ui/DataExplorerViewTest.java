package org.omeroilastik.ui;

import org.omeroilastik.testing.ui.Screenshots;
import org.omeroilastik.testing.ui.UiRobot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
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
 * The data explorer on a real local repository, driven through its widgets: add the repository,
 * open Project > Dataset, select an image and read its metadata, filter by name, open a plate's
 * well; no repository call on the display thread.
 */
class DataExplorerViewTest {

    @TempDir
    Path dir;

    private String repository() throws Exception {
        String source = "local:" + dir.resolve("repo");
        Path png = Conformance.file("pixel/api-2d-1ch/Data_1channel.png");
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            long project = repo.dataManager().createProject("Cells", "").id();
            long dataset = repo.dataManager().createDataset("Plate scans", "", Optional.of(project)).id();
            for (int i = 0; i < 3; i++) {
                repo.dataManager().importImage(dataset, ImageSource.of(png), "scan_0" + i);
            }
            long screen = repo.dataManager().createScreen("Drug screen", "").id();
            long plate = repo.dataManager().createPlate(screen, "Plate 1", 2, 3).id();
            repo.dataManager().importField(plate, 1, 2, ImageSource.of(png), "B03 field 1");
        }
        return source;
    }

    private String source;

    /** The item under this test's own connection (other tests' repositories stay in the explorer). */
    private TreeItem item(Tree tree, String text) {
        return UiRobot.treeItem(tree, source, t -> t.startsWith(text));
    }

    private void expand(DataExplorerView view, Tree tree, String text) {
        UiRobot.waitUntil(() -> item(tree, text) != null, 30_000, text + " in the tree");
        view.viewer().setExpandedState(item(tree, text).getData(), true);
    }

    @Test
    void browsesALocalRepositoryOffTheDisplayThread() throws Exception {
        source = repository();
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(ExplorePerspective.ID));
        DataExplorerView view = (DataExplorerView) page.showView(DataExplorerView.ID);
        Shell shell = window.getShell();
        shell.setSize(1200, 800);
        view.addConnection(source);
        Tree tree = UiRobot.find(shell, "tree", Tree.class);
        expand(view, tree, "Cells");
        expand(view, tree, "Plate scans");
        UiRobot.waitUntil(() -> item(tree, "scan_02") != null, 30_000, "the dataset's images");
        assertTrue(item(tree, "scan_00").getText().contains("yx[512, 512] uint8") || item(tree, "scan_00").getText().contains("yx["),
                item(tree, "scan_00").getText());

        TreeItem scan = item(tree, "scan_01");
        tree.setSelection(scan);
        view.viewer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(scan.getData()), true);
        Text metadata = UiRobot.find(shell, "metadata", Text.class);
        UiRobot.waitUntil(() -> metadata.getText().startsWith("Image "), 30_000, "the image's metadata");
        assertTrue(metadata.getText().contains("scan_01") && metadata.getText().contains("Pixels: yx["), metadata.getText());
        assertTrue(metadata.getText().contains("0 ROIs"), metadata.getText());
        assertTrue(metadata.getText().contains("channel Channel 1  #FFFFFF"), metadata.getText());
        org.eclipse.swt.widgets.Label thumbnail = UiRobot.find(shell, "thumbnail", org.eclipse.swt.widgets.Label.class);
        UiRobot.waitUntil(() -> thumbnail.getImage() != null, 30_000, "the thumbnail");
        assertEquals(96, Math.max(thumbnail.getImage().getBounds().width, thumbnail.getImage().getBounds().height));

        expand(view, tree, "Drug screen");
        expand(view, tree, "Plate 1");
        expand(view, tree, "B03");
        UiRobot.waitUntil(() -> item(tree, "B03 field 1") != null, 30_000, "the well's field");

        Text search = UiRobot.find(shell, "search", Text.class);
        search.setText("scan_02");
        UiRobot.waitUntil(() -> item(tree, "scan_00") == null && item(tree, "scan_02") != null, 10_000, "the filter");
        search.setText("");
        UiRobot.waitUntil(() -> item(tree, "scan_00") != null, 10_000, "the filter cleared");
        view.viewer().setSelection(new org.eclipse.jface.viewers.StructuredSelection(item(tree, "scan_01").getData()), true);
        UiRobot.waitUntil(() -> metadata.getText().startsWith("Image "), 30_000, "the image's metadata again");
        for (int i = 0; i < 20; i++) {
            while (shell.getDisplay().readAndDispatch()) {
                // let layout and paint events through before the screenshot
            }
            Thread.sleep(25);
        }
        Path png = Screenshots.save(shell, "explore-data-explorer");
        assertTrue(Files.size(png) > 10_000, "screenshot " + png + " looks empty");
        assertEquals(List.of(), DisplayThreadGuard.violations(), "no repository work on the display thread");
    }
}
