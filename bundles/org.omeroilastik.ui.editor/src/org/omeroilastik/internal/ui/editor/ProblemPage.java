package org.omeroilastik.internal.ui.editor;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ilp.IlpSummaryText;

/** A page that says why the job cannot be edited: an unsupported workflow, an unreadable file. */
public final class ProblemPage {
    private ProblemPage() {
    }

    /** @param project the project's summary when it could be read (shown below the explanation) */
    public static Control create(Composite parent, String title, String explanation, IlpProject project) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout());
        Label heading = new Label(page, SWT.WRAP);
        heading.setText(title);
        heading.setData("id", "problemTitle");
        heading.setFont(JFaceResources.getHeaderFont());
        heading.setForeground(page.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        Label text = new Label(page, SWT.WRAP);
        text.setText(explanation);
        text.setData("id", "problemText");
        text.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        if (project != null) {
            Text summary = new Text(page, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.BORDER);
            summary.setFont(JFaceResources.getTextFont());
            summary.setText(IlpSummaryText.format(project));
            summary.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        }
        return page;
    }
}
