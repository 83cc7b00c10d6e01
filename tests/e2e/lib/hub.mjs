// The regional hub for end-to-end tests ([R1]): a real `haven serve --mode regional` on its own
// loopback port, folder and SQLite database, trusting the national instances given (exchange.mjs),
// as tests/cli/hub_test.sh sets it up. Releases reach it as in production: `haven stats compute`
// in a national instance's folder, signed with its key, then `haven stats publish --to`.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary, freePort } from './haven.mjs';

// The sanitizer build's leak check would fail short CLI runs that end by exit().
const env = { ...process.env, ASAN_OPTIONS: `${process.env.ASAN_OPTIONS || ''}:detect_leaks=0` };

// A started hub whose trust list names each of `partners` (nationalInstance()s).
export async function regionalHub(...partners) {
  const dir = mkdtempSync(join(tmpdir(), 'haven-e2e-hub-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const run = (args) => execFileSync(binary, args, { cwd: dir, env, encoding: 'utf8' });
  for (const p of partners)
    run(['exchange', 'trust', 'add', '--dir', 'exchange', '--identity', join(p.dir, 'identity.json')]);
  const db = 'sqlite:var/hub.db';
  const proc = spawn(binary, ['serve', '--mode', 'regional', '--db', db, '--listen', `127.0.0.1:${port}`,
    '--exchange-dir', 'exchange'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const hub = {
    dir, url,
    log: () => log,
    // A haven subcommand against the hub's database, run in its folder; returns stdout.
    haven: (...args) => run([...args, '--db', db]),
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return hub;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error(`the hub exited early:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the hub did not become ready:\n${log}`);
}

// `instance` computes its release for `period`, signed with its exchange key, and publishes it to
// `hub` with the CLI; returns the release's file name in the instance's folder and what publish said.
export function publishRelease(instance, hub, period) {
  const file = `release-${period}.csv`;
  instance.haven('stats', 'compute', '--period', period, '--country', instance.country, '--out', file,
    '--exchange-dir', 'exchange');
  const said = instance.tool('stats', 'publish', '--to', hub.url, '--release', file);
  return { file: join(instance.dir, file), said };
}

// SDMX-CSV text → one object per observation, keyed by the header's column names.
export function parseSdmxCsv(text) {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    if (cells.length !== columns.length) throw new Error(`not a plain SDMX-CSV row: ${line}`);
    return Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
  });
}
