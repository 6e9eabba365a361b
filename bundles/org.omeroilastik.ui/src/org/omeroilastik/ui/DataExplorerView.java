package org.omeroilastik.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.omeroilastik.platform.OsgiServices;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.ui.ExplorerNode.Kind;

/**
 * The data explorer (OMERO.insight's tree): connections, then Projects/Datasets/Images and
 * Screens/Plates/Wells/fields, and orphans; children load lazily in Jobs; the metadata panel shows
 * the selected object's pixels and results; image nodes show their thumbnails. Connections (sources
 * only, never credentials) are kept in the instance preferences; they are added and removed through
 * the view's toolbar, which org.omeroilastik.ui.connections contributes.
 */
public final class DataExplorerView extends ViewPart {
    public static final String ID = "org.omeroilastik.ui.views.dataExplorer";
    private static final String PREFERENCE = "connections";

    private final Map<ExplorerNode, List<ExplorerNode>> children = new ConcurrentHashMap<>();
    private final Set<ExplorerNode> loading = ConcurrentHashMap.newKeySet();
    private final Set<String> connections = new LinkedHashSet<>();
    private RepositoryTreeLoader loader;
    private TreeThumbnails thumbnails;
    private TreeViewer tree;
    private Text metadata;
    private org.eclipse.swt.widgets.Label thumbnail;
    /** The metadata panel's thumbnail, disposed when replaced and with the view. */
    private org.eclipse.swt.graphics.Image shownThumbnail;
    /** Longer side of the thumbnails in the metadata panel (OMERO.insight's default). */
    static final int THUMBNAIL = 96;
    private Text search;

