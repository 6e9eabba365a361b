package org.omeroilastik.internal.ui.connections;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.omeroilastik.ui.DisplayThreadGuard;
import org.omeroilastik.ui.connections.RepositoryConnector;

/**
 * "Add connection…": the kinds contributed to {@code repositoryConnectors} on the left, the chosen
 * kind's page on the right. Connect checks the connection in a Job; a failure is shown in the dialog's
 * message area and the dialog stays open; success hands the source to {@code added} and closes it.
 */
final class AddConnectionDialog extends TitleAreaDialog {
    private final List<ConnectorRegistry.Kind> kinds;
    private final List<RepositoryConnector> connectors = new ArrayList<>();
    private final List<Composite> pages = new ArrayList<>();
    private final Consumer<String> added;
    private org.eclipse.swt.widgets.List kindList;
    private StackLayout stack;
    private Job connecting;

    AddConnectionDialog(Shell parent, List<ConnectorRegistry.Kind> kinds, Consumer<String> added) {
        super(parent);
        this.kinds = kinds;
        this.added = added;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add connection");
        shell.setData("id", "addConnectionDialog");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Add connection");
        Composite body = new Composite(area, SWT.NONE);
        body.setLayout(new GridLayout(2, false));
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        kindList = new org.eclipse.swt.widgets.List(body, SWT.BORDER | SWT.SINGLE);
        kindList.setData("id", "kinds");
        kindList.setLayoutData(new GridData(SWT.FILL, SWT.FILL, false, true));
        Composite pageArea = new Composite(body, SWT.NONE);
        pageArea.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        stack = new StackLayout();
        pageArea.setLayout(stack);
        for (ConnectorRegistry.Kind kind : kinds) {
            Composite page = new Composite(pageArea, SWT.NONE);
            page.setData("id", "page." + kind.scheme());
            RepositoryConnector connector;
            try {
                connector = kind.create();
                connector.createControls(page, this::updateMessage);
            } catch (CoreException | RuntimeException e) {
                // A broken contribution must not take the dialog down: its page says what is wrong.
                connector = new BrokenConnector(kind, e);
                connector.createControls(page, this::updateMessage);
            }
            connectors.add(connector);
            pages.add(page);
            kindList.add(kind.name());
        }
        kindList.addListener(SWT.Selection, e -> show(kindList.getSelectionIndex()));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button connect = createButton(parent, IDialogConstants.OK_ID, "Connect", true);
        connect.setData("id", "connect");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false).setData("id", "cancel");
        if (!kinds.isEmpty()) {
            kindList.select(0);
            show(0);
        } else {
            setErrorMessage("No kind of connection is installed (extension point " + ConnectorRegistry.POINT + ").");
            connect.setEnabled(false);
        }
    }

    /** Shows the page of the kind at {@code index} (also what a test or a keyboard user selects). */
    void show(int index) {
        if (index < 0 || index >= pages.size()) {
            return;
        }
        stack.topControl = pages.get(index);
        pages.get(index).getParent().layout(true, true);
        updateMessage();
    }

    private int selected() {
        return kindList.getSelectionIndex();
    }

    private void updateMessage() {
        int i = selected();
        if (i < 0 || connecting != null) {
            return;
        }
        setErrorMessage(null);
        String missing = connectors.get(i).incomplete();
        setMessage(missing != null ? missing : kinds.get(i).description());
        Button connect = getButton(IDialogConstants.OK_ID);
        if (connect != null) { // null while the pages are being built
            connect.setEnabled(missing == null);
        }
    }

    @Override
    protected void okPressed() {
        int i = selected();
        if (i < 0 || connecting != null || connectors.get(i).incomplete() != null) {
            return;
        }
        RepositoryConnector.Attempt attempt = connectors.get(i).attempt();
        setErrorMessage(null);
        setMessage("Connecting to " + attempt.source() + "\u2026");
        enable(false);
        Job job = Job.create("Connecting to " + attempt.source(), (IProgressMonitor monitor) -> {
            DisplayThreadGuard.check("connecting to " + attempt.source());
            String failure = null;
            try {
                attempt.connect(monitor);
            } catch (Exception e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            String shown = failure;
            Shell shell = getShell();
            if (shell != null && !shell.isDisposed()) {
                shell.getDisplay().asyncExec(() -> finished(attempt.source(), shown));
            }
            return Status.OK_STATUS;
        });
        connecting = job;
        job.schedule();
    }

    private void finished(String source, String failure) {
        connecting = null;
        Shell shell = getShell();
        if (shell == null || shell.isDisposed()) {
            return;
        }
        enable(true);
        if (failure != null) {
            setErrorMessage(failure);
            return;
        }
        added.accept(source);
        super.okPressed();
    }

    private void enable(boolean on) {
        kindList.setEnabled(on);
        pages.forEach(p -> setEnabled(p, on));
        getButton(IDialogConstants.OK_ID).setEnabled(on);
    }

    private static void setEnabled(Control c, boolean on) {
        c.setEnabled(on);
        if (c instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                setEnabled(child, on);
            }
        }
    }

    @Override
    protected void cancelPressed() {
        if (connecting != null) {
            connecting.cancel();
            connecting = null;
        }
        super.cancelPressed();
    }

    /** Stands in for a contribution that failed to load, naming it. */
    private record BrokenConnector(ConnectorRegistry.Kind kind, Exception error) implements RepositoryConnector {
        @Override
        public void createControls(Composite parent, Runnable changed) {
            parent.setLayout(new GridLayout());
            new org.eclipse.swt.widgets.Label(parent, SWT.WRAP).setText("This kind of connection cannot be used.");
        }

        @Override
        public String incomplete() {
            return kind.name() + " (" + kind.element().getContributor().getName() + ") failed to load: " + error.getMessage();
        }

        @Override
        public Attempt attempt() {
            throw new IllegalStateException(incomplete());
        }
    }
}
