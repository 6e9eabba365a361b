package org.omeroilastik.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.omeroilastik.engine.forest.DecisionTree;
import org.omeroilastik.engine.forest.ForestEnsemble;
import org.omeroilastik.engine.forest.RandomForest;
import org.omeroilastik.engine.forest.RandomForestTrainer;

class RandomForestTest {
    /** vigra's layout: root at offset 2 splits column 0 at 0.5; leaves [0x40000000, param]. */
    private static DecisionTree stump(double leftP1, double rightP1) {
        int[] topology = {1, 2, 0, 0, 7, 9, 0, 0x40000000, 2, 0x40000000, 5};
        double[] parameters = {1, 0.5, 10, leftP1, 1 - leftP1, 20, rightP1, 1 - rightP1};
        return new DecisionTree(topology, parameters);
    }

    @Test
    void walksVigrasLayoutLeftBelowTheThreshold() {
        RandomForest f = new RandomForest(List.of(stump(1, 0), stump(0.5, 0.25)));
        float[] out = new float[2];
        f.predict(new float[] {0.4f}, 0, out);
        assertArrayEquals(new float[] {0.75f, 0.25f}, out);
        f.predict(new float[] {0.5f}, 0, out);
        assertArrayEquals(new float[] {0.125f, 0.875f}, out);
        f.predict(new float[] {Float.NaN}, 0, out);
        assertArrayEquals(new float[] {0f, 0f}, out, "vigra gives NaN rows zero probability");
    }

    @Test
    void combinesForestsWeightedByTreeCount() {
        ForestEnsemble e = new ForestEnsemble(List.of(new RandomForest(List.of(stump(1, 1))),
                new RandomForest(List.of(stump(0, 0), stump(0, 0), stump(0, 0)))));
        float[] out = new float[2];
        e.predict(new float[] {0f}, 1, out);
        assertArrayEquals(new float[] {0.25f, 0.75f}, out);
    }

    @Test
    void rejectsCorruptTopologies() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionTree(new int[] {1, 2, 0, 0, 99, 9, 0}, new double[] {1, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> new DecisionTree(new int[] {1, 2, 7, 0}, new double[] {1}));
    }

    @Test
    void trainsTreesThatSeparateSeparableClasses() {
        int n = 200;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = (i * 37) % 11;
            y[i] = i < 100 ? 0 : 1;
        }
        ForestEnsemble e = new RandomForestTrainer(2, 2).train(x, y, n, 10, 2, 3);
        assertEquals(10, e.treeCount());
        float[] out = new float[n * 2];
        e.predict(x, n, out);
        for (int i = 0; i < n; i++) {
            assertTrue(out[2 * i + y[i]] > 0.5f, "sample " + i);
        }
    }

    /**
     * Every way of predicting many rows (small two-class forests row by row from one packed array,
     * larger or multi-class ones tree by tree) gives exactly vigra's per-row result, NaN rows included.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"2, 40", "2, 16000", "3, 40", "3, 16000"})
    void batchedPredictionEqualsRowByRow(int classes, int samples) {
        int nf = 5;
        java.util.SplittableRandom random = new java.util.SplittableRandom(classes * 31L + samples);
        float[] x = new float[samples * nf];
        int[] y = new int[samples];
        for (int i = 0; i < samples; i++) {
            for (int f = 0; f < nf; f++) {
                x[i * nf + f] = (float) random.nextGaussian();
            }
            // Labels partly predictable, partly noise: trees of every depth, the large case (about 800 KB of trees per forest) well past the packed size.
            y[i] = x[i * nf] > 0.3f ? classes - 1 : random.nextInt(classes);
        }
        ForestEnsemble e = new RandomForestTrainer(nf, classes).train(x, y, samples, 24, 2, 7);
        int rows = 1003;
        float[] q = new float[rows * nf];
        boolean[] nan = new boolean[rows];
        for (int i = 0; i < q.length; i++) {
            q[i] = i % 97 == 0 ? Float.NaN : i % 89 == 0 ? -0f : (float) random.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < nf; f++) {
                nan[r] |= Float.isNaN(q[r * nf + f]);
            }
        }
        for (RandomForest forest : e.forests()) {
            float[] batched = new float[rows * classes];
            forest.predictRows(q, rows, nan, batched, new double[rows]);
            float[] one = new float[classes];
            for (int r = 0; r < rows; r++) {
                forest.predict(q, r * nf, one);
                for (int l = 0; l < classes; l++) {
                    assertEquals(Float.floatToRawIntBits(one[l]), Float.floatToRawIntBits(batched[r * classes + l]),
                            "row " + r + ", class " + l);
                }
            }
        }
    }
}