    @Override
    public void createPartControl(Composite parent) {
        loader = new RepositoryTreeLoader(OsgiServices.get(DataExplorerView.class, Repositories.class));
        // "Add connection…" and "Remove connection" are in the view's toolbar (org.omeroilastik.ui.connections).
        parent.setLayout(new GridLayout(1, false));
        search = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage("Filter by name");
        search.setData("id", "search");
        search.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tree = new TreeViewer(sash, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        tree.getTree().setData("id", "tree");
        tree.setContentProvider(new Content());
        thumbnails = new TreeThumbnails(parent.getDisplay(), loader, node -> {
            if (!tree.getControl().isDisposed()) {
                tree.update(node, null);
            }
        });
        tree.setLabelProvider(new LabelProvider() {
            @Override
            public org.eclipse.swt.graphics.Image getImage(Object element) {
                ExplorerNode n = (ExplorerNode) element;
                return n.kind() == Kind.IMAGE && !n.isPlaceholder() && n.image() != null ? thumbnails.icon(n) : null;
            }

            @Override
            public String getText(Object element) {
                ExplorerNode n = (ExplorerNode) element;
                return switch (n.kind()) {
                    case CONNECTION -> n.source();
                    case IMAGE -> n.image() == null ? n.label() : n.label() + "  " + n.image().pixels().toString().replaceAll(" \\{.*", "");
                    default -> n.label();
                };
            }
        });
        tree.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer viewer, Object parentElement, Object element) {
                String q = search.getText().strip().toLowerCase();
                ExplorerNode n = (ExplorerNode) element;
                return q.isEmpty() || n.kind() != Kind.IMAGE || n.isPlaceholder() || n.label().toLowerCase().contains(q);
            }
        });
        search.addListener(SWT.Modify, e -> tree.refresh());
        tree.addSelectionChangedListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof ExplorerNode n && !n.isPlaceholder()) {
                describe(n);
            }
        });
        // A MenuManager registered with the site, so other bundles add actions ("Open Results") through org.eclipse.ui.menus.
        org.eclipse.jface.action.MenuManager menu = new org.eclipse.jface.action.MenuManager();
        menu.add(new org.eclipse.jface.action.Action("Run ilastik project\u2026") {
            @Override
            public void run() {
                Object first = tree.getStructuredSelection().getFirstElement();
                if (first instanceof ExplorerNode n && n.kind() == Kind.DATASET) {
                    org.eclipse.swt.widgets.FileDialog d = new org.eclipse.swt.widgets.FileDialog(parent.getShell(), SWT.OPEN);
                    d.setFilterExtensions(new String[] {"*.ilp"});
                    String chosen = d.open();
                    if (chosen != null) {
                        runProject(n, java.nio.file.Path.of(chosen));
                    }
                }
            }
        });
        menu.add(new org.eclipse.jface.action.Separator(org.eclipse.ui.IWorkbenchActionConstants.MB_ADDITIONS));
        tree.getTree().setMenu(menu.createContextMenu(tree.getTree()));
        getSite().registerContextMenu(menu, tree);
        getSite().setSelectionProvider(tree);
        ExplorerDrag.install(tree);
        Composite details = new Composite(sash, SWT.NONE);
        details.setLayout(new GridLayout(2, false));
        thumbnail = new org.eclipse.swt.widgets.Label(details, SWT.BORDER);
        thumbnail.setData("id", "thumbnail");
        thumbnail.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        metadata = new Text(details, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        metadata.setData("id", "metadata");
        metadata.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        sash.setWeights(70, 30);
        String saved = InstanceScope.INSTANCE.getNode("org.omeroilastik.ui").get(PREFERENCE, "");
        for (String s : saved.split("\n")) {
            if (!s.isBlank()) {
                connections.add(s);
            }
        }
        tree.setInput(connections);
        getSite().setSelectionProvider(tree);
    }

    /** Adds a repository (for example {@code local:/data/repo}) to the tree and remembers it. */
    public void addConnection(String source) {
        if (connections.add(source)) {
            InstanceScope.INSTANCE.getNode("org.omeroilastik.ui").put(PREFERENCE, String.join("\n", connections));
        }
        tree.refresh();
        tree.setExpandedState(connection(source), true);
    }

    /** Takes a connection out of the tree and the preferences, closing its repository and disposing its thumbnails. */
    public void removeConnection(String source) {
        if (connections.remove(source)) {
            InstanceScope.INSTANCE.getNode("org.omeroilastik.ui").put(PREFERENCE, String.join("\n", connections));
        }
        children.keySet().removeIf(n -> n.source().equals(source));
        thumbnails.forget(source);
        tree.refresh();
        Job close = Job.create("Closing " + source, (IProgressMonitor monitor) -> {
            loader.close(source);
            return Status.OK_STATUS;
        });
        close.setSystem(true);
        close.schedule();
    }

    /** The connections shown, in order. */
    public List<String> connections() {
        return List.copyOf(connections);
    }

    /** The source of the selected top-level item, if a connection is selected. */
    public java.util.Optional<String> selectedConnection() {
        return tree.getStructuredSelection().getFirstElement() instanceof ExplorerNode n && n.kind() == Kind.CONNECTION
                ? java.util.Optional.of(n.source()) : java.util.Optional.empty();
    }

    /** Shows a line in the metadata panel (for example why an action did nothing). */
    public void showMessage(String text) {
        metadata.setText(text);
    }

    static ExplorerNode connection(String source) {
        return new ExplorerNode(source, Kind.CONNECTION, 0, source, null);
    }

    /**
     * Runs an ilastik project over a dataset node (the "Run ilastik project…" action; the project
     * chosen with a file dialog there).
     */
    public org.eclipse.core.runtime.jobs.Job runProject(ExplorerNode dataset, java.nio.file.Path project) {
        if (dataset.kind() != Kind.DATASET) {
            throw new IllegalArgumentException("select a dataset to run a project over, not " + dataset.label());
        }
        return JobLauncher.launch(dataset.source(), dataset.id(), dataset.label(), project);
    }

    TreeViewer viewer() {
        return tree;
    }

    private void describe(ExplorerNode n) {
        metadata.setText("Reading " + n.label() + "\u2026");
        Job job = Job.create("Reading " + n.label(), (IProgressMonitor monitor) -> {
            String text;
            byte[] thumb = null;
            try {
                text = loader.describe(n);
                if (n.kind() == Kind.IMAGE) {
                    thumb = loader.thumbnail(n, THUMBNAIL);
                }
            } catch (Exception e) {
                text = e.getMessage();
            }
            String shown = text;
            byte[] picture = thumb;
            metadata.getDisplay().asyncExec(() -> {
                if (!metadata.isDisposed()) {
                    metadata.setText(shown);
                    showThumbnail(picture);
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void showThumbnail(byte[] bytes) {
        org.eclipse.swt.graphics.Image old = shownThumbnail;
        shownThumbnail = bytes == null ? null
                : new org.eclipse.swt.graphics.Image(thumbnail.getDisplay(), new java.io.ByteArrayInputStream(bytes));
        thumbnail.setImage(shownThumbnail);
        if (old != null) {
            old.dispose();
        }
        thumbnail.getParent().layout();
    }

    /** Children come from the cache, or a placeholder while a Job reads them. */
    private final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            List<ExplorerNode> roots = new ArrayList<>();
            connections.forEach(s -> roots.add(connection(s)));
            return roots.toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            ExplorerNode node = (ExplorerNode) parent;
            List<ExplorerNode> known = children.get(node);
            if (known != null) {
                return known.toArray();
            }
            if (loading.add(node)) {
                Job job = Job.create("Listing " + node.label(), (IProgressMonitor monitor) -> {
                    List<ExplorerNode> list;
                    try {
                        list = loader.children(node);
                    } catch (Exception e) {
                        list = List.of(new ExplorerNode(node.source(), Kind.IMAGE, -2, "Cannot list: " + e.getMessage(), null));
                    }
                    children.put(node, list);
                    loading.remove(node);
                    tree.getControl().getDisplay().asyncExec(() -> {
                        if (!tree.getControl().isDisposed()) {
                            tree.refresh(node);
                        }
                    });
                    return Status.OK_STATUS;
                });
                job.setSystem(true);
                job.schedule();
            }
            return new Object[] {ExplorerNode.loading(node.source())};
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return ((ExplorerNode) element).kind().hasChildren() && !((ExplorerNode) element).isPlaceholder();
        }
    }

    @Override
    public void setFocus() {
        tree.getControl().setFocus();
    }

    @Override
    public void dispose() {
        // The widgets are already disposed here (asking the label for its image would throw), so the
        // images are disposed from the fields that hold them.
        if (shownThumbnail != null) {
            shownThumbnail.dispose();
        }
        if (thumbnails != null) {
            thumbnails.dispose();
        }
        if (loader != null) {
            RepositoryTreeLoader closing = loader;
            // Closing logs out of remote servers: network work, so not on the display thread.
            Job close = Job.create("Closing the Data Explorer's connections", (IProgressMonitor monitor) -> {
                closing.close();
                return Status.OK_STATUS;
            });
            close.setSystem(true);
            close.schedule();
        }
        super.dispose();
    }
}
