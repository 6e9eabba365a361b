package org.omeroilastik.internal.ui.editor;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.ui.EnginePreferences;
import org.omeroilastik.ui.editor.JobContext;
import org.omeroilastik.ui.editor.WorkflowContribution;

/**
 * Which engine runs the job (only those the workflow's contribution binds), engine threads per image and
 * images at once. New jobs start from Preferences &gt; ilastik engine; where ilastik is installed stays a
 * preference of the machine.
 */
public final class EnginePage {
    private EnginePage() {
    }

    public static Control create(Composite parent, JobContext context, WorkflowContribution workflow) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout());
        Group engines = new Group(page, SWT.NONE);
        engines.setText("Engine (bound by " + workflow.label() + ")");
        engines.setLayout(new GridLayout());
        engines.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button embedded = new Button(engines, SWT.RADIO);
        embedded.setText("Embedded Java engine");
        embedded.setData("id", "engineEmbedded");
        embedded.setEnabled(workflow.engines().contains(JobSpec.Engine.EMBEDDED));
        Button ilastik = new Button(engines, SWT.RADIO);
        ilastik.setText("Installed ilastik, run headless (folder: "
                + EnginePreferences.ilastikHome().map(Object::toString).orElse("from ILASTIK_HOME") + ", see Preferences > ilastik engine)");
        ilastik.setData("id", "engineIlastik");
        ilastik.setEnabled(workflow.engines().contains(JobSpec.Engine.ILASTIK));
        embedded.setSelection(context.job().engine() == JobSpec.Engine.EMBEDDED);
        ilastik.setSelection(context.job().engine() == JobSpec.Engine.ILASTIK);
        Group threads = new Group(page, SWT.NONE);
        threads.setText("Threads");
        threads.setLayout(new GridLayout(2, false));
        threads.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(threads, SWT.NONE).setText("Engine threads per image (0: every core):");
        Spinner perImage = new Spinner(threads, SWT.BORDER);
        perImage.setData("id", "threads");
        perImage.setValues(context.job().threads(), 0, 256, 0, 1, 4);
        new Label(threads, SWT.NONE).setText("Images at once:");
        Spinner parallel = new Spinner(threads, SWT.BORDER);
        parallel.setData("id", "parallel");
        parallel.setValues(context.job().parallel(), 1, 64, 0, 1, 4);
        Runnable apply = () -> context.update(j -> j.withEngine(ilastik.getSelection() ? JobSpec.Engine.ILASTIK : JobSpec.Engine.EMBEDDED,
                perImage.getSelection(), parallel.getSelection()));
        embedded.addListener(SWT.Selection, e -> apply.run());
        ilastik.addListener(SWT.Selection, e -> apply.run());
        perImage.addListener(SWT.Modify, e -> apply.run());
        parallel.addListener(SWT.Modify, e -> apply.run());
        return page;
    }
}
