// `npm run bench:start`: how long `npm start` takes from launch to /health/ready answering 200.
//   cold: a new embedded PostgreSQL data folder (initdb, migrations, demo seed), as straight after `npm ci`;
//   warm: the same folder again (the usual restart).
// The server and UI are already built (npm ci builds them), so neither run includes the build.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dataDir = `.data/bench-start-${process.pid}`;

const freePort = () =>
  new Promise((r) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => r(port));
    });
  });

async function startOnce() {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), EMBEDDED_PG_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/scripts/start.js'], { cwd: root, env, stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('npm start exited before it was ready');
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = performance.now() - t0;
  child.kill('SIGTERM');
  await exited;
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = [];
const warm = [];
for (let i = 0; i < runs; i += 1) {
  rmSync(resolve(root, dataDir), { recursive: true, force: true });
  rmSync(resolve(root, `${dataDir}.log`), { force: true });
  cold.push(await startOnce());
  warm.push(await startOnce());
}
rmSync(resolve(root, dataDir), { recursive: true, force: true });
rmSync(resolve(root, `${dataDir}.log`), { force: true });
const fmt = (xs) =>
  `median ${(median(xs) / 1000).toFixed(2)} s (runs: ${xs.map((x) => (x / 1000).toFixed(2)).join(', ')})`;
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
console.log(`cold start (new data folder → ready): ${fmt(cold)}`);
console.log(`warm start (existing data folder → ready): ${fmt(warm)}`);
console.log(`warm/cold ratio: ${(median(warm) / median(cold)).toFixed(2)}`);
