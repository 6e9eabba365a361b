package org.omeroilastik.batch;

/** Exit codes of every command (documented in docs/cli.md). */
public enum ExitCode {
    /** Everything asked for was done. */
    SUCCESS(0),
    /** Some items failed, the rest were done. */
    PARTIAL_FAILURE(1),
    /** Bad input or usage: nothing (more) was done. */
    BAD_INPUT(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
