package org.omeroilastik.internal.ui.editor;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.omeroilastik.jobs.JobDocument;
import org.omeroilastik.ui.DisplayThreadGuard;
import org.omeroilastik.ui.EnginePreferences;
import org.omeroilastik.ui.ExplorerDrag;
import org.omeroilastik.ui.ExplorerItem;
import org.omeroilastik.ui.editor.JobEditor;
import org.omeroilastik.ui.editor.JobEditorInput;

/**
 * "New ilastik job…": asks for an .ilp and a name, saves {@code jobs/NAME.ilastikjob} in the workspace (with the data
 * explorer's selected datasets, plates or images as inputs, and the engine and default exports preferences) and opens it.
 */
public final class NewJobHandler extends AbstractHandler {
    public static final String EXTENSION = ".ilastikjob";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        IWorkbenchPage page = window.getActivePage();
        List<ExplorerItem> selected = ExplorerDrag.selection(page);
        // A job reads from one repository: the first selected item's.
        List<ExplorerItem> items = selected.isEmpty() ? List.of()
                : selected.stream().filter(i -> i.source().equals(selected.get(0).source())).toList();
        NewJobDialog dialog = new NewJobDialog(window.getShell(),
                String.join(", ", items.stream().map(i -> i.kind() + " " + i.name()).toList()));
        if (dialog.open() != Window.OK) {
            return null;
        }
        JobDocument job = JobDocument.of(dialog.project(), EnginePreferences.engine(), EnginePreferences.threads(), EnginePreferences.parallel())
                .withWriteBack(EnginePreferences.writeBack()).withObjects(null, EnginePreferences.minSize())
                .withInputs(items.isEmpty() ? "" : items.get(0).source(), items.stream()
                        .map(i -> new JobDocument.Input(JobDocument.Kind.valueOf(i.kind().toUpperCase(Locale.ROOT)), i.id(), i.name())).toList());
        String name = dialog.name();
        org.eclipse.swt.widgets.Display display = window.getShell().getDisplay();
        Job create = Job.create("Creating job " + name, (IProgressMonitor monitor) -> {
            DisplayThreadGuard.check("creating a job file");
            Path file;
            try {
                file = uniqueFile(jobsFolder(), name);
                job.write(file);
            } catch (Exception e) {
                return new Status(IStatus.ERROR, "org.omeroilastik.ui.editor", "Cannot create the job " + name + ": " + e.getMessage(), e);
            }
            display.asyncExec(() -> {
                try {
                    page.openEditor(new JobEditorInput(file), JobEditor.ID);
                } catch (PartInitException e) {
                    Platform.getLog(NewJobHandler.class).error("cannot open " + file, e);
                }
            });
            return Status.OK_STATUS;
        });
        create.setUser(true);
        create.schedule();
        return null;
    }

    /** {@code jobs/} in the workspace (the instance location). */
    public static Path jobsFolder() throws URISyntaxException {
        var location = Platform.getInstanceLocation();
        if (location == null || location.getURL() == null) {
            throw new IllegalStateException("the workbench has no workspace (instance location): start it with -data FOLDER");
        }
        return new File(location.getURL().getFile()).toPath().resolve("jobs");
    }

    private static Path uniqueFile(Path folder, String name) throws java.io.IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + EXTENSION);
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(name + "-" + n + EXTENSION);
        }
        return file;
    }
}
