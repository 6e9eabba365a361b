package org.omeroilastik.ui;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Explore: the data explorer (with its metadata panel) beside the ilastik project summary. */
public final class ExplorePerspective implements IPerspectiveFactory {
    public static final String ID = "org.omeroilastik.ui.perspective.explore";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        layout.addView(DataExplorerView.ID, IPageLayout.LEFT, 0.45f, layout.getEditorArea());
        layout.addView(ProjectSummaryView.ID, IPageLayout.RIGHT, 0.55f, DataExplorerView.ID);
    }
}
