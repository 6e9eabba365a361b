package org.omeroilastik.internal.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.util.LocalSelectionTransfer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.PlatformUI;
import org.omeroilastik.jobs.InputCheck;
import org.omeroilastik.jobs.JobDocument;
import org.omeroilastik.jobs.JobDocument.Input;
import org.omeroilastik.platform.OsgiServices;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.ui.DisplayThreadGuard;
import org.omeroilastik.ui.ExplorerDrag;
import org.omeroilastik.ui.ExplorerItem;
import org.omeroilastik.ui.editor.JobContext;

/**
 * The job's inputs: images and containers of one repository, dropped from the data explorer or added from its
 * selection; each input's images are checked (in a Job) against the channel count the project expects, a
 * mismatch shown in red on its row.
 */
public final class InputsPage {
    private final JobContext context;
    private final int expected;
    private Table table;
    private Label status;

    private InputsPage(JobContext context) {
        this.context = context;
        this.expected = ProjectPage.expectedChannels(context.project());
    }

    public static Control create(Composite parent, JobContext context) {
        return new InputsPage(context).build(parent);
    }

    private Control build(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(3, false));
        Label hint = new Label(page, SWT.WRAP);
        hint.setText("Drop datasets, plates or images here from the Data Explorer, or select them there and press Add. "
                + "The project expects " + (expected > 0 ? expected + (expected == 1 ? " channel" : " channels") : "an unknown number of channels")
                + " per image.");
        hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button add = new Button(page, SWT.PUSH);
        add.setText("Add selected from Data Explorer");
        add.setData("id", "addInputs");
        add.addListener(SWT.Selection, e -> add(ExplorerDrag.selection(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage())));
        Button remove = new Button(page, SWT.PUSH);
        remove.setText("Remove");
        remove.setData("id", "removeInput");
        remove.addListener(SWT.Selection, e -> remove());
        table = new Table(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.setData("id", "inputs");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        for (String[] c : new String[][] {{"Input", "170"}, {"Kind", "70"}, {"Id", "50"}, {"Channel check", "640"}}) {
            TableColumn column = new TableColumn(table, SWT.NONE);
            column.setText(c[0]);
            column.setWidth(Integer.parseInt(c[1]));
        }
        status = new Label(page, SWT.WRAP);
        status.setData("id", "inputsStatus");
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        DropTarget drop = new DropTarget(table, DND.DROP_COPY | DND.DROP_LINK | DND.DROP_DEFAULT);
        drop.setTransfer(LocalSelectionTransfer.getTransfer());
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                event.detail = DND.DROP_COPY;
            }

            @Override
            public void dragOperationChanged(DropTargetEvent event) {
                event.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent event) {
                Object data = event.data instanceof IStructuredSelection ? event.data : LocalSelectionTransfer.getTransfer().getSelection();
                add(data instanceof IStructuredSelection s ? ExplorerDrag.items(s) : List.of());
            }
        });
        refresh();
        return page;
    }

    /** Adds explorer items of the job's repository; items of another repository are refused with a message. */
    void add(List<ExplorerItem> items) {
        JobDocument job = context.job();
        String source = job.inputs().isEmpty() ? (items.isEmpty() ? job.source() : items.get(0).source()) : job.source();
        List<Input> inputs = new ArrayList<>(job.inputs());
        List<String> refused = new ArrayList<>();
        for (ExplorerItem item : items) {
            if (!item.source().equals(source)) {
                refused.add(item.name() + " (from " + item.source() + ")");
                continue;
            }
            Input in = new Input(JobDocument.Kind.valueOf(item.kind().toUpperCase(Locale.ROOT)), item.id(), item.name());
            if (inputs.stream().noneMatch(i -> i.kind() == in.kind() && i.id() == in.id())) {
                inputs.add(in);
            }
        }
        if (items.isEmpty()) {
            status.setText("Nothing to add: select datasets, plates, screens or images in the Data Explorer.");
        } else {
            status.setText(refused.isEmpty() ? "" : "Not added: " + String.join(", ", refused) + "; a job reads from one repository, " + source + ".");
        }
        context.update(j -> j.withInputs(source, inputs));
        refresh();
    }

    private void remove() {
        int[] selected = table.getSelectionIndices();
        List<Input> inputs = new ArrayList<>(context.job().inputs());
        for (int i = selected.length - 1; i >= 0; i--) {
            inputs.remove(selected[i]);
        }
        context.update(j -> j.withInputs(j.source(), inputs));
        refresh();
    }

    private void refresh() {
        table.removeAll();
        JobDocument job = context.job();
        for (Input in : job.inputs()) {
            TableItem row = new TableItem(table, SWT.NONE);
            row.setText(new String[] {in.name(), in.kind().name().toLowerCase(Locale.ROOT), String.valueOf(in.id()), "checking\u2026"});
            row.setData(in);
            check(job.source(), in, row);
        }
        status.getParent().layout();
    }

    /** Reads the input's images in a Job and shows the channel check on its row. */
    private void check(String source, Input in, TableItem row) {
        Job job = Job.create("Checking " + in.name(), (IProgressMonitor monitor) -> {
            DisplayThreadGuard.check("checking a job input");
            InputCheck result;
            String text;
            try (Repository repo = OsgiServices.get(InputsPage.class, Repositories.class).open(source, false)) {
                result = InputCheck.of(repo.browse(), source, in, expected);
                text = (result.ok() ? "\u2713 " : "\u2717 ") + result.message();
            } catch (Exception e) {
                result = null;
                text = "\u2717 cannot read: " + e.getMessage();
            }
            boolean ok = result != null && result.ok();
            String shown = text;
            row.getDisplay().asyncExec(() -> {
                if (!row.isDisposed()) {
                    row.setText(3, shown);
                    row.setForeground(3, row.getDisplay().getSystemColor(ok ? SWT.COLOR_DARK_GREEN : SWT.COLOR_RED));
                    row.setData("check", shown);
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }
}
