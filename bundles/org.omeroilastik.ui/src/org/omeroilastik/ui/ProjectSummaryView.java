package org.omeroilastik.ui;

import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.omeroilastik.ilp.IlpException;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.ilp.IlpSummaryText;
import org.omeroilastik.platform.OsgiServices;

/** Shows what an ilastik project stores: the same summary as {@code omero-ilastik inspect}. */
public final class ProjectSummaryView extends ViewPart {
    public static final String ID = "org.omeroilastik.ui.views.projectSummary";

    private Label fileLabel;
    private Text summary;
    private Font monospace;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        Button open = new Button(parent, SWT.PUSH);
        open.setText("Open ilastik project\u2026");
        open.setData("id", "openProject");
        open.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(parent.getShell(), SWT.OPEN);
            dialog.setFilterExtensions(new String[] {"*.ilp", "*"});
            String chosen = dialog.open();
            if (chosen != null) {
                show(Path.of(chosen));
            }
        });
        fileLabel = new Label(parent, SWT.NONE);
        fileLabel.setText("No project open: choose an .ilp file trained in ilastik.");
        fileLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        summary = new Text(parent, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        summary.setData("id", "summary");
        monospace = new Font(parent.getDisplay(), "Monospace", 10, SWT.NORMAL);
        summary.setFont(monospace);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
    }

    /** Reads the project off the display thread and shows its summary (or the error) when done. */
    public void show(Path project) {
        fileLabel.setText("Reading " + project + "\u2026");
        Job job = Job.create("Reading " + project.getFileName(), (IProgressMonitor monitor) -> {
            String text;
            String label;
            try {
                text = IlpSummaryText.format(OsgiServices.get(ProjectSummaryView.class, IlpReader.class).read(project));
                label = project.toString();
            } catch (IlpException e) {
                text = e.getMessage();
                label = "Cannot read " + project.getFileName();
            }
            String shownText = text;
            String shownLabel = label;
            summary.getDisplay().asyncExec(() -> {
                if (!summary.isDisposed()) {
                    summary.setText(shownText);
                    fileLabel.setText(shownLabel);
                    fileLabel.getParent().layout();
                }
            });
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }

    String summaryText() {
        return summary.getText();
    }

    @Override
    public void setFocus() {
        summary.setFocus();
    }

    @Override
    public void dispose() {
        if (monospace != null) {
            monospace.dispose();
        }
        super.dispose();
    }
}
