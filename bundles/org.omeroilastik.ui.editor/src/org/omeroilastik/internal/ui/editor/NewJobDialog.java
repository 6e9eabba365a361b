package org.omeroilastik.internal.ui.editor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Asks for the .ilp and the job's name. */
final class NewJobDialog extends TitleAreaDialog {
    private final String inputs;
    private Text project;
    private Text name;
    private Path chosenProject;
    private String chosenName;

    NewJobDialog(Shell shell, String inputs) {
        super(shell);
        this.inputs = inputs;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("New ilastik job");
        shell.setData("id", "newJobDialog");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("New ilastik job");
        setMessage(inputs.isEmpty() ? "Choose a trained ilastik project; add inputs on the job's Inputs page."
                : "Choose a trained ilastik project to run over " + inputs + ".");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        new Label(c, SWT.NONE).setText("ilastik project (.ilp):");
        project = new Text(c, SWT.BORDER);
        project.setData("id", "newJobProject");
        project.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("Browse\u2026");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] {"*.ilp", "*"});
            String f = d.open();
            if (f != null) {
                project.setText(f);
            }
        });
        new Label(c, SWT.NONE).setText("Job name:");
        name = new Text(c, SWT.BORDER);
        name.setData("id", "newJobName");
        name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        project.addListener(SWT.Modify, e -> {
            String file = Path.of(project.getText().strip()).getFileName() == null ? "" : Path.of(project.getText().strip()).getFileName().toString();
            if (name.getData("edited") == null) {
                name.setText(file.replaceFirst("\\.ilp$", ""));
            }
        });
        name.addListener(SWT.KeyDown, e -> name.setData("edited", Boolean.TRUE));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setData("id", "ok");
    }

    @Override
    protected void okPressed() {
        String p = project.getText().strip();
        String n = name.getText().strip();
        // A cheap check of a path the user typed; the project is read in a Job when the editor opens.
        if (p.isEmpty() || !p.endsWith(".ilp") || !Files.isRegularFile(Path.of(p))) {
            setErrorMessage("Choose an existing .ilp file (not found: '" + p + "').");
            return;
        }
        if (n.isEmpty() || !n.matches("[\\w .-]+")) {
            setErrorMessage("Name the job with letters, digits, spaces, '.', '-' or '_'.");
            return;
        }
        chosenProject = Path.of(p);
        chosenName = n;
        super.okPressed();
    }

    Path project() {
        return chosenProject;
    }

    String name() {
        return chosenName;
    }
}
