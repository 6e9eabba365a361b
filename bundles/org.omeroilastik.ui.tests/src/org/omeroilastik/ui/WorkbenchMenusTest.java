package org.omeroilastik.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.ui.Screenshots;
import org.omeroilastik.testing.ui.UiRobot;
import org.osgi.framework.FrameworkUtil;

/** The menu bar, driven through its menu items: Help > About lists the versions, Help > Error Log shows why an image failed. */
class WorkbenchMenusTest {

    @TempDir
    Path dir;

    private static MenuItem item(Menu menu, String text) {
        return Arrays.stream(menu.getItems()).filter(i -> i.getText().replace("&", "").startsWith(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + text + " among "
                        + Arrays.stream(menu.getItems()).map(MenuItem::getText).toList()));
    }

    /** Fills a drop-down menu as SWT does before showing it (JFace fills contribution items on SWT.Show). */
    private static Menu open(MenuItem cascade) {
        Menu menu = cascade.getMenu();
        menu.notifyListeners(SWT.Show, null);
        return menu;
    }

    @Test
    void helpAboutListsTheVersionsOfOurBundlesAndLibraries() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Shell shell = window.getShell();
        assertTrue(shell.getImages().length >= 4, "the product's window icons (branding)");
        Menu bar = shell.getMenuBar();
        assertEquals(List.of("File", "Window", "Help"), Arrays.stream(bar.getItems()).map(i -> i.getText().replace("&", "")).toList());
        Menu windowMenu = open(item(bar, "Window"));
        item(windowMenu, "Preferences");
        Menu help = open(item(bar, "Help"));
        MenuItem about = item(help, "About OMERO ilastik Workbench");

        // The dialog is modal: inspect and close it from inside its own event loop.
        Display display = shell.getDisplay();
        AtomicReference<List<String>> rows = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            Shell dialog = Arrays.stream(display.getShells()).filter(s -> "About OMERO ilastik Workbench".equals(s.getText()))
                    .findFirst().orElse(null);
            if (dialog == null) {
                display.timerExec(50, poll[0]);
                return;
            }
            try {
                dialog.setSize(1100, 640);
                while (display.readAndDispatch()) {
                    // paint before the screenshot
                }
                Table table = UiRobot.find(dialog, "versions", Table.class);
                List<String> texts = new ArrayList<>();
                for (TableItem row : table.getItems()) {
                    texts.add(row.getText(1) + " " + row.getText(2));
                }
                rows.set(texts);
                Screenshots.save(dialog, "help-about");
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                dialog.close();
            }
        };
        display.timerExec(50, poll[0]);
        about.notifyListeners(SWT.Selection, null);
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        List<String> shown = rows.get();
        assertTrue(shown != null, "the About dialog opened");
        String coreVersion = Arrays.stream(FrameworkUtil.getBundle(getClass()).getBundleContext().getBundles())
                .filter(b -> "org.omeroilastik.engine.core".equals(b.getSymbolicName())).findFirst().orElseThrow().getVersion().toString();
        assertTrue(shown.contains("org.omeroilastik.engine.core " + coreVersion), shown.toString());
        assertTrue(shown.stream().anyMatch(r -> r.startsWith("wrapped.net.imglib2.imglib2 ")), shown.toString());
        assertTrue(shown.stream().anyMatch(r -> r.startsWith("org.bytedeco.hdf5 ")), shown.toString());
        assertTrue(shown.stream().anyMatch(r -> r.endsWith(" " + System.getProperty("java.version"))), shown.toString());
    }

    @Test
    void theErrorLogShowsWhyAnImageFailed() throws Exception {
        String source = "local:" + dir.resolve("repo");
        long dataset;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            dataset = repo.dataManager().createDataset("Mixed", "", Optional.empty()).id();
            repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "one channel");
            repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-2d-3ch/Data_3channel.png")), "three channels");
        }
        Job job = JobLauncher.launch(source, dataset, "Mixed", Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"));
        UiRobot.waitUntil(() -> job.getResult() != null, 120_000, "the job");
        assertEquals(IStatus.WARNING, job.getResult().getSeverity(), job.getResult().getMessage());
        assertEquals("1 of 2 images failed", job.getResult().getMessage());

        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Shell shell = window.getShell();
        shell.setSize(1280, 800);
        item(open(item(shell.getMenuBar(), "Help")), "Error Log").notifyListeners(SWT.Selection, null);
        IViewPart log = window.getActivePage().findView(WorkbenchMenus.ERROR_LOG);
        assertTrue(log != null, "Help > Error Log opened the Error Log view");
        Tree tree = findTree(shell);
        UiRobot.waitUntil(() -> Arrays.stream(tree.getItems()).map(TreeItem::getText).anyMatch(t -> t.contains("three channels")), 30_000,
                "the failed image in the Error Log");
        String entry = Arrays.stream(tree.getItems()).map(TreeItem::getText).filter(t -> t.contains("three channels")).findFirst().orElseThrow();
        assertTrue(entry.contains("failed") && entry.contains("channel"), entry);
        for (int i = 0; i < 10; i++) {
            while (shell.getDisplay().readAndDispatch()) {
                // paint before the screenshot
            }
            Thread.sleep(20);
        }
        Path png = Screenshots.save(shell, "error-log");
        assertTrue(Files.size(png) > 5_000);
        window.getActivePage().hideView(log);
    }

    /** The Error Log's tree: the one whose items name log entries (the explorer's tree names connections). */
    private static Tree findTree(Composite root) {
        List<Tree> trees = UiRobot.all(root, Tree.class).stream().filter(Tree::isVisible).toList();
        return trees.stream().filter(t -> t.getColumnCount() >= 2).findFirst()
                .orElseThrow(() -> new AssertionError("no Error Log tree among " + trees.size() + " trees"));
    }

}
