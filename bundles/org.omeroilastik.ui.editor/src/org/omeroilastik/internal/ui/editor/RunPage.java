package org.omeroilastik.internal.ui.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.omeroilastik.export.Exporter;
import org.omeroilastik.export.ExporterRegistry;
import org.omeroilastik.export.ExportingListener;
import org.omeroilastik.jobs.JobDocument;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSettings;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.platform.OsgiServices;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.ui.DisplayThreadGuard;
import org.omeroilastik.ui.EnginePreferences;
import org.omeroilastik.ui.JobLauncher;
import org.omeroilastik.ui.editor.JobEditor;

/**
 * Run / Resume / Cancel: the job as edited runs through {@link JobLauncher} (so the Jobs and Progress views show it), one
 * row per image with its state and summary, the chosen exporters called after each image. Run starts afresh; Resume
 * skips the images this job's journal lists as finished (by an earlier run, also before a restart) and runs the rest.
 */
public final class RunPage {
    private final JobEditor editor;
    private Button run;
    private Button resume;
    private Button cancel;
    private ProgressBar progress;
    private Label status;
    private Table table;
    private volatile Job running;
    private final Map<Long, TableItem> rows = new ConcurrentHashMap<>();

    private RunPage(JobEditor editor) {
        this.editor = editor;
    }

    public static Control create(Composite parent, JobEditor editor) {
        return new RunPage(editor).build(parent);
    }

