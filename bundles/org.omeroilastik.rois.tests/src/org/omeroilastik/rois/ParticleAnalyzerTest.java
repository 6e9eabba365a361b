package org.omeroilastik.rois;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ParticleAnalyzerTest {

    private static boolean[] mask(String... rows) {
        int w = rows[0].length();
        boolean[] m = new boolean[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                m[y * w + x] = rows[y].charAt(x) == '#';
            }
        }
        return m;
    }

    @Test
    void aSquareIsOnePolygonOnPixelCorners() {
        boolean[] m = new boolean[20 * 20];
        for (int y = 5; y < 15; y++) {
            for (int x = 3; x < 13; x++) {
                m[y * 20 + x] = true;
            }
        }
        List<Particle> ps = ParticleAnalyzer.analyze(m, 20, 20, new float[0][], 1, 0, 0);
        assertEquals(1, ps.size());
        Particle p = ps.get(0);
        assertEquals(100, p.area());
        assertArrayEquals(new int[] {3, 13, 13, 3}, p.outline().x());
        assertArrayEquals(new int[] {5, 5, 15, 15}, p.outline().y());
        assertEquals(100.0, p.outline().area());
        assertEquals(8.0, p.centroidX());
        assertEquals(10.0, p.centroidY());
        assertArrayEquals(new int[] {3, 5, 10, 10}, p.bounds());
        assertEquals(0, p.holes().size());
    }

    @Test
    void holesAreFoundAndExcludedFromTheArea() {
        boolean[] m = mask(
                ".......",
                ".#####.",
                ".#...#.",
                ".#.#.#.",
                ".#...#.",
                ".#####.",
                ".......");
        List<Particle> ps = ParticleAnalyzer.analyze(m, 7, 7, new float[0][], 1, 0, 0);
        assertEquals(2, ps.size(), "the ring and the dot inside its hole");
        Particle ring = ps.get(0);
        assertEquals(16, ring.area());
        assertEquals(25.0, ring.outline().area());
        assertEquals(1, ring.holes().size());
        assertEquals(9.0, ring.holes().get(0).area());
        // The ring's 5x5 mask, packed MSB first: #####  #...#  #...#  #...#  #####  (the dot belongs to another object)
        // bits 11111 10001 10001 10001 11111 -> 11111100 01100011 00011111 1(0000000)
        assertArrayEquals(new byte[] {(byte) 0b11111100, (byte) 0b01100011, (byte) 0b00011111, (byte) 0b10000000}, ring.maskBits());
        assertArrayEquals(new byte[] {(byte) 0b10000000}, ps.get(1).maskBits(), "the dot: a 1x1 mask");
    }

    @Test
    void cornerTouchingPixelsAreOneObjectWithOneOutline() {
        boolean[] m = mask("#..", ".#.", "..#");
        List<Particle> ps = ParticleAnalyzer.analyze(m, 3, 3, new float[0][], 1, 0, 0);
        assertEquals(1, ps.size());
        assertEquals(3, ps.get(0).area());
        assertEquals(3.0, ps.get(0).outline().area());
        assertEquals(0, ps.get(0).holes().size());
    }

    @Test
    void sizeFilterAndMeanIntensityPerChannel() {
        boolean[] m = mask("##....", "##..#.", "......");
        float[][] ch = {{1, 2, 0, 0, 0, 0, 3, 4, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0}, {10, 10, 0, 0, 0, 0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
        List<Particle> ps = ParticleAnalyzer.analyze(m, 6, 3, ch, 2, 4, 1);
        assertEquals(1, ps.size(), "the single pixel is below the size filter");
        assertArrayEquals(new double[] {2.5, 10}, ps.get(0).meanIntensity());
        assertEquals(4, ps.get(0).z());
        assertEquals(1, ps.get(0).t());
        assertEquals("0,0 2,0 2,2 0,2", ps.get(0).outline().points());
    }
}
