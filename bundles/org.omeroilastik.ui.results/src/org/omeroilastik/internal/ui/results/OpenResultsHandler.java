package org.omeroilastik.internal.ui.results;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.WorkbenchException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.omeroilastik.ui.ImageReference;

/**
 * "Open Results" on an image (a data explorer image, a finished task of the Jobs view: anything that
 * adapts to {@link ImageReference}): switches to the Results perspective and opens the image there.
 */
public final class OpenResultsHandler extends AbstractHandler {
    public static final String COMMAND = "org.omeroilastik.ui.results.openResults";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        Object first = selection instanceof IStructuredSelection s ? s.getFirstElement() : null;
        ImageReference image = Adapters.adapt(first, ImageReference.class);
        if (image == null) {
            throw new ExecutionException("Open Results needs an image or a finished task selected, not " + first);
        }
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        try {
            IWorkbenchPage page = window.getWorkbench().showPerspective(ResultsPerspective.ID, window);
            ImageViewerView viewer = (ImageViewerView) page.showView(ImageViewerView.ID);
            page.showView(ObjectTableView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            return viewer.open(image);
        } catch (PartInitException e) {
            throw new ExecutionException("cannot show the image viewer: " + e.getMessage(), e);
        } catch (WorkbenchException e) {
            throw new ExecutionException("cannot show the Results perspective: " + e.getMessage(), e);
        }
    }
}
