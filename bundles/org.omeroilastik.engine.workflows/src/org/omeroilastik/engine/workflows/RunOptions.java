package org.omeroilastik.engine.workflows;

/**
 * How a run is executed.
 *
 * @param threads worker threads (blocks in flight); defaults to the available cores
 * @param blockBytes memory budget of one block in bytes, which sets the block size for 3D data
 * @param block2d edge of the square blocks (core, without halo) for 2D data
 */
public record RunOptions(int threads, long blockBytes, int block2d) {
    public RunOptions {
        if (threads < 1 || blockBytes < (1 << 20) || block2d < 16) {
            throw new IllegalArgumentException("invalid run options: threads " + threads + ", block bytes " + blockBytes
                    + ", 2D block " + block2d);
        }
    }

    public static RunOptions defaults() {
        return new RunOptions(Runtime.getRuntime().availableProcessors(), 256L << 20, 512);
    }

    public RunOptions withThreads(int n) {
        return new RunOptions(n, blockBytes, block2d);
    }

    /**
     * Splits a total memory budget over the worker threads: each block in flight gets
     * {@code totalBytes / threads} (at least 1 MiB), so the blocks of a run stay within the budget.
     */
    public RunOptions withMemoryBudget(long totalBytes) {
        return new RunOptions(threads, Math.max(1L << 20, totalBytes / threads), block2d);
    }

    /** The memory all blocks in flight may take together. */
    public long memoryBudget() {
        return blockBytes * threads;
    }

    public RunOptions withBlock2d(int edge) {
        return new RunOptions(threads, blockBytes, edge);
    }
}
