package org.omeroilastik.ui.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
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
import org.omeroilastik.testing.ui.Screenshots;
import org.omeroilastik.testing.ui.UiRobot;
import org.omeroilastik.ui.DataExplorerView;
import org.omeroilastik.ui.DisplayThreadGuard;
import org.omeroilastik.ui.JobsPerspective;
import org.omeroilastik.ui.JobsView;
import org.omeroilastik.ui.editor.JobEditor;

/**
 * Issue 7's "Must show" as one flow through the real widgets, the way a user clicks: a local repository added
 * through "Add connection…", the tree opened to a dataset, "New ilastik job…" from its context menu, the job's
 * Inputs checked, Run pressed and its progress followed on the Run page and in the Jobs view, "Open Results" on a
 * finished task, the overlays drawn and a row of the object table selected (the viewer moves to and outlines it).
 * Everything goes through menus, tool items, dialogs, buttons and tables; only the repository's existing data is
 * made through the repository API.
 */
class EndToEndTest {
    private static final String RESULTS_PERSPECTIVE = "org.omeroilastik.ui.perspective.results";
    /** The viewer's outline colour for the selected object (ImageViewerView.HIGHLIGHT). */
    private static final RGB HIGHLIGHT = new RGB(0x00, 0xE5, 0xFF);
    private static final List<String> IMAGES = List.of("stack_01", "stack_02", "stack_03");

    @TempDir
    Path dir;

