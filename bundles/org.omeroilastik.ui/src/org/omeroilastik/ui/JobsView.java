package org.omeroilastik.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.part.ViewPart;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.TaskStatus;
import org.omeroilastik.platform.OsgiServices;

/**
 * Every job of the JobService and each of its tasks: state, a progress bar of its blocks, summary or error.
 * It reads the service's in-memory task states twice a second (no repository work), updating the rows in
 * place. For the selected row's job: Cancel, Resume (a job that ended with cancelled or failed tasks runs
 * again through {@link JobLauncher}, its finished images skipped), and Error details of a failed task
 * (also on double-click).
 */
public final class JobsView extends ViewPart {
    public static final String ID = "org.omeroilastik.ui.views.jobs";
    private static final int REFRESH_MS = 500;
    private static final int PROGRESS_COLUMN = 3;
    private static final Color BAR = new Color(98, 160, 98);
    private static final Color BAR_FAILED = new Color(205, 92, 92);
    private static final Color BAR_CANCELLED = new Color(170, 170, 170);

    private JobService jobs;
    private Table table;
    private Label summary;
    private Button cancel;
    private Button resume;
    private Button details;
    /** Per row, the job and the task it shows. */
    private final List<Row> rows = new ArrayList<>();
    private final org.eclipse.core.runtime.ListenerList<org.eclipse.jface.viewers.ISelectionChangedListener> selectionListeners =
            new org.eclipse.core.runtime.ListenerList<>();

    private record Row(JobRun run, TaskStatus task) {
        /** The image of a task done now or before (skipped), what the row's selection is; else null. */
        ImageReference image() {
            return task.state() == TaskStatus.State.DONE || task.state() == TaskStatus.State.SKIPPED
                    ? new ImageReference(run.spec().source(), task.image().id(), task.image().name()) : null;
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        jobs = OsgiServices.get(JobsView.class, JobService.class);
        parent.setLayout(new GridLayout(4, false));
        summary = new Label(parent, SWT.NONE);
        summary.setData("id", "jobsSummary");
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        cancel = button(parent, "Cancel job", "cancelJob", this::cancelSelected);
        resume = button(parent, "Resume job", "resumeJob", this::resumeSelected);
        details = button(parent, "Error details\u2026", "errorDetails", this::showErrorDetails);
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setData("id", "jobsTable");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        for (String[] c : new String[][] {{"Job", "300"}, {"Image", "100"}, {"State", "70"}, {"Progress", "110"}, {"Result", "420"}}) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        // The progress cell is drawn as a bar: SWT draws the row's background, we draw the bar and its text.
        table.addListener(SWT.EraseItem, e -> {
            if (e.index == PROGRESS_COLUMN) {
                e.detail &= ~SWT.FOREGROUND;
            }
        });
        table.addListener(SWT.PaintItem, this::paintProgress);
        table.addListener(SWT.DefaultSelection, e -> showErrorDetails());
        // The selected done task as an ImageReference, and a context menu other bundles contribute to ("Open Results").
        org.eclipse.jface.viewers.ISelectionProvider selection = new org.eclipse.jface.viewers.ISelectionProvider() {
            @Override
            public void addSelectionChangedListener(org.eclipse.jface.viewers.ISelectionChangedListener l) {
                selectionListeners.add(l);
            }

            @Override
            public void removeSelectionChangedListener(org.eclipse.jface.viewers.ISelectionChangedListener l) {
                selectionListeners.remove(l);
            }

            @Override
            public org.eclipse.jface.viewers.ISelection getSelection() {
                Row row = selectedRow();
                ImageReference image = row == null ? null : row.image();
                return image == null ? org.eclipse.jface.viewers.StructuredSelection.EMPTY : new org.eclipse.jface.viewers.StructuredSelection(image);
            }

            @Override
            public void setSelection(org.eclipse.jface.viewers.ISelection s) {
                // rows are chosen by the user only
            }
        };
        table.addListener(SWT.Selection, e -> {
            updateActions();
            var event = new org.eclipse.jface.viewers.SelectionChangedEvent(selection, selection.getSelection());
            selectionListeners.forEach(l -> l.selectionChanged(event));
        });
        Action resumeAction = action("Resume job", this::resumeSelected);
        Action detailsAction = action("Error details\u2026", this::showErrorDetails);
        MenuManager menu = new MenuManager();
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(m -> {
            resumeAction.setEnabled(resume.isEnabled());
            detailsAction.setEnabled(details.isEnabled());
            m.add(resumeAction);
            m.add(detailsAction);
            m.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        });
        table.setMenu(menu.createContextMenu(table));
        getSite().registerContextMenu(menu, selection);
        getSite().setSelectionProvider(selection);
        refresh();
    }

