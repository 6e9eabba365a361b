package org.omeroilastik.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.util.LocalSelectionTransfer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;

/**
 * What the data explorer hands to job editors: its selection as {@link ExplorerItem}s, dragged (through
 * {@link LocalSelectionTransfer}) or read by the "New ilastik job…" command, which the job editor bundle
 * contributes to the explorer's context menu, so this bundle does not depend on it.
 */
public final class ExplorerDrag {
    /** The command the context menu's "New ilastik job…" runs (defined by the job editor bundle). */
    public static final String NEW_JOB_COMMAND = "org.omeroilastik.ui.editor.newJob";

    private ExplorerDrag() {
    }

    /** Makes the tree a drag source of its selected datasets, plates, screens and images. */
    static void install(TreeViewer tree) {
        tree.addDragSupport(DND.DROP_COPY | DND.DROP_LINK, new Transfer[] {LocalSelectionTransfer.getTransfer()}, new DragSourceAdapter() {
            @Override
            public void dragStart(DragSourceEvent event) {
                List<ExplorerItem> items = items(tree.getStructuredSelection());
                event.doit = !items.isEmpty();
                LocalSelectionTransfer.getTransfer().setSelection(new StructuredSelection(items));
            }

            @Override
            public void dragFinished(DragSourceEvent event) {
                LocalSelectionTransfer.getTransfer().setSelection(null);
            }
        });
    }

    /** The datasets, plates, screens and images of a selection of explorer nodes, or explorer items. */
    public static List<ExplorerItem> items(IStructuredSelection selection) {
        List<ExplorerItem> out = new ArrayList<>();
        if (selection == null) {
            return out;
        }
        for (Object o : selection.toList()) {
            ExplorerItem item = o instanceof ExplorerNode n ? ExplorerItem.of(n) : o instanceof ExplorerItem i ? i : null;
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    /** What is selected in the data explorer of {@code page} (empty when it is not open). */
    public static List<ExplorerItem> selection(IWorkbenchPage page) {
        IViewPart view = page.findView(DataExplorerView.ID);
        return view instanceof DataExplorerView explorer ? items(explorer.viewer().getStructuredSelection()) : List.of();
    }
}
