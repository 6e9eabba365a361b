package org.omeroilastik.internal.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.omeroilastik.ilp.FeatureSelection;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ilp.IlpSummaryText;
import org.omeroilastik.ui.editor.JobContext;
import org.omeroilastik.ui.editor.WorkflowContribution;

/** The project's summary ({@link IlpSummaryText}, as the ilastik Project view and {@code inspect}) and its labels in their colours. */
public final class ProjectPage {
    private ProjectPage() {
    }

    public static Control create(Composite parent, JobContext context, WorkflowContribution workflow) {
        IlpProject p = context.project();
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout());
        Label heading = new Label(page, SWT.NONE);
        heading.setFont(JFaceResources.getHeaderFont());
        heading.setData("id", "projectHeading");
        int channels = expectedChannels(p);
        heading.setText(workflow.label() + "  \u2014  " + p.file().getFileName() + "  (ilastik " + p.ilastikVersion() + ", "
                + (channels > 0 ? channels + (channels == 1 ? " channel" : " channels") : "channels unknown") + ")");
        SashForm sash = new SashForm(page, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Text summary = new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        summary.setFont(JFaceResources.getTextFont());
        summary.setData("id", "projectSummary");
        summary.setText(IlpSummaryText.format(p));
        Group labels = new Group(sash, SWT.NONE);
        labels.setText("Labels");
        labels.setLayout(new GridLayout());
        Table table = new Table(labels, SWT.BORDER | SWT.FULL_SELECTION);
        table.setData("id", "projectLabels");
        table.setHeaderVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        new TableColumn(table, SWT.NONE).setText("Label");
        new TableColumn(table, SWT.NONE).setText("Colour");
        List<Image> swatches = new ArrayList<>();
        for (var label : p.labels()) {
            TableItem row = new TableItem(table, SWT.NONE);
            row.setText(new String[] {label.name(), label.hexColour()});
            Image swatch = new Image(page.getDisplay(), 14, 14);
            GC gc = new GC(swatch);
            Color c = new Color(label.red(), label.green(), label.blue());
            gc.setBackground(c);
            gc.fillRectangle(0, 0, 14, 14);
            gc.dispose();
            swatches.add(swatch);
            row.setImage(0, swatch);
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        page.addDisposeListener(e -> swatches.forEach(Image::dispose));
        sash.setWeights(70, 30);
        return page;
    }

    /** The raw channels the project was trained on (0: the project does not say). */
    public static int expectedChannels(IlpProject p) {
        return p.applet("FeatureSelections", FeatureSelection.class).map(FeatureSelection::inputChannels).orElse(0);
    }
}
