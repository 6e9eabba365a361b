package org.omeroilastik.internal.ui.results;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Results: the image viewer with its overlays above the object table, the data explorer beside them to pick images from. */
public final class ResultsPerspective implements IPerspectiveFactory {
    public static final String ID = "org.omeroilastik.ui.perspective.results";
    private static final String DATA_EXPLORER = "org.omeroilastik.ui.views.dataExplorer";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        layout.addView(ImageViewerView.ID, IPageLayout.TOP, 0.68f, layout.getEditorArea());
        layout.addView(ObjectTableView.ID, IPageLayout.BOTTOM, 0.72f, ImageViewerView.ID);
        layout.addView(DATA_EXPLORER, IPageLayout.LEFT, 0.22f, ImageViewerView.ID);
    }
}
