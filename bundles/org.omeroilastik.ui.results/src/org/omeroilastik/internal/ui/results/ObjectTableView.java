package org.omeroilastik.internal.ui.results;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ViewPart;
import org.omeroilastik.ui.results.ImageResults;

/**
 * The object tables a job wrote for the image the viewer shows, with their columns as written
 * (a virtual table: rows are filled as they scroll into view). Selecting a row shows its object in
 * the image viewer: its plane, centred and outlined.
 */
public final class ObjectTableView extends ViewPart {
    public static final String ID = "org.omeroilastik.ui.results.views.objectTable";

    private Label caption;
    private Combo choice;
    private Table table;
    private ImageResults results;
    private org.omeroilastik.model.results.Table shown;
    /** Table row shown at each position (the rows as written, or sorted by a column header click). */
    private int[] order = new int[0];

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        caption = new Label(parent, SWT.NONE);
        caption.setData("id", "objectTableCaption");
        caption.setText("No results open");
        caption.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        choice = new Combo(parent, SWT.READ_ONLY);
        choice.setData("id", "objectTableChoice");
        choice.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));
        choice.addListener(SWT.Selection, e -> showTable(choice.getSelectionIndex()));
        table = new Table(parent, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setData("id", "objectTable");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            List<Object> row = shown.rows().get(order[table.indexOf(item)]);
            for (int c = 0; c < row.size(); c++) {
                item.setText(c, format(row.get(c)));
            }
        });
        table.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            select(i < 0 ? -1 : order[i]);
        });
        if (getSite().getPage().findView(ImageViewerView.ID) instanceof ImageViewerView viewer && viewer.results() != null) {
            show(viewer.results());
        }
    }

    /** Shows the tables of the image the viewer opened (display thread; the tables are already read). */
    void show(ImageResults opened) {
        results = opened;
        choice.removeAll();
        for (int i = 0; i < opened.tables().size(); i++) {
            choice.add("Table " + (i + 1) + " (" + opened.tables().get(i).rows().size() + " objects)");
        }
        choice.setVisible(opened.tables().size() > 1);
        if (opened.tables().isEmpty()) {
            shown = null;
            table.setItemCount(0);
            for (TableColumn c : table.getColumns()) {
                c.dispose();
            }
            caption.setText(opened.image().name() + ": no object table written");
            return;
        }
        choice.select(0);
        showTable(0);
    }

    private void showTable(int index) {
        shown = results.tables().get(index);
        table.setRedraw(false);
        table.setItemCount(0);
        for (TableColumn c : table.getColumns()) {
            c.dispose();
        }
        for (int c = 0; c < shown.columns().size(); c++) {
            String name = shown.columns().get(c);
            TableColumn column = new TableColumn(table, name.equals("label") ? SWT.LEFT : SWT.RIGHT);
            column.setText(name);
            column.setToolTipText("Sort by " + name);
            column.setWidth(Math.max(56, 9 * name.length() + 16));
            int columnIndex = c;
            column.addListener(SWT.Selection, e -> sortBy(column, columnIndex));
        }
        order = java.util.stream.IntStream.range(0, shown.rows().size()).toArray();
        table.setSortColumn(null);
        table.setItemCount(shown.rows().size());
        table.setRedraw(true);
        caption.setText(results.image().name() + ": " + shown.rows().size() + " objects"
                + (ResultObject.locatable(shown) ? "; select one to show it in the viewer" : "; the table does not place its rows (no roi, t, z, bbox columns)"));
        caption.getParent().layout();
    }

    /** Sorts the rows by a column (numbers as numbers), descending on a second click. */
    private void sortBy(TableColumn column, int index) {
        boolean up = table.getSortColumn() != column || table.getSortDirection() != SWT.UP;
        java.util.Comparator<Integer> byValue = (a, b) -> compare(shown.rows().get(a).get(index), shown.rows().get(b).get(index));
        order = java.util.stream.IntStream.of(order).boxed().sorted(up ? byValue : byValue.reversed()).mapToInt(Integer::intValue).toArray();
        table.setSortColumn(column);
        table.setSortDirection(up ? SWT.UP : SWT.DOWN);
        table.deselectAll();
        table.clearAll();
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** The table's rows in the order shown (sorted or as written), for tests. */
    int[] rowOrder() {
        return order.clone();
    }

    private void select(int row) {
        if (row < 0 || shown == null || !ResultObject.locatable(shown)) {
            return;
        }
        if (getSite().getPage().findView(ImageViewerView.ID) instanceof ImageViewerView viewer && viewer.results() == results) {
            viewer.showObject(ResultObject.of(shown, row, results.rois()));
        }
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            double a = Math.abs(d);
            return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format("%.4g", d) : String.format("%.3f", d);
        }
        return String.valueOf(v);
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
