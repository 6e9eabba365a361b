package org.omeroilastik.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ViewPart;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.TaskStatus;
import org.omeroilastik.platform.OsgiServices;

/**
 * Every job of the JobService and each of its tasks: state, blocks done, summary or error. It reads
 * the service's in-memory task states twice a second (no repository work); Cancel stops the job of
 * the selected row.
 */
public final class JobsView extends ViewPart {
    public static final String ID = "org.omeroilastik.ui.views.jobs";
    private static final int REFRESH_MS = 500;

    private JobService jobs;
    private Table table;
    private Label summary;
    private final List<JobRun> rowRuns = new ArrayList<>();
    /** Per row, the image of a task done now or before (skipped), what the row's selection is; else null. */
    private final List<ImageReference> rowImages = new ArrayList<>();
    private final org.eclipse.core.runtime.ListenerList<org.eclipse.jface.viewers.ISelectionChangedListener> selectionListeners =
            new org.eclipse.core.runtime.ListenerList<>();

    @Override
    public void createPartControl(Composite parent) {
        jobs = OsgiServices.get(JobsView.class, JobService.class);
        parent.setLayout(new GridLayout(2, false));
        summary = new Label(parent, SWT.NONE);
        summary.setData("id", "jobsSummary");
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button cancel = new Button(parent, SWT.PUSH);
        cancel.setText("Cancel job");
        cancel.setData("id", "cancelJob");
        cancel.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0 && i < rowRuns.size()) {
                rowRuns.get(i).cancel();
            }
        });
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setData("id", "jobsTable");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        for (String[] c : new String[][] {{"Job", "200"}, {"Image", "110"}, {"State", "70"}, {"Progress", "70"}, {"Result", "420"}}) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
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
                int i = table.getSelectionIndex();
                ImageReference image = i >= 0 && i < rowImages.size() ? rowImages.get(i) : null;
                return image == null ? org.eclipse.jface.viewers.StructuredSelection.EMPTY : new org.eclipse.jface.viewers.StructuredSelection(image);
            }

            @Override
            public void setSelection(org.eclipse.jface.viewers.ISelection s) {
                // rows are chosen by the user only
            }
        };
        table.addListener(SWT.Selection, e -> {
            var event = new org.eclipse.jface.viewers.SelectionChangedEvent(selection, selection.getSelection());
            selectionListeners.forEach(l -> l.selectionChanged(event));
        });
        org.eclipse.jface.action.MenuManager menu = new org.eclipse.jface.action.MenuManager();
        menu.add(new org.eclipse.jface.action.Separator(org.eclipse.ui.IWorkbenchActionConstants.MB_ADDITIONS));
        table.setMenu(menu.createContextMenu(table));
        getSite().registerContextMenu(menu, selection);
        getSite().setSelectionProvider(selection);
        refresh();
    }

    /** Rebuilds the rows from the service's task states, then again in {@value #REFRESH_MS} ms. */
    void refresh() {
        if (table.isDisposed()) {
            return;
        }
        List<JobRun> runs = jobs.runs();
        int selected = table.getSelectionIndex();
        table.setRedraw(false);
        table.removeAll();
        rowRuns.clear();
        rowImages.clear();
        int running = 0;
        for (JobRun run : runs) {
            String name = run.spec().project().getFileName() + " on " + run.spec().containerName();
            for (TaskStatus t : run.tasks()) {
                TableItem item = new TableItem(table, SWT.NONE);
                String progress = t.blocksTotal() == 0 ? "" : (100 * t.blocksDone() / t.blocksTotal()) + " %";
                item.setText(new String[] {name, t.image().name(), t.state().name().toLowerCase(), progress, t.message()});
                rowRuns.add(run);
                rowImages.add(t.state() == TaskStatus.State.DONE || t.state() == TaskStatus.State.SKIPPED ? new ImageReference(run.spec().source(), t.image().id(), t.image().name()) : null);
            }
            running += run.isFinished() ? 0 : 1;
        }
        if (selected >= 0 && selected < table.getItemCount()) {
            table.setSelection(selected);
        }
        table.setRedraw(true);
        summary.setText(runs.size() + " job(s), " + running + " running");
        table.getDisplay().timerExec(REFRESH_MS, this::refresh);
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