    @Test
    void aUserAddsDataRunsAJobAndFollowsAnObjectToItsImage() throws Exception {
        // 1. The user's existing data: a local repository with a project, a dataset and three z-stacks.
        Path folder = dir.resolve("repo");
        String source = "local:" + folder;
        long stacks;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            long project = repo.dataManager().createProject("Embryos", "").id();
            stacks = repo.dataManager().createDataset("Stacks", "", Optional.of(project)).id();
            for (String name : IMAGES) {
                repo.dataManager().importImage(stacks, ImageSource.of(Conformance.file("pixel/api-3d/Data_3D.npy")), name);
            }
        }
        Path ilp = Conformance.file("pixel/api-3d/PixelClass3D.ilp");

        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = window.getActivePage();
        Shell shell = window.getShell();
        Display display = shell.getDisplay();
        shell.setSize(1280, 840);
        page.closeAllEditors(false);
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(JobsPerspective.ID));
        page.showView(DataExplorerView.ID);

        // 2. Add connection… on the Data Explorer's toolbar, Local folder, the folder typed, Connect.
        UiRobot.clickToolItem(shell, "Add connection\u2026");
        UiRobot.waitUntil(() -> shell(display, "addConnectionDialog") != null, 10_000, "the Add connection dialog");
        Shell dialog = shell(display, "addConnectionDialog");
        org.eclipse.swt.widgets.List kinds = UiRobot.find(dialog, "kinds", org.eclipse.swt.widgets.List.class);
        kinds.select(Arrays.asList(kinds.getItems()).indexOf("Local folder"));
        kinds.notifyListeners(SWT.Selection, new Event());
        Composite localPage = UiRobot.find(dialog, "page.local", Composite.class);
        assertTrue(localPage.isVisible(), "the Local folder page is shown");
        UiRobot.find(localPage, "folder", Text.class).setText(folder.toString());
        settle(display);
        saveScreenshot(shell, "workflow-1-connection");
        click(UiRobot.find(dialog, "connect", Button.class));
        UiRobot.waitUntil(dialog::isDisposed, 30_000, "the dialog to connect and close");

        // 3. The tree opened to the dataset; New ilastik job… from its context menu; the .ilp chosen in the dialog.
        Tree tree = UiRobot.find(shell, "tree", Tree.class);
        expand(tree, source);
        expand(tree, "Embryos");
        expand(tree, "Stacks");
        UiRobot.waitUntil(() -> IMAGES.stream().allMatch(n -> item(tree, n) != null), 30_000, "the dataset's images in the tree");
        TreeItem dataset = item(tree, "Stacks");
        UiRobot.select(tree, dataset);
        fillNewJobDialog(display, ilp, "embryos");
        MenuItem newJob = UiRobot.menuItem(tree.getMenu(), "New ilastik job\u2026");
        assertTrue(newJob.isEnabled(), "New ilastik job\u2026 is enabled on a dataset");
        newJob.notifyListeners(SWT.Selection, new Event());
        tree.getMenu().notifyListeners(SWT.Hide, new Event());
        UiRobot.waitUntil(() -> page.getActiveEditor() instanceof JobEditor e && e.isLoaded(), 30_000, "the job editor");
        JobEditor editor = (JobEditor) page.getActiveEditor();
        assertTrue(editor.file().endsWith(Path.of("jobs", "embryos.ilastikjob")), editor.file().toString());

        // Inputs: the dataset the job was made from, its images checked against the project (✓).
        tab(shell, "Inputs");
        Table inputs = UiRobot.find(shell, "inputs", Table.class);
        UiRobot.waitUntil(() -> inputs.getItemCount() == 1 && inputs.getItem(0).getData("check") != null, 30_000, "the input's check");
        assertEquals("Stacks", inputs.getItem(0).getText(0));
        assertEquals(String.valueOf(stacks), inputs.getItem(0).getText(2));
        String check = inputs.getItem(0).getText(3);
        assertTrue(check.startsWith("\u2713 ") && check.contains("3 images"), "the input's check: " + check);
        settle(display);
        saveScreenshot(shell, "workflow-2-job-editor");

        // Engine: one image at a time on one thread, so the run's progress can be followed image by image.
        tab(shell, "Engine");
        setSpinner(UiRobot.find(shell, "threads", Spinner.class), 1);
        setSpinner(UiRobot.find(shell, "parallel", Spinner.class), 1);
        assertEquals(1, editor.job().parallel());
        assertEquals(1, editor.job().threads());

        // Run, and watch: the Run page's bar, status and rows and the Jobs view's rows, as each event arrives.
        tab(shell, "Run");
        Button run = UiRobot.find(shell, "run", Button.class);
        ProgressBar progress = UiRobot.find(shell, "progress", ProgressBar.class);
        Label status = UiRobot.find(shell, "runStatus", Label.class);
        Table runRows = UiRobot.find(shell, "runTable", Table.class);
        Table jobRows = UiRobot.find(shell, "jobsTable", Table.class);
        click(run);
        assertFalse(run.isEnabled(), "Run is disabled while the job runs");
        Set<String> barsSeen = new LinkedHashSet<>();
        Set<String> runStatesSeen = new LinkedHashSet<>();
        Set<String> jobsStatesSeen = new LinkedHashSet<>();
        // Called after every event the display thread handles, so no step of the progress goes unseen.
        Runnable observe = () -> {
            barsSeen.add(progress.getSelection() + "/" + progress.getMaximum());
            runStatesSeen.add(states(runRows, "State"));
            jobsStatesSeen.add(states(jobRows, "State"));
        };
        boolean shot = false;
        long end = System.currentTimeMillis() + 300_000;
        while (!finished(status.getText())) {
            assertTrue(System.currentTimeMillis() < end, "timed out waiting for the run; status: " + status.getText());
            if (!display.readAndDispatch()) {
                display.timerExec(10, () -> { });
                display.sleep();
            }
            assertFalse(status.isDisposed(), "the editor closed during the run");
            observe.run();
            if (!shot && partway(progress) && status.getText().startsWith("Running") && states(jobRows, "State").contains("running")) {
                settle(display, observe); // painted as shown now (the screen lags the widgets)
                if (partway(progress) && status.getText().startsWith("Running")) {
                    saveScreenshot(shell, "workflow-3-running");
                    shot = true;
                }
            }
        }
        System.out.println("progress bar: " + barsSeen + "\nrun page rows: " + runStatesSeen + "\njobs view rows: " + jobsStatesSeen);
        assertTrue(status.getText().startsWith("Done: 3 images"), status.getText());
        assertEquals(3, progress.getMaximum());
        assertEquals(3, progress.getSelection(), "the bar is full at the end");
        assertTrue(barsSeen.contains("1/3") && barsSeen.contains("2/3"), "the bar went through each image: " + barsSeen);
        assertTrue(runStatesSeen.stream().anyMatch(s -> s.contains("done") && (s.contains("running") || s.contains("pending"))),
                "the Run page showed images done while others were still to do: " + runStatesSeen);
        assertTrue(jobsStatesSeen.stream().anyMatch(s -> s.contains("done") && s.contains("running")),
                "the Jobs view showed a task done while another ran: " + jobsStatesSeen);
        assertTrue(shot, "a moment with the bar part way and the Jobs view showing a task running was seen");
        for (TableItem row : runRows.getItems()) {
            assertEquals("done", row.getText(1), row.getText(0) + ": " + row.getText(2));
            assertTrue(row.getText(2).contains("ROIs"), row.getText(2));
        }
        assertTrue(run.isEnabled(), "Run is enabled again");
        UiRobot.waitUntil(() -> states(jobRows, "State").equals("done done done"), 10_000, "the Jobs view's rows done");

        // 4. Open Results on a finished task in the Jobs view: the Results perspective with the image and its overlays.
        String imageName = "stack_02";
        int row = doneRow(jobRows, imageName);
        assertTrue(row >= 0, "the Jobs view lists " + imageName);
        jobRows.setSelection(row);
        jobRows.notifyListeners(SWT.Selection, new Event());
        IViewPart jobsView = page.findView(JobsView.ID);
        assertNotNull(jobsView, "the Jobs view is open");
        page.activate(jobsView);
        MenuItem openResults = UiRobot.menuItem(jobRows.getMenu(), "Open Results");
        assertTrue(openResults.isEnabled(), "Open Results is enabled on a finished task");
        openResults.notifyListeners(SWT.Selection, new Event());
        jobRows.getMenu().notifyListeners(SWT.Hide, new Event());
        assertEquals(RESULTS_PERSPECTIVE, page.getPerspective().getId(), "Open Results shows the Results perspective");

        Label title = UiRobot.find(shell, "viewerTitle", Label.class);
        UiRobot.waitUntil(() -> title.getText().startsWith(imageName + "\n") && title.getText().contains("table(s)"), 60_000,
                "the image's results in the viewer");
        Matcher counts = Pattern.compile("(\\d+) derived images, (\\d+) ROIs, (\\d+) table\\(s\\)").matcher(title.getText());
        assertTrue(counts.find(), title.getText());
        assertEquals("2", counts.group(1), "probabilities and segmentation loaded: " + title.getText());
        assertTrue(Integer.parseInt(counts.group(2)) > 0, "the job's ROIs loaded: " + title.getText());
        assertEquals("1", counts.group(3), "the job's table loaded: " + title.getText());
        Button probabilities = UiRobot.find(shell, "overlay:Probabilities", Button.class);
        Button segmentation = UiRobot.find(shell, "overlay:Segmentation", Button.class);
        Button rois = UiRobot.find(shell, "overlay:ROIs", Button.class);
        assertFalse(probabilities.getSelection(), "probabilities start off");
        assertTrue(segmentation.getSelection() && rois.getSelection(), "segmentation and ROIs start on");

        // The Object Table lists the rows the job wrote for this image.
        org.omeroilastik.model.results.Table written = writtenTable(source, stacks, imageName);
        Table objects = UiRobot.find(shell, "objectTable", Table.class);
        UiRobot.waitUntil(() -> objects.getItemCount() == written.rows().size(), 10_000, "the object table's rows");
        assertTrue(written.rows().size() > 0, "the job wrote objects");
        List<String> columns = Arrays.stream(objects.getColumns()).map(c -> c.getText()).toList();
        assertEquals(written.columns(), columns, "the columns as written");
        Label caption = UiRobot.find(shell, "objectTableCaption", Label.class);
        assertTrue(caption.getText().startsWith(imageName + ": " + written.rows().size() + " objects"), caption.getText());

        // The overlays are drawn: switched off through their buttons, the canvas changes.
        Canvas canvas = UiRobot.find(shell, "imageCanvas", Canvas.class);
        ImageData withOverlays = stableCanvas(canvas);
        assertEquals(0, count(withOverlays, HIGHLIGHT), "no object outlined before a row is selected");
        toggle(segmentation, false);
        toggle(rois, false);
        ImageData rawOnly = stableCanvas(canvas);
        int changed = differing(withOverlays, rawOnly);
        assertTrue(changed > withOverlays.width * withOverlays.height / 100, changed + " canvas pixels changed by the overlays");
        toggle(segmentation, true);
        toggle(rois, true);
        stableCanvas(canvas);

        // Select a sizeable object on another plane: the viewer moves to its plane, centres on it and outlines it.
        Scale zSlider = UiRobot.find(shell, "zSlider", Scale.class);
        int z0 = zSlider.getSelection();
        int chosen = objectRow(objects, z0, 64 / 3);
        int objectZ = number(objects.getItem(chosen), columns.indexOf("z"));
        objects.setSelection(chosen);
        objects.notifyListeners(SWT.Selection, new Event());
        UiRobot.waitUntil(() -> zSlider.getSelection() == objectZ, 10_000, "the viewer at the object's plane z " + objectZ);
        ImageData outlined = stableCanvas(canvas);
        int[] box = bounds(outlined, HIGHLIGHT);
        assertTrue(box[4] > 20, box[4] + " pixels of the outline colour on the canvas");
        double cx = (box[0] + box[2]) / 2.0, cy = (box[1] + box[3]) / 2.0;
        assertTrue(Math.abs(cx - outlined.width / 2.0) < outlined.width * 0.15 && Math.abs(cy - outlined.height / 2.0) < outlined.height * 0.15,
                "the outline " + Arrays.toString(box) + " is about the centre of the canvas " + outlined.width + "x" + outlined.height);
        assertTrue(box[2] - box[0] > outlined.width / 10, "zoomed onto the object: its outline spans " + (box[2] - box[0]) + " of "
                + outlined.width + " pixels");
        saveScreenshot(shell, "workflow-4-results");

        assertEquals(List.of(), DisplayThreadGuard.violations(), "no repository, engine or file work on the display thread");
    }

    // ---- the repository's view of the result ---------------------------------------------------------

    private static org.omeroilastik.model.results.Table writtenTable(String source, long dataset, String imageName) throws Exception {
        try (Repository repo = Services.get(Repositories.class).open(source, false)) {
            for (var image : repo.browse().images(dataset)) {
                if (image.name().equals(imageName)) {
                    var tables = repo.browse().tables(image.id());
                    assertEquals(1, tables.size(), "one table written for " + imageName);
                    return tables.get(0);
                }
            }
        }
        throw new AssertionError("no image " + imageName + " in dataset " + dataset);
    }

    // ---- reading the widgets --------------------------------------------------------------------------

    private static boolean finished(String status) {
        return status.startsWith("Done") || status.startsWith("Cancelled") || status.startsWith("Finished") || status.startsWith("Cannot");
    }

    private static boolean partway(ProgressBar bar) {
        return bar.getSelection() > 0 && bar.getSelection() < bar.getMaximum();
    }

    /** A column of the rows of this test's images (found by their headers), space separated. */
    private static String states(Table table, String header) {
        int image = column(table, "Image"), column = column(table, header);
        List<String> out = new ArrayList<>();
        for (TableItem row : table.getItems()) {
            if (IMAGES.contains(row.getText(image))) {
                out.add(row.getText(column));
            }
        }
        return String.join(" ", out);
    }

    private static int column(Table table, String header) {
        List<String> headers = Arrays.stream(table.getColumns()).map(c -> c.getText()).toList();
        assertTrue(headers.contains(header), "no column " + header + " in " + headers);
        return headers.indexOf(header);
    }

    private static int doneRow(Table table, String image) {
        int name = column(table, "Image"), state = column(table, "State");
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getText(name).equals(image) && table.getItem(i).getText(state).equals("done")) {
                return i;
            }
        }
        return -1;
    }

    /** The row of the largest object on a plane other than {@code z} whose box is at most {@code size} pixels wide and high. */
    private static int objectRow(Table table, int z, int size) {
        List<String> columns = Arrays.stream(table.getColumns()).map(c -> c.getText()).toList();
        int zi = columns.indexOf("z"), ai = columns.indexOf("area_px"), wi = columns.indexOf("bbox_width"), hi = columns.indexOf("bbox_height");
        assertTrue(zi >= 0 && ai >= 0 && wi >= 0 && hi >= 0, "the object table's columns " + columns);
        int best = -1;
        long bestArea = -1;
        for (int r = 0; r < table.getItemCount(); r++) {
            TableItem item = table.getItem(r);
            long area = number(item, ai);
            if (number(item, zi) != z && number(item, wi) <= size && number(item, hi) <= size && area > bestArea) {
                best = r;
                bestArea = area;
            }
        }
        assertTrue(best >= 0, "an object off plane " + z);
        return best;
    }

    private static int number(TableItem item, int column) {
        return (int) Math.round(Double.parseDouble(item.getText(column)));
    }

    // ---- the canvas as the screen shows it ------------------------------------------------------------

    /** The canvas's pixels on screen, once two reads a little apart agree (the render Job has finished). */
    private static ImageData stableCanvas(Canvas canvas) throws InterruptedException {
        Display display = canvas.getDisplay();
        ImageData last = null;
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            settle(display);
            ImageData now = grab(canvas);
            if (last != null && differing(last, now) == 0) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the viewer's canvas did not settle");
    }

    private static ImageData grab(Canvas canvas) {
        Display display = canvas.getDisplay();
        Rectangle area = canvas.getClientArea();
        Point origin = canvas.toDisplay(0, 0);
        Image image = new Image(display, area.width, area.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, origin.x, origin.y);
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        return data;
    }

    private static int differing(ImageData a, ImageData b) {
        assertEquals(a.width + "x" + a.height, b.width + "x" + b.height, "the canvas kept its size");
        int n = 0;
        for (int y = 0; y < a.height; y++) {
            for (int x = 0; x < a.width; x++) {
                n += a.palette.getRGB(a.getPixel(x, y)).equals(b.palette.getRGB(b.getPixel(x, y))) ? 0 : 1;
            }
        }
        return n;
    }

    private static int count(ImageData data, RGB colour) {
        return bounds(data, colour)[4];
    }

    /** The bounding box (x0, y0, x1, y1) of the pixels of a colour, and their number. */
    private static int[] bounds(ImageData data, RGB colour) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, 0};
        for (int y = 0; y < data.height; y++) {
            for (int x = 0; x < data.width; x++) {
                if (data.palette.getRGB(data.getPixel(x, y)).equals(colour)) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                    box[4]++;
                }
            }
        }
        return box;
    }

    // ---- driving the widgets --------------------------------------------------------------------------

    private static void click(Button button) {
        assertTrue(button.isEnabled(), "button " + button.getData("id") + " is disabled");
        button.notifyListeners(SWT.Selection, new Event());
    }

    private static void toggle(Button button, boolean on) {
        button.setSelection(on);
        button.notifyListeners(SWT.Selection, new Event());
    }

    private static void setSpinner(Spinner spinner, int value) {
        spinner.setSelection(value);
        spinner.notifyListeners(SWT.Modify, new Event());
    }

    /** Clicks a page tab of the multi-page editor (the editor switches pages on the folder's selection event). */
    private static void tab(Composite root, String title) {
        CTabItem item = tabItem(root, title);
        assertNotNull(item, "no editor page tab " + title);
        CTabFolder folder = item.getParent();
        folder.setSelection(item);
        Event e = new Event();
        e.item = item;
        folder.notifyListeners(SWT.Selection, e);
        assertEquals(item, folder.getSelection());
    }

    private static CTabItem tabItem(Composite root, String title) {
        for (Control c : root.getChildren()) {
            if (c instanceof CTabFolder folder) {
                for (CTabItem i : folder.getItems()) {
                    if (i.getText().equals(title)) {
                        return i;
                    }
                }
            }
            if (c instanceof Composite k) {
                CTabItem found = tabItem(k, title);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Shell shell(Display display, String id) {
        for (Shell s : display.getShells()) {
            if (!s.isDisposed() && id.equals(s.getData("id"))) {
                return s;
            }
        }
        return null;
    }

    /** Fills in the New ilastik job dialog once it is open (it runs its own modal loop), then presses OK. */
    private static void fillNewJobDialog(Display display, Path ilp, String name) {
        display.timerExec(100, new Runnable() {
            @Override
            public void run() {
                Shell s = shell(display, "newJobDialog");
                if (s == null || !s.isVisible()) {
                    display.timerExec(100, this);
                    return;
                }
                UiRobot.find(s, "newJobProject", Text.class).setText(ilp.toString());
                UiRobot.find(s, "newJobName", Text.class).setText(name);
                click(UiRobot.find(s, "ok", Button.class));
            }
        });
    }

    private static TreeItem item(Tree tree, String prefix) {
        return UiRobot.treeItem(tree, null, t -> t.equals(prefix) || t.startsWith(prefix + " "));
    }

    /** Expands an item as a click on its arrow does (the viewer loads its children in a Job). */
    private static void expand(Tree tree, String prefix) {
        UiRobot.waitUntil(() -> item(tree, prefix) != null, 30_000, prefix + " in the tree");
        UiRobot.expand(tree, item(tree, prefix));
    }

    /** Lets the display lay out and paint everything pending (a screenshot copies the screen, not the widgets). */
    private static void settle(Display display) throws InterruptedException {
        settle(display, () -> { });
    }

    private static void settle(Display display, Runnable afterEachEvent) throws InterruptedException {
        long end = System.currentTimeMillis() + 400;
        while (System.currentTimeMillis() < end) {
            if (display.readAndDispatch()) {
                afterEachEvent.run();
            } else {
                Thread.sleep(20);
            }
        }
    }

    private static void saveScreenshot(Shell shell, String name) throws Exception {
        Path file = Screenshots.save(shell, name);
        assertTrue(Files.size(file) > 10_000, "screenshot " + file + " looks empty");
    }
}
