import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const PACKAGES: Record<string, string> = {
  curl: 'curl',
  nghttp: 'nghttp2-client',
  h2load: 'nghttp2-client',
  '/usr/bin/python3': 'python3',
};

/** Debian's Python, whose modules come from Debian's packages (`.ci/run` installs python3-requests); PYTHON overrides. */
export const PYTHON = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** Fails with the Debian package to install when a client the tests drive is missing (`.ci/run` installs them all). */
export function requireTool(name: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${name} is not installed: apt-get install -y ${PACKAGES[name] ?? name}`);
  }
}

/** Fails with the Debian package to install when PYTHON cannot import `module`. */
export async function requirePythonModule(module: string, debianPackage: string): Promise<void> {
  requireTool(PYTHON);
  await promisify(execFile)(PYTHON, ['-c', `import ${module}`]).catch(() => {
    throw new Error(`${PYTHON} cannot import ${module}: apt-get install -y ${debianPackage}`);
  });
}
