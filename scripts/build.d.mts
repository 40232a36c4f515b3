/** Compiles src/ to dist/js/ when src/ changed; true when it did. */
export function compileSources(): Promise<boolean>;
/** `npm run build`: compiles if needed, then builds dist/; the exit code. */
export function buildAll(options?: { force?: boolean }): Promise<number>;
