package org.omeroilastik.internal.ui.connections;

import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.omeroilastik.ui.DataExplorerView;
import org.omeroilastik.ui.DisplayThreadGuard;

/**
 * "Remove connection": takes the selected connection out of the Data Explorer, then (in a Job) lets
 * its connector forget what it kept, such as the stored login.
 */
public final class RemoveConnectionHandler extends AbstractHandler {
    static final String PLUGIN = "org.omeroilastik.ui.connections";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        IViewPart part = window.getActivePage().findView(DataExplorerView.ID);
        Optional<String> source = part instanceof DataExplorerView view ? view.selectedConnection() : Optional.empty();
        if (source.isEmpty()) {
            if (part instanceof DataExplorerView view) {
                view.showMessage("Select a connection (a top-level item) to remove it.");
            }
            return null;
        }
        ((DataExplorerView) part).removeConnection(source.get());
        remove(source.get());
        return null;
    }

    /** Forgets what the source's connector kept; the returned Job is already scheduled. */
    static Job remove(String source) {
        Job job = Job.create("Forgetting " + source, (IProgressMonitor monitor) -> {
            DisplayThreadGuard.check("forgetting " + source);
            Optional<ConnectorRegistry.Kind> kind = ConnectorRegistry.forSource(source);
            if (kind.isEmpty()) {
                return Status.OK_STATUS;
            }
            try {
                kind.get().create().forget(source);
                return Status.OK_STATUS;
            } catch (Exception e) {
                return new Status(IStatus.ERROR, PLUGIN, "Removing " + source + ": " + e.getMessage(), e);
            }
        });
        job.schedule();
        return job;
    }
}
