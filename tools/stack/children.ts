/**
 * Child processes of the local stack: spawned with output to a log file,
 * tracked so that they never outlive the Node process that started them, and
 * waited on until a readiness probe passes.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { missingTool, tail } from './provision';

export interface Child {
  name: string;
  pid: number;
  logFile: string;
  isRunning(): boolean;
  /** Resolves once the process has exited; never rejects. */
  exited: Promise<void>;
  /** Its stop signal (SIGTERM by default), then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  logFile: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The signal that asks this program for a quick clean stop (SIGTERM unless it means otherwise). */
  stopSignal?: NodeJS.Signals;
}

/** Processes we started that have not exited yet: the only PIDs we ever signal. */
const live = new Set<ChildProcess>();
let hooksInstalled = false;

export async function spawnLogged(name: string, cmd: string, args: string[], opts: SpawnOptions): Promise<Child> {
  installExitHooks();
  const fd = openSync(opts.logFile, 'w'); // one log per run, so its tail is about this run
  let proc: ChildProcess;
  try {
    proc = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', fd, fd],
      detached: false,
    });
  } finally {
    closeSync(fd); // the child holds its own copy
  }
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const pid = await spawned(proc, name, cmd);
  live.add(proc);
  void exited.then(() => live.delete(proc));
  const isRunning = (): boolean => proc.exitCode === null && proc.signalCode === null;
  return {
    name,
    pid,
    logFile: opts.logFile,
    isRunning,
    exited,
    stop: (graceMs = 10_000) => stopProcess(proc, exited, isRunning, graceMs, opts.stopSignal ?? 'SIGTERM'),
  };
}

function spawned(proc: ChildProcess, name: string, cmd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    proc.once('spawn', () => resolve(proc.pid ?? -1));
    proc.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? missingTool(cmd) : new Error(`${name}: cannot start ${cmd}: ${err.message}`));
    });
  });
}

async function stopProcess(
  proc: ChildProcess,
  exited: Promise<void>,
  isRunning: () => boolean,
  graceMs: number,
  signal: NodeJS.Signals,
): Promise<void> {
  if (!isRunning()) return;
  proc.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (isRunning()) proc.kill('SIGKILL');
  await exited;
}

function killAllNow(): void {
  for (const proc of live) {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
}

/**
 * 'exit' covers process.exit() and a drained event loop. A fatal signal skips
 * 'exit', so when nobody else handles SIGINT/SIGTERM/SIGHUP we kill the
 * children and re-raise the signal to keep its default effect. When the host
 * has its own handler (e.g. a graceful shutdown that calls stop()), it decides.
 */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      killAllNow();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

export function logTail(child: Child, lines = 30): string {
  try {
    return tail(readFileSync(child.logFile, 'utf8'), lines);
  } catch {
    return '(no log output)';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Bounds one probe attempt so a hung connection cannot eat the whole startup budget. */
async function attempt(probe: () => Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`probe timed out after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([probe(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Polls `probe` until it resolves. Fails early if the process exits, and on
 * timeout; either way the process is stopped and the error carries the end
 * of its log.
 */
export async function waitUntilReady(child: Child, timeoutMs: number, probe: () => Promise<void>): Promise<void> {
  try {
    await pollUntilReady(child, timeoutMs, probe);
  } catch (err) {
    await child.stop();
    throw err;
  }
}

async function pollUntilReady(child: Child, timeoutMs: number, probe: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no probe completed';
  for (;;) {
    if (!child.isRunning()) throw startFailure(child, 'exited before it was ready');
    try {
      await attempt(probe, Math.max(1_000, Math.min(10_000, deadline - Date.now())));
      return;
    } catch (err) {
      lastError = errorMessage(err);
    }
    if (Date.now() >= deadline) {
      throw startFailure(child, `not ready after ${timeoutMs / 1000} s (last probe error: ${lastError})`);
    }
    await sleep(250);
  }
}

function startFailure(child: Child, what: string): Error {
  return new Error(
    `${child.name} (pid ${child.pid}) ${what}\n--- last lines of ${child.logFile} ---\n${logTail(child)}`,
  );
}
