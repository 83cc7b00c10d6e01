// National instances for cross-border tests ([X1]): each a real `haven serve` on its own loopback
// port, with its own folder, SQLite database, master key and exchange keys (inbox over http:// on
// loopback, as the trust list allows for tests), as tests/cli/referral_test.sh sets them up.
// trustEachOther() puts each instance on the other's trust list.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binary } from './haven.mjs';
import { PASSWORD } from './signin.mjs';

// The sanitizer build's leak check would fail short CLI runs that end by exit().
const env = { ...process.env, ASAN_OPTIONS: `${process.env.ASAN_OPTIONS || ''}:detect_leaks=0` };

function freePort() {
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

// A national instance, not yet serving: migrated, with its master key and exchange keys.
export async function nationalInstance(country, authority) {
  const dir = mkdtempSync(join(tmpdir(), `haven-e2e-${country.toLowerCase()}-`));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const run = (args, input) => execFileSync(binary, args, { cwd: dir, env, input, encoding: 'utf8' });
  const db = ['--db', 'sqlite:var/haven.db'];
  run(['migrate', ...db]);
  run(['keys', 'init', ...db]);
  run(['exchange', 'keys', 'init', '--dir', 'exchange', '--authority', authority, '--country', country,
    '--inbox', `${url}/api/v1/exchange/inbox`]);
  writeFileSync(join(dir, 'identity.json'), run(['exchange', 'keys', 'show', '--dir', 'exchange']));
  let proc;
  let log = '';
  return {
    country, authority, dir, url,
    // A haven subcommand against this instance's database, run in its folder; returns stdout.
    haven: (...args) => run([...args, ...db]),
    // A haven subcommand that takes no database.
    tool: (...args) => run(args),
    addAgency(name, kind) {
      run(['agency', 'add', '--name', name, '--kind', kind, '--country', country, ...db]);
    },
    addUser(username, role, agency) {
      run(['user', 'add', '--username', username, '--role', role, '--agency', agency,
        '--password-stdin', ...db], `${PASSWORD}\n`);
    },
    async start() {
      proc = spawn(binary, ['serve', ...db, '--listen', `127.0.0.1:${port}`], {
        cwd: dir, env: { ...env, HAVEN_EXCHANGE_DIR: 'exchange' }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout.on('data', (d) => { log += d; });
      proc.stderr.on('data', (d) => { log += d; });
      for (let i = 0; i < 400; i++) {
        try {
          if ((await fetch(`${url}/readyz`)).ok) return;
        } catch { /* not up yet */ }
        if (proc.exitCode !== null) throw new Error(`haven (${country}) exited early:\n${log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`haven (${country}) did not become ready:\n${log}`);
    },
    log: () => log,
    async stop() {
      if (proc && proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Each instance adds the other's public identity to its trust list.
export function trustEachOther(a, b) {
  a.tool('exchange', 'trust', 'add', '--dir', 'exchange', '--identity', join(b.dir, 'identity.json'));
  b.tool('exchange', 'trust', 'add', '--dir', 'exchange', '--identity', join(a.dir, 'identity.json'));
}
