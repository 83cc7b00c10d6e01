// Starts a real `haven serve` on a free loopback port over a fresh SQLite database, for one test file.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const binary = process.env.HAVEN_BINARY;
if (!binary) throw new Error('HAVEN_BINARY is not set (ctest sets it to the built haven)');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Runs a haven subcommand synchronously against the test database; returns stdout.
export function haven(db, ...args) {
  return execFileSync(binary, [...args, '--db', db], { encoding: 'utf8' });
}

export async function startHaven() {
  const dir = mkdtempSync(join(tmpdir(), 'haven-e2e-'));
  const db = `sqlite:${join(dir, 'haven.db')}`;
  const port = await freePort();
  const proc = spawn(binary, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
    cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error(`haven exited early:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, db, dir,
    log: () => log,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
