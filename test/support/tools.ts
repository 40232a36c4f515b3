import { execFileSync } from 'node:child_process';

const PACKAGES: Record<string, string> = { curl: 'curl', nghttp: 'nghttp2-client', h2load: 'nghttp2-client', python3: 'python3' };

/** Fails with the Debian package to install when a client the tests drive is missing (`.ci/run` installs them all). */
export function requireTool(name: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${name} is not installed: apt-get install -y ${PACKAGES[name] ?? name}`);
  }
}
