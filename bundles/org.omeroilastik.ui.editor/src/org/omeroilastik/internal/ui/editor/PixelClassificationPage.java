package org.omeroilastik.internal.ui.editor;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ui.editor.JobContext;
import org.omeroilastik.ui.editor.WorkflowPage;

/**
 * The Pixel Classification page (contributed through the workflows extension point): which label's
 * objects become ROIs and table rows, and the smallest object kept.
 */
public class PixelClassificationPage implements WorkflowPage {

    @Override
    public Control createControl(Composite parent, JobContext context) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(2, false));
        Label intro = new Label(page, SWT.WRAP);
        intro.setText(describe(context.project()));
        intro.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        new Label(page, SWT.NONE).setText("Objects of label:");
        Combo label = new Combo(page, SWT.READ_ONLY);
        label.setData("id", "roiClass");
        List<String> names = context.project().labels().stream().map(org.omeroilastik.ilp.Label::name).toList();
        label.setItems(names.toArray(String[]::new));
        String chosen = context.job().roiClass();
        label.select(chosen == null ? 0 : Math.max(0, names.indexOf(chosen)));
        new Label(page, SWT.NONE).setText("Smallest object (pixels):");
        Spinner minSize = new Spinner(page, SWT.BORDER);
        minSize.setData("id", "minSize");
        minSize.setValues((int) Math.min(Integer.MAX_VALUE, context.job().minSize()), 0, 1_000_000, 0, 1, 100);
        Runnable apply = () -> context.update(j -> j.withObjects(label.getSelectionIndex() <= 0 ? null : names.get(label.getSelectionIndex()),
                minSize.getSelection()));
        label.addListener(SWT.Selection, e -> apply.run());
        minSize.addListener(SWT.Modify, e -> apply.run());
        return page;
    }

    /** The sentence at the top of the page. */
    protected String describe(IlpProject project) {
        return "The segmentation of the chosen label is traced into ROIs (polygons, with masks if chosen on Exports & write-back) "
                + "and one table row per object; smaller objects are left out.";
    }
}