    private Control build(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(5, false));
        run = new Button(page, SWT.PUSH);
        run.setText("Run");
        run.setData("id", "run");
        run.setToolTipText("Run every image of the job afresh");
        run.addListener(SWT.Selection, e -> start(false));
        resume = new Button(page, SWT.PUSH);
        resume.setText("Resume");
        resume.setData("id", "resume");
        resume.setToolTipText("Skip the images an earlier run of this job finished; run the rest");
        resume.addListener(SWT.Selection, e -> start(true));
        cancel = new Button(page, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setData("id", "cancel");
        cancel.setEnabled(false);
        cancel.addListener(SWT.Selection, e -> {
            Job j = running;
            if (j != null) {
                j.cancel();
            }
        });
        progress = new ProgressBar(page, SWT.HORIZONTAL | SWT.SMOOTH);
        progress.setData("id", "progress");
        GridData bar = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        bar.heightHint = 18;
        progress.setLayoutData(bar);
        status = new Label(page, SWT.WRAP);
        status.setData("id", "runStatus");
        status.setText("Not run yet.");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 5, 1));
        table = new Table(page, SWT.BORDER | SWT.FULL_SELECTION);
        table.setData("id", "runTable");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
        for (String[] c : new String[][] {{"Image", "220"}, {"State", "90"}, {"Summary or error", "700"}}) {
            TableColumn column = new TableColumn(table, SWT.NONE);
            column.setText(c[0]);
            column.setWidth(Integer.parseInt(c[1]));
        }
        return page;
    }

    private void start(boolean resuming) {
        JobDocument job = editor.job();
        if (job.inputs().isEmpty()) {
            status.setText("Add inputs first (Inputs page).");
            return;
        }
        Path exportFolder = job.exportFolder(editor.file());
        List<JobSpec> specs = job.specs(EnginePreferences.ilastikHome());
        JobSettings settings = EnginePreferences.withMemory(job.settings()).withResume(resuming);
        run.setEnabled(false);
        resume.setEnabled(false);
        status.setText("Planning\u2026");
        Display display = table.getDisplay();
        // Planning reads the repository: in a Job; the run itself is scheduled from there.
        Job planning = Job.create("Planning " + editor.getPartName(), (IProgressMonitor monitor) -> {
            DisplayThreadGuard.check("planning a job");
            List<Image> images = new ArrayList<>();
            Map<String, Exporter> exporters = new LinkedHashMap<>();
            try {
                JobService service = OsgiServices.get(RunPage.class, JobService.class);
                for (JobSpec spec : specs) {
                    images.addAll(service.plan(spec, settings).images());
                }
                for (String id : job.exporters()) {
                    exporters.put(id, ExporterRegistry.create(id));
                }
            } catch (Exception e) {
                display.asyncExec(() -> finished("Cannot run: " + e.getMessage(), List.of()));
                return Status.OK_STATUS;
            }
            RowListener rowListener = new RowListener();
            ExportingListener exporting = new ExportingListener(OsgiServices.get(RunPage.class, Repositories.class), job.source(),
                    job.project().getFileName().toString(), exporters, exportFolder, rowListener);
            display.asyncExec(() -> {
                rows.clear();
                table.removeAll();
                for (Image i : images) {
                    TableItem row = new TableItem(table, SWT.NONE);
                    row.setText(new String[] {i.name(), "pending", ""});
                    rows.put(i.id(), row);
                }
                progress.setMaximum(Math.max(1, images.size()));
                progress.setSelection(0);
                status.setText("Running " + images.size() + " images\u2026");
                cancel.setEnabled(true);
                Job launched = JobLauncher.launch((resuming ? "Resume " : "") + editor.getPartName() + " (" + job.project().getFileName() + ")",
                        specs, settings, exporting);
                running = launched;
                launched.addJobChangeListener(new JobChangeAdapter() {
                    @Override
                    public void done(IJobChangeEvent event) {
                        IStatus result = event.getResult();
                        String text = switch (result.getSeverity()) {
                            case IStatus.OK -> "Done: " + images.size() + " images"
                                    + (rowListener.skipped.get() == 0 ? "" : " (" + rowListener.skipped.get() + " finished before, skipped)")
                                    + (exporters.isEmpty() ? "" : ", exported to " + exportFolder);
                            case IStatus.CANCEL -> "Cancelled";
                            default -> "Finished with problems: " + result.getMessage();
                        };
                        display.asyncExec(() -> finished(text, exporting.errors()));
                    }
                });
            });
            return Status.OK_STATUS;
        });
        planning.setSystem(true);
        planning.schedule();
    }

    private void finished(String text, List<String> exportErrors) {
        if (status.isDisposed()) {
            return;
        }
        running = null;
        status.setText(exportErrors.isEmpty() ? text : text + "; exporters: " + String.join("; ", exportErrors));
        status.setForeground(status.getDisplay().getSystemColor(text.startsWith("Done") && exportErrors.isEmpty() ? SWT.COLOR_DARK_GREEN
                : SWT.COLOR_RED));
        run.setEnabled(true);
        resume.setEnabled(true);
        cancel.setEnabled(false);
        status.getParent().layout();
    }

    /** Rows follow the tasks; events come from the job's pool threads. */
    private final class RowListener implements JobListener {
        final java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();

        private void show(Image image, String state, String message, boolean done) {
            table.getDisplay().asyncExec(() -> {
                TableItem row = rows.get(image.id());
                if (row == null || row.isDisposed()) {
                    return;
                }
                row.setText(1, state);
                if (message != null) {
                    row.setText(2, message);
                }
                if (done) {
                    progress.setSelection(progress.getSelection() + 1);
                }
            });
        }

        @Override
        public void started(Image image, int index, int total) {
            show(image, "running", null, false);
        }

        @Override
        public void block(Image image, int done, int total) {
            show(image, "running", done + " of " + total + " blocks", false);
        }

        @Override
        public void finished(Image image, String summary) {
            show(image, "done", summary, true);
        }

        @Override
        public void skipped(Image image) {
            skipped.incrementAndGet();
            show(image, "skipped", "done by an earlier run", true);
        }

        @Override
        public void failed(Image image, String error) {
            show(image, "failed", error, true);
        }

        @Override
        public void cancelled(Image image) {
            show(image, "cancelled", null, true);
        }
    }
}
