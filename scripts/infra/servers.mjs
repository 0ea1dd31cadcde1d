import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { SEARCH_ATTRIBUTES } from './paths.mjs';

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function tcpOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function portInUse(port) {
  return tcpOpen(port);
}

export async function waitFor(check, { timeoutMs = 60_000, intervalMs = 200, what = 'server' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not become ready within ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function httpOk(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * A child process whose output goes to a log file (or the terminal), stopped with `stopSignal`
 * (SIGTERM unless told) and, after `graceMs`, SIGKILL. `uid` and `gid` run it as another user.
 */
export function startProcess(name, command, args, { env = process.env, logFile, cwd, uid, gid, stopSignal = 'SIGTERM' } = {}) {
  const child = spawn(command, args, { env, cwd, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] });
  if (logFile) {
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  } else {
    child.stdout.on('data', (chunk) => process.stdout.write(chunk));
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
  }
  let exited = false;
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );
  return {
    name,
    child,
    exit,
    get exited() {
      return exited;
    },
    async stop(graceMs = 10_000) {
      if (exited) return;
      child.kill(stopSignal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
    kill() {
      if (!exited) child.kill('SIGKILL');
      return exit;
    },
  };
}

/** `temporal server start-dev` on loopback with on-disk state, WAL and our search attributes. */
export async function startTemporal(options) {
  // A port of ours taken between freePort() and the server's bind (by any process's outgoing
  // connection) makes it exit at once: start again, with fresh metrics and HTTP ports.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startTemporalOnce(options);
    } catch (err) {
      if (attempt >= 3 || !/address already in use/i.test(err.message)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

async function startTemporalOnce({ bin, port, uiPort, dbFile, headless = false, logFile }) {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--db-filename',
    dbFile,
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    // The worker asks for eager activity dispatch; the server grants it only with this on (B3).
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    '--log-level',
    'warn',
    '--log-format',
    'json',
    ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([key, type]) => ['--search-attribute', `${key}=${type}`]),
    ...(headless ? ['--headless'] : ['--ui-ip', '127.0.0.1', '--ui-port', String(uiPort)]),
    '--metrics-port',
    String(await freePort()),
    '--http-port',
    String(await freePort()),
  ];
  const server = startProcess('temporal', bin, args, { logFile, env: { ...process.env, TEMPORAL_DISABLE_UPDATE_CHECK: '1' } });
  const address = `127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (server.exited) throw new Error(`temporal exited early; see ${logFile ?? 'its output'}${logTail(logFile)}`);
      return (await tcpOpen(port)) && (await namespaceReady(bin, address));
    },
    { what: 'Temporal dev server', timeoutMs: 90_000, intervalMs: 300 },
  );
  return { ...server, address };
}

/** The last lines of a log file, for an error message (a test may delete the file afterwards). */
export function logTail(logFile, lines = 8) {
  if (!logFile || !existsSync(logFile)) return '';
  const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  return tail === '' ? '' : `; it ended with:\n${tail}`;
}

function namespaceReady(bin, address) {
  return new Promise((resolve) => {
    const child = spawn(bin, ['operator', 'namespace', 'describe', '--namespace', 'default', '--address', address], {
      stdio: 'ignore',
    });
    child.on('exit', (code) => resolve(code === 0));
    child.on('error', () => resolve(false));
  });
}
