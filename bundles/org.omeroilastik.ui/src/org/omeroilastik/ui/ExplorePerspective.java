package org.omeroilastik.ui;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Explore: the project summary for now; the data explorer and metadata views join it later. */
public final class ExplorePerspective implements IPerspectiveFactory {
    public static final String ID = "org.omeroilastik.ui.perspective.explore";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        layout.addStandaloneView(ProjectSummaryView.ID, false, IPageLayout.LEFT, 1.0f, layout.getEditorArea());
    }
}
