package org.omeroilastik.ui.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.MultiPageEditorPart;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.ilp.UnsupportedWorkflowException;
import org.omeroilastik.internal.ui.editor.EnginePage;
import org.omeroilastik.internal.ui.editor.ExportsPage;
import org.omeroilastik.internal.ui.editor.InputsPage;
import org.omeroilastik.internal.ui.editor.ProblemPage;
import org.omeroilastik.internal.ui.editor.ProjectPage;
import org.omeroilastik.internal.ui.editor.RunPage;
import org.omeroilastik.jobs.JobDocument;
import org.omeroilastik.platform.OsgiServices;
import org.omeroilastik.ui.DisplayThreadGuard;

/**
 * The ilastik job editor: one job file, its project (Project page), the pages its workflow contributes
 * through {@link WorkflowRegistry}, Inputs, Engine, Exports &amp; write-back and Run. The job file and the
 * project are read in an Eclipse Job; until then the editor shows "Reading…". A project whose workflow no
 * bundle contributes opens on an "Unsupported workflow" page.
 */
public final class JobEditor extends MultiPageEditorPart implements JobContext {
    public static final String ID = "org.omeroilastik.ui.editor.job";

    private Path file;
    private JobDocument job;
    private IlpProject project;
    private WorkflowContribution workflow;
    private boolean dirty;
    private boolean loaded;
    private final List<String> titles = new ArrayList<>();

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof JobEditorInput in)) {
            throw new PartInitException("the job editor opens job files (.ilastikjob), not " + input.getName());
        }
        super.init(site, input);
        file = in.file();
        setPartName(in.getName());
    }

    @Override
    protected void createPages() {
        Composite reading = new Composite(getContainer(), SWT.NONE);
        reading.setLayout(new GridLayout());
        new Label(reading, SWT.NONE).setText("Reading " + file + "\u2026");
        addPage(reading);
        setPageText(0, "Reading");
        Display display = getContainer().getDisplay();
        Job load = Job.create("Reading job " + file.getFileName(), (IProgressMonitor monitor) -> {
            DisplayThreadGuard.check("reading a job file");
            JobDocument doc = null;
            IlpProject ilp = null;
            String unsupported = null;
            String problem = null;
            try {
                doc = JobDocument.read(file);
                ilp = OsgiServices.get(JobEditor.class, IlpReader.class).read(doc.project());
            } catch (UnsupportedWorkflowException e) {
                unsupported = e.workflowName();
            } catch (java.io.IOException e) {
                problem = e.getMessage();
            }
            JobDocument d = doc;
            IlpProject p = ilp;
            String u = unsupported;
            String pr = problem;
            if (!display.isDisposed()) {
                display.asyncExec(() -> build(d, p, u, pr));
            }
            return Status.OK_STATUS;
        });
        load.setSystem(true);
        load.schedule();
    }

    private void build(JobDocument doc, IlpProject ilp, String unsupportedName, String problem) {
        if (getContainer() == null || getContainer().isDisposed()) {
            return;
        }
        job = doc;
        project = ilp;
        removePage(0);
        titles.clear();
        if (problem != null) {
            add(ProblemPage.create(getContainer(), "Cannot open " + file.getFileName(), problem, null), "Problem");
        } else {
            String name = ilp == null ? unsupportedName : ilp.workflowName();
            workflow = WorkflowRegistry.forWorkflow(name).orElse(null);
            if (workflow == null) {
                add(ProblemPage.create(getContainer(), "Unsupported workflow " + name,
                        "No installed bundle contributes job editor pages for the ilastik workflow '" + name + "' of " + doc.project()
                                + " (extension point " + WorkflowRegistry.POINT + "). Supported here: "
                                + WorkflowRegistry.all().stream().map(c -> c.label() + " (" + c.name() + ")").toList() + ".",
                        ilp), "Unsupported workflow");
            } else {
                add(ProjectPage.create(getContainer(), this, workflow), "Project");
                for (WorkflowContribution.Page page : workflow.pages()) {
                    try {
                        add(page.create().createControl(getContainer(), this), page.title());
                    } catch (CoreException | RuntimeException e) {
                        add(ProblemPage.create(getContainer(), "Page " + page.title() + " of " + workflow.label() + " cannot open",
                                page.element().getContributor().getName() + ": " + e.getMessage(), null), page.title());
                    }
                }
                add(InputsPage.create(getContainer(), this), "Inputs");
                add(EnginePage.create(getContainer(), this, workflow), "Engine");
                add(ExportsPage.create(getContainer(), this), "Exports & write-back");
                add(RunPage.create(getContainer(), this), "Run");
            }
        }
        setActivePage(0);
        loaded = true;
    }

    private void add(Control page, String title) {
        int index = addPage(page);
        // '&' would mark a mnemonic on the tab.
        setPageText(index, title.replace("&", "&&"));
        titles.add(title);
    }

    /** The page of this title, e.g. "Inputs" (tests and actions switch pages by title). */
    public void showPage(String title) {
        int index = titles.indexOf(title);
        if (index < 0) {
            throw new IllegalArgumentException("no page '" + title + "' (pages: " + titles + ")");
        }
        setActivePage(index);
    }

    /** Page titles in order, once the job is read. */
    public List<String> pageTitles() {
        return List.copyOf(titles);
    }

    /** Whether the job file and its project have been read and the pages built. */
    public boolean isLoaded() {
        return loaded;
    }

    public Path file() {
        return file;
    }

    /** The workflow contribution the pages come from (empty for an unsupported workflow). */
    public Optional<WorkflowContribution> workflow() {
        return Optional.ofNullable(workflow);
    }

    @Override
    public JobDocument job() {
        return job;
    }

    @Override
    public IlpProject project() {
        return project;
    }

    @Override
    public void update(UnaryOperator<JobDocument> change) {
        JobDocument next = change.apply(job);
        if (!next.equals(job)) {
            job = next;
            setDirty(true);
        }
    }

    private void setDirty(boolean value) {
        dirty = value;
        firePropertyChange(PROP_DIRTY);
    }

    @Override
    public boolean isDirty() {
        return dirty;
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        save();
    }

    /** Writes the job file in an Eclipse Job; the editor is clean again once it is written. */
    public Job save() {
        JobDocument snapshot = job;
        Display display = getContainer().getDisplay();
        Job save = Job.create("Saving " + file.getFileName(), (IProgressMonitor monitor) -> {
            DisplayThreadGuard.check("saving a job file");
            try {
                snapshot.write(file);
            } catch (java.io.IOException e) {
                return new Status(IStatus.ERROR, "org.omeroilastik.ui.editor", "Cannot save " + file + ": " + e.getMessage(), e);
            }
            display.asyncExec(() -> {
                if (job == snapshot && getContainer() != null && !getContainer().isDisposed()) {
                    setDirty(false);
                }
            });
            return Status.OK_STATUS;
        });
        save.setUser(true);
        save.schedule();
        return save;
    }

    @Override
    public void doSaveAs() {
        throw new UnsupportedOperationException("Save As is not offered for job files");
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }
}
