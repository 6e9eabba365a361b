package org.omeroilastik.ui;

import org.omeroilastik.testing.ui.Screenshots;
import org.omeroilastik.testing.ui.UiRobot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.omeroilastik.testing.Conformance;

/** The workbench opens the Explore perspective and its project view shows a real project's summary. */
class ProjectSummaryViewTest {

    @Test
    void showsTheSummaryOfARealProject() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(ExplorePerspective.ID));
        ProjectSummaryView view = (ProjectSummaryView) page.showView(ProjectSummaryView.ID);
        Shell shell = window.getShell();
        shell.setSize(1100, 760);
        Button open = UiRobot.find(shell, "openProject", Button.class);
        assertEquals("Open ilastik project\u2026", open.getText());

        Path project = Conformance.file("pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp");
        view.show(project);
        Text summary = UiRobot.find(shell, "summary", Text.class);
        UiRobot.waitUntil(() -> summary.getText().contains("Feature channels"), 30_000, "the project summary");
        assertTrue(summary.getText().contains("Workflow:         Pixel Classification"), summary.getText());
        assertTrue(summary.getText().contains("8 forest(s), 100 trees, 29 feature columns, 2 classes"), summary.getText());
        for (int i = 0; i < 20; i++) {
            while (shell.getDisplay().readAndDispatch()) {
                // let the layout and paint events through before the screenshot
            }
            Thread.sleep(25);
        }
        Path png = Screenshots.save(shell, "explore-project-summary");
        assertTrue(Files.size(png) > 10_000, "screenshot " + png + " looks empty");
    }
}
