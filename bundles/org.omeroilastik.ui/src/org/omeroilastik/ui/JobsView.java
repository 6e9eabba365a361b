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
        int running = 0;
        for (JobRun run : runs) {
            String name = run.spec().project().getFileName() + " on " + run.spec().containerName();
            for (TaskStatus t : run.tasks()) {
                TableItem item = new TableItem(table, SWT.NONE);
                String progress = t.blocksTotal() == 0 ? "" : (100 * t.blocksDone() / t.blocksTotal()) + " %";
                item.setText(new String[] {name, t.image().name(), t.state().name().toLowerCase(), progress, t.message()});
                rowRuns.add(run);
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
