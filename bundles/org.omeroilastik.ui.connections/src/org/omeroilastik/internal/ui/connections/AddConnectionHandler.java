package org.omeroilastik.internal.ui.connections;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.omeroilastik.ui.DataExplorerView;

/** "Add connection…": opens the dialog (without blocking) and adds what it connected to the Data Explorer. */
public final class AddConnectionHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        DataExplorerView view;
        try {
            view = (DataExplorerView) window.getActivePage().showView(DataExplorerView.ID);
        } catch (PartInitException e) {
            throw new ExecutionException("the Data Explorer cannot be shown: " + e.getMessage(), e);
        }
        AddConnectionDialog dialog = new AddConnectionDialog(window.getShell(), ConnectorRegistry.kinds(), view::addConnection);
        dialog.setBlockOnOpen(false);
        dialog.open();
        return null;
    }
}
