package org.omeroilastik.example.exporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.omeroilastik.export.Exporter;
import org.omeroilastik.export.ImageResult;
import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.model.results.Roi;

/**
 * Object counts and areas as CSV: for each image {@code ID-NAME.objects.csv} (one row per ROI shape: class, z, t,
 * area and centroid in pixels, from the polygon by the shoelace formula) and one line per image in {@code counts.csv}
 * (image, objects, total and mean area).
 */
public final class ObjectsCsvExporter implements Exporter {
    static final String COUNTS = "counts.csv";

    @Override
    public void export(ImageResult result, Path folder) throws IOException {
        String base = result.image().id() + "-" + result.image().name().replaceAll("[^\\w.-]", "_");
        StringBuilder objects = new StringBuilder("roi,class,z,t,area_px,centroid_x_px,centroid_y_px\n");
        int count = 0;
        double total = 0;
        int roi = 0;
        for (Roi r : result.rois()) {
            roi++;
            for (PolygonShape s : r.shapes()) {
                double[] m = areaAndCentroid(s.x(), s.y());
                objects.append(String.format(Locale.ROOT, "%d,%s,%d,%d,%.1f,%.2f,%.2f%n", roi, csv(r.label()), s.z(), s.t(), m[0], m[1], m[2]));
                count++;
                total += m[0];
            }
        }
        Path file = folder.resolve(base + ".objects.csv");
        Files.writeString(file, objects.toString(), StandardCharsets.UTF_8);
        Path counts = folder.resolve(COUNTS);
        if (!Files.exists(counts)) {
            Files.writeString(counts, "image_id,image,objects,total_area_px,mean_area_px\n", StandardCharsets.UTF_8);
        }
        Files.writeString(counts, String.format(Locale.ROOT, "%d,%s,%d,%.1f,%.1f%n", result.image().id(), csv(result.image().name()), count, total,
                count == 0 ? 0 : total / count), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Area (absolute) and centroid of a simple polygon, by the shoelace formula. */
    static double[] areaAndCentroid(int[] x, int[] y) {
        double a = 0;
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < x.length; i++) {
            int j = (i + 1) % x.length;
            double cross = (double) x[i] * y[j] - (double) x[j] * y[i];
            a += cross;
            cx += (x[i] + x[j]) * cross;
            cy += (y[i] + y[j]) * cross;
        }
        a /= 2;
        if (a == 0) {
            return new double[] {0, x[0], y[0]};
        }
        return new double[] {Math.abs(a), cx / (6 * a), cy / (6 * a)};
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
