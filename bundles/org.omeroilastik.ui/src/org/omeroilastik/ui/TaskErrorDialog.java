package org.omeroilastik.ui;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.TaskStatus;

/** "Error details…" of a failed task: the job, the image and the full error, with Copy for a bug report. Modeless. */
final class TaskErrorDialog extends Dialog {
    private static final int COPY = IDialogConstants.CLIENT_ID + 1;
    private final String text;

    TaskErrorDialog(Shell parent, JobRun run, TaskStatus task) {
        super(parent);
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
        this.text = details(run, task);
    }

    /** What the dialog shows and Copy copies. */
    static String details(JobRun run, TaskStatus task) {
        return "Job: " + JobLauncher.name(run) + "\n"
                + "Image: " + task.image().name() + " (id " + task.image().id() + ")\n"
                + "Repository: " + run.spec().source() + "\n"
                + "Project: " + run.spec().project() + "\n\n"
                + task.message();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Error details");
        shell.setData("id", "errorDetailsDialog");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Text error = new Text(area, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        error.setData("id", "errorText");
        error.setText(text);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
        data.widthHint = 620;
        data.heightHint = 220;
        error.setLayoutData(data);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button copy = createButton(parent, COPY, "Copy", false);
        copy.setData("id", "copyError");
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true).setData("id", "closeError");
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == COPY) {
            Clipboard clipboard = new Clipboard(getShell().getDisplay());
            try {
                clipboard.setContents(new Object[] {text}, new Transfer[] {TextTransfer.getInstance()});
            } finally {
                clipboard.dispose();
            }
        } else {
            close();
        }
    }
}