    private static Button button(Composite parent, String text, String id, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setData("id", id);
        b.setEnabled(false);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private static Action action(String text, Runnable run) {
        return new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
    }

    private Row selectedRow() {
        int i = table.getSelectionIndex();
        return i >= 0 && i < rows.size() ? rows.get(i) : null;
    }

    private void cancelSelected() {
        Row row = selectedRow();
        if (row != null) {
            row.run().cancel();
        }
    }

    private void resumeSelected() {
        Row row = selectedRow();
        if (row != null && JobLauncher.canResume(row.run())) {
            JobLauncher.resume(row.run());
            updateActions();
        }
    }

    private void showErrorDetails() {
        Row row = selectedRow();
        if (row != null && row.task().state() == TaskStatus.State.FAILED) {
            new TaskErrorDialog(table.getShell(), row.run(), row.task()).open();
        }
    }

    /** Enables what applies to the selected row's job and task. */
    private void updateActions() {
        Row row = selectedRow();
        cancel.setEnabled(row != null && !row.run().isFinished());
        resume.setEnabled(row != null && JobLauncher.canResume(row.run()));
        details.setEnabled(row != null && row.task().state() == TaskStatus.State.FAILED);
    }

    /** Rows from the service's task states, updated in place (only changed cells repaint), then again in {@value #REFRESH_MS} ms. */
    void refresh() {
        if (table.isDisposed()) {
            return;
        }
        List<JobRun> runs = jobs.runs();
        rows.clear();
        int running = 0;
        for (JobRun run : runs) {
            for (TaskStatus t : run.tasks()) {
                rows.add(new Row(run, t));
            }
            running += run.isFinished() ? 0 : 1;
        }
        if (table.getItemCount() != rows.size()) {
            table.setItemCount(rows.size());
        }
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            TaskStatus t = row.task();
            TableItem item = table.getItem(i);
            String[] texts = {JobLauncher.name(row.run()), t.image().name(), t.state().name().toLowerCase(java.util.Locale.ROOT), progressText(t),
                t.message()};
            for (int c = 0; c < texts.length; c++) {
                if (!texts[c].equals(item.getText(c))) {
                    item.setText(c, texts[c]);
                }
            }
            item.setData(t);
        }
        summary.setText(runs.size() + " job(s), " + running + " running");
        updateActions();
        table.getDisplay().timerExec(REFRESH_MS, this::refresh);
    }

    /** The progress cell's text: blocks done of all, or the fraction of a final task. */
    private static String progressText(TaskStatus t) {
        if (t.blocksTotal() > 0) {
            return t.blocksDone() + " / " + t.blocksTotal();
        }
        return switch (t.state()) {
            case DONE -> "done";
            case SKIPPED -> "done before";
            default -> "";
        };
    }

    /** How much of the bar is full: blocks done of all; a done or skipped task is full. */
    private static double fraction(TaskStatus t) {
        if (t.state() == TaskStatus.State.DONE || t.state() == TaskStatus.State.SKIPPED) {
            return 1;
        }
        return t.blocksTotal() == 0 ? 0 : (double) t.blocksDone() / t.blocksTotal();
    }

    private void paintProgress(Event e) {
        if (e.index != PROGRESS_COLUMN || !(e.item.getData() instanceof TaskStatus t)) {
            return;
        }
        GC gc = e.gc;
        Rectangle cell = ((TableItem) e.item).getBounds(PROGRESS_COLUMN);
        Rectangle bar = new Rectangle(cell.x + 3, cell.y + 3, Math.max(0, cell.width - 7), Math.max(0, cell.height - 7));
        Color oldBackground = gc.getBackground();
        Color oldForeground = gc.getForeground();
        gc.setBackground(switch (t.state()) {
            case FAILED -> BAR_FAILED;
            case CANCELLED -> BAR_CANCELLED;
            default -> BAR;
        });
        gc.fillRectangle(bar.x, bar.y, (int) Math.round(bar.width * fraction(t)), bar.height);
        gc.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(bar);
        String text = progressText(t);
        Point size = gc.textExtent(text);
        gc.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        gc.drawText(text, bar.x + (bar.width - size.x) / 2, cell.y + (cell.height - size.y) / 2, true);
        gc.setBackground(oldBackground);
        gc.setForeground(oldForeground);
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
