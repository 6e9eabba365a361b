package org.omeroilastik.engine.workflows;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.omeroilastik.engine.features.PixelFeatures;
import org.omeroilastik.engine.features.Volume;
import org.omeroilastik.engine.forest.ForestEnsemble;
import org.omeroilastik.model.PixelType;

/**
 * Runs a project's stages on one region (a block with its halo) and returns the requested export
 * sources for the block's core. Thread-safe: blocks run in parallel on one pipeline.
 */
final class PixelPipeline {
    /** Pixels predicted per forest call: bounds the feature-row buffer, nothing is allocated per pixel. */
    private static final int CHUNK = 4096;
    /** Rows transposed at a time (64 rows of 54 features: 14 KB). */
    private static final int TILE = 64;

    private final PixelClassificationProject project;
    private final List<PixelFeatures> features = new ArrayList<>();

    PixelPipeline(PixelClassificationProject project) {
        this.project = project;
        for (Stage s : project.stages()) {
            features.add(new PixelFeatures(s.features()));
        }
    }

    /** The halo a block needs: every stage's kernel reach, added up (stage 2 reads stage 1's output). */
    int halo() {
        int h = 0;
        for (Stage s : project.stages()) {
            h += s.features().halo();
        }
        return h;
    }

    /** Whether any stage computes 3D features on data with {@code nz} planes (then blocks need a z halo). */
    boolean needsZHalo(int nz) {
        if (nz == 1) {
            return false;
        }
        for (Stage s : project.stages()) {
            var spec = s.features();
            for (int sc = 0; sc < spec.scales().length; sc++) {
                if (!spec.twoD(sc, nz)) {
                    for (boolean[] row : spec.selected()) {
                        if (row[sc]) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Computes the block: {@code raw} are the raw channels over the region, {@code rawType} their
     * stored pixel type (for autocontext's probability conversion), {@code core} = {z0, y0, x0, nz, ny, nx}
     * inside the region. Returns one list of volumes per requested source, core-sized.
     */
    Map<ExportSource, List<Volume>> run(List<Volume> raw, PixelType rawType, int[] core, Set<ExportSource> wanted) {
        int[] off = {core[0], core[1], core[2]};
        int[] shape = {core[3], core[4], core[5]};
        Map<ExportSource, List<Volume>> out = new EnumMap<>(ExportSource.class);
        List<Volume> input = raw;
        int last = project.stages().size() - 1;
        for (int i = 0; i <= last; i++) {
            Stage stage = project.stages().get(i);
            boolean finalStage = i == last;
            if (finalStage) {
                List<Volume> feats = features.get(i).compute(input, off, shape);
                if (wanted.contains(ExportSource.FEATURES)) {
                    out.put(ExportSource.FEATURES, feats);
                }
                List<Volume> probs = predict(stage.forests(), feats);
                if (wanted.contains(ExportSource.PROBABILITIES)) {
                    out.put(ExportSource.PROBABILITIES, probs);
                }
                if (last > 0 && wanted.contains(ExportSource.PROBABILITIES_STAGE_2)) {
                    out.put(ExportSource.PROBABILITIES_STAGE_2, probs);
                }
                if (last == 0 && wanted.contains(ExportSource.PROBABILITIES_STAGE_1)) {
                    out.put(ExportSource.PROBABILITIES_STAGE_1, probs);
                }
                if (wanted.contains(ExportSource.SIMPLE_SEGMENTATION)) {
                    out.put(ExportSource.SIMPLE_SEGMENTATION, List.of(segmentation(probs)));
                }
                if (wanted.contains(ExportSource.UNCERTAINTY)) {
                    out.put(ExportSource.UNCERTAINTY, List.of(uncertainty(probs)));
                }
                if (wanted.contains(ExportSource.LABELS)) {
                    out.put(ExportSource.LABELS, List.of(Volume.zeros(shape[0], shape[1], shape[2])));
                }
            } else {
                // Intermediate stage: its probabilities are needed over the whole region for the next stage's features.
                Volume r = input.get(0);
                List<Volume> feats = features.get(i).compute(input);
                List<Volume> probs = predict(stage.forests(), feats);
                if (wanted.contains(ExportSource.PROBABILITIES_STAGE_1)) {
                    List<Volume> cropped = new ArrayList<>();
                    for (Volume p : probs) {
                        cropped.add(p.crop(off[0], off[1], off[2], shape[0], shape[1], shape[2]));
                    }
                    out.put(ExportSource.PROBABILITIES_STAGE_1, cropped);
                }
                List<Volume> next = new ArrayList<>(raw);
                for (Volume p : probs) {
                    next.add(asRawType(p, rawType));
                }
                input = next;
                assert r.size() == next.get(next.size() - 1).size();
            }
        }
        return out;
    }

    /** Probabilities per class for the feature volumes (one per column), predicted in chunks of pixels. */
    static List<Volume> predict(ForestEnsemble forests, List<Volume> feats) {
        int nf = feats.size();
        Volume first = feats.get(0);
        int n = first.size();
        int nc = forests.classCount();
        List<Volume> probs = new ArrayList<>(nc);
        for (int c = 0; c < nc; c++) {
            probs.add(first.likeThis());
        }
        float[][] columns = new float[nf][];
        for (int f = 0; f < nf; f++) {
            columns[f] = feats.get(f).data();
        }
        float[][] outs = new float[nc][];
        for (int c = 0; c < nc; c++) {
            outs[c] = probs.get(c).data();
        }
        float[] rows = new float[CHUNK * nf];
        float[] result = new float[CHUNK * nc];
        ForestEnsemble.Workspace ws = forests.workspace(CHUNK);
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            // Transposed in tiles of TILE rows, whose rows stay in the first-level cache while every column is copied in.
            for (int i0 = 0; i0 < count; i0 += TILE) {
                int i1 = Math.min(count, i0 + TILE);
                for (int f = 0; f < nf; f++) {
                    float[] column = columns[f];
                    for (int i = i0; i < i1; i++) {
                        rows[i * nf + f] = column[start + i];
                    }
                }
            }
            forests.predict(rows, count, result, ws);
            for (int i = 0; i < count; i++) {
                for (int c = 0; c < nc; c++) {
                    outs[c][start + i] = result[i * nc + c];
                }
            }
        }
        return probs;
    }

    /** ilastik's Simple Segmentation: 1 + index of the largest probability (the first on ties). */
    static Volume segmentation(List<Volume> probs) {
        Volume seg = probs.get(0).likeThis();
        float[] s = seg.data();
        for (int i = 0; i < s.length; i++) {
            int best = 0;
            float max = probs.get(0).data()[i];
            for (int c = 1; c < probs.size(); c++) {
                float v = probs.get(c).data()[i];
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            s[i] = best + 1;
        }
        return seg;
    }

    /** ilastik's Uncertainty: 1 − (largest − second largest probability). */
    static Volume uncertainty(List<Volume> probs) {
        Volume u = probs.get(0).likeThis();
        float[] d = u.data();
        for (int i = 0; i < d.length; i++) {
            float a = Float.NEGATIVE_INFINITY;
            float b = Float.NEGATIVE_INFINITY;
            for (Volume p : probs) {
                float v = p.data()[i];
                if (v > a) {
                    b = a;
                    a = v;
                } else if (v > b) {
                    b = v;
                }
            }
            d[i] = probs.size() < 2 ? 0f : 1f - (a - b);
        }
        return u;
    }

    /**
     * Autocontext feeds stage-1 probabilities to stage 2 in the raw data's type: integers get
     * (max−min)·p − min truncated (255·p for uint8), floats a plain cast (ilastik's DtypeConvertFunction).
     */
    static Volume asRawType(Volume p, PixelType type) {
        Volume out = p.likeThis();
        float[] in = p.data();
        float[] o = out.data();
        if (type.isFloatingPoint()) {
            System.arraycopy(in, 0, o, 0, in.length);
            return out;
        }
        double min = switch (type) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
        double max = switch (type) {
            case BOOL -> 1;
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 255;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 65535;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 4294967295.0;
            case INT64 -> Long.MAX_VALUE;
            default -> 18446744073709551615.0;
        };
        // numpy evaluates (max - min) * p - min in float32 before astype truncates.
        float scale = (float) (max - min);
        float shift = (float) min;
        for (int i = 0; i < in.length; i++) {
            float v = scale * in[i] - shift;
            o[i] = (float) (long) v;
        }
        return out;
    }
}
