import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { BuiltFile, BuiltVariant } from '../model/manifest.js';

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);

/** One file to serve: where it lives under dist/, what it is, and its bytes. */
export interface Output {
  urlPath: string;
  /** Relative to dist/, with forward slashes. */
  file: string;
  contentType: string;
  immutable: boolean;
  body: Buffer;
}

export interface WriteReport {
  files: Record<string, BuiltFile>;
  /** URL paths whose bytes changed: written, and compressed when textual. */
  written: string[];
  /** Files under the output folders that no output claims any more, removed. */
  removed: string[];
}

const isTextual = (contentType: string) => /^(text\/|application\/(json|xml)|image\/svg)/.test(contentType);
const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64url').slice(0, 22);

async function sizeOf(file: string): Promise<number | undefined> {
  return stat(file).then(
    (info) => info.size,
    () => undefined,
  );
}

/** Still on disk as the previous build left it (same size; the ETag in the manifest vouches for the bytes). */
async function intact(distDir: string, variant: BuiltVariant | undefined): Promise<boolean> {
  return variant !== undefined && (await sizeOf(path.join(distDir, variant.file))) === variant.size;
}

async function put(distDir: string, file: string, bytes: Buffer): Promise<void> {
  const target = path.join(distDir, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, bytes);
}

/**
 * Writes each output with its precompressed forms (Brotli 11 and gzip 9, strong ETags per coding, RFC 9110
 * §8.8.3), skipping every output whose bytes are those of the previous build: unchanged pages are neither
 * rewritten nor compressed again. Compression runs on libuv's thread pool, several files at a time.
 */
export async function writeOutputs(
  distDir: string,
  outputs: readonly Output[],
  previous: Record<string, BuiltFile>,
  ownedFolders: readonly string[],
): Promise<WriteReport> {
  const files: Record<string, BuiltFile> = {};
  const written: string[] = [];
  const work = outputs.map(async (output) => {
    const tag = digest(output.body);
    const textual = isTextual(output.contentType);
    const before = previous[output.urlPath];
    const unchanged =
      before !== undefined &&
      before.identity.etag === `"${tag}"` &&
      before.identity.file === output.file &&
      before.contentType === output.contentType &&
      before.immutable === output.immutable &&
      (await intact(distDir, before.identity)) &&
      (!textual || ((await intact(distDir, before.br)) && (await intact(distDir, before.gzip))));
    if (unchanged) {
      files[output.urlPath] = before;
      return;
    }
    written.push(output.urlPath);
    await put(distDir, output.file, output.body);
    const entry: BuiltFile = {
      contentType: output.contentType,
      immutable: output.immutable,
      identity: { file: output.file, etag: `"${tag}"`, size: output.body.length },
    };
    if (textual) {
      const [br, gz] = await Promise.all([
        compressBrotli(output.body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: output.body.length },
        }),
        compressGzip(output.body, { level: 9 }),
      ]);
      await Promise.all([put(distDir, `${output.file}.br`, br), put(distDir, `${output.file}.gz`, gz)]);
      entry.br = { file: `${output.file}.br`, etag: `"${tag}-br"`, size: br.length };
      entry.gzip = { file: `${output.file}.gz`, etag: `"${tag}-gz"`, size: gz.length };
    }
    files[output.urlPath] = entry;
  });
  await Promise.all(work);

  // What the previous build wrote and this one does not claim goes, so dist/ holds exactly the current site.
  const claimed = new Set(
    Object.values(files).flatMap((file) => [file.identity.file, file.br?.file, file.gzip?.file].filter((name) => name !== undefined)),
  );
  const removed: string[] = [];
  for (const folder of ownedFolders) {
    const entries = await readdir(path.join(distDir, folder), { withFileTypes: true, recursive: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const relative = path.relative(distDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (claimed.has(relative)) continue;
      await rm(path.join(distDir, relative));
      removed.push(relative);
    }
  }
  return { files: sortKeys(files), written: written.sort(), removed: removed.sort() };
}

/** Object keys in code-point order, so that JSON.stringify writes the same bytes for the same content. */
export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
