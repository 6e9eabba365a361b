package org.omeroilastik.internal.ui.connections;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** Asks for the secure storage's master password: chosen (typed twice) the first time, then typed once. */
final class MasterPasswordDialog extends TitleAreaDialog {
    private final boolean create;
    private final String file;
    private final String note;
    private final CompletableFuture<char[]> answer;
    private Text password;
    private Text confirm;
    private char[] result;

    MasterPasswordDialog(Shell parent, boolean create, String file, String note, CompletableFuture<char[]> answer) {
        super(parent);
        this.create = create;
        this.file = file;
        this.note = note;
        this.answer = answer;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Secure storage");
        shell.setData("id", "masterPasswordDialog");
        // A workbench closing under the dialog must not leave the waiting Job blocked.
        shell.addListener(SWT.Dispose, e -> {
            if (answer != null) {
                answer.complete(result);
            }
        });
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(create ? "Choose a master password" : "Unlock secure storage");
        String message = create ? "Your OMERO passwords are kept encrypted with this master password (" + file
                + "). You will type it once per session." : "Type the master password of " + file + " to use your stored OMERO logins.";
        Composite body = new Composite(area, SWT.NONE);
        body.setLayout(new GridLayout(3, false));
        body.setLayoutData(new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.FILL, true, true));
        password = Fields.text(body, "Master password:", "masterPassword", SWT.PASSWORD, "", this::validate);
        if (create) {
            confirm = Fields.text(body, "Again:", "confirmMasterPassword", SWT.PASSWORD, "", this::validate);
        }
        if (note != null) {
            setErrorMessage(note);
        } else {
            setMessage(message);
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.OK_LABEL, true).setData("id", "ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false).setData("id", "cancel");
        validate();
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null) {
            return;
        }
        boolean typed = !password.getText().isEmpty();
        boolean same = confirm == null || confirm.getText().equals(password.getText());
        ok.setEnabled(typed && same);
        if (typed && !same && !confirm.getText().isEmpty()) {
            setErrorMessage("The two passwords differ.");
        } else if (note == null) {
            setErrorMessage(null);
        }
    }

    @Override
    protected void okPressed() {
        result = password.getText().toCharArray();
        super.okPressed();
    }

    @Override
    public boolean close() {
        boolean closed = super.close();
        if (closed && answer != null) {
            answer.complete(result);
        }
        return closed;
    }

    char[] password() {
        return result;
    }
}
