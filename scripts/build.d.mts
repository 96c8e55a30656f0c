/** Types of scripts/build.mjs (used by the benchmarks). */
export declare const ROOT: string;
export declare const DIST: string;
export declare const STAMP: string;
/** Why dist/ must be (re)built, or undefined when it is up to date with src/. */
export declare function staleReason(): string | undefined;
/** Compile src/ to dist/ and copy the data files beside it. @throws Error saying what to do. */
export declare function build(): void;
/** Build when stale, one process at a time (a lock folder), so concurrent starts never swap dist/ under each other. */
export declare function buildOnce(): Promise<void>;
