/**
 * The bot as a real child process: `node dist/main.js` (what `npm start` runs once dist/ is built), configured
 * only through its environment, logs (JSON lines on stderr) kept in a file per start. Ready when it logs
 * "telegram receiving" (getMe done, commands set, polling started or webhook set). `kill9()` is a SIGKILL,
 * no goodbye; `stop()` is the SIGTERM a supervisor sends. Every start registers its kill for cleanup.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupEpoch, onCleanup } from './cleanup.js';

export const ROOT = new URL('../..', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist/main.js');
const CLI = join(ROOT, 'dist/cli/index.js');

/** The environment a soak bot gets: nothing inherited but PATH and HOME (no .env, no REDIS_URL by accident). */
export function baseEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LOG_LEVEL: 'info',
    LOG_PSEUDONYM_KEY: 'soak-pseudonym-key-0123456789abcdef0123456789',
    ...extra,
  };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** We killed it (SIGKILL or SIGTERM), as opposed to it ending by itself. */
  ours: boolean;
  at: number;
}

export class BotProcess {
  starts = 0;
  kills = 0;
  /** When each SIGKILL was sent, and when each start was ready (epoch ms). */
  readonly killedAt: number[] = [];
  readonly readyAt: number[] = [];
  /**
   * Starts whose Telegram channel failed to start (logged "channel failed to start; retrying"): the process runs
   * but receives nothing until the channel's retry succeeds. Counted, with the first error seen.
   */
  deafStarts = 0;
  deafReason: string | undefined;
  /** Exits we did not cause (a crash, exit 2 at start-up). */
  readonly ownExits: Exit[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<Exit> | undefined;
  private killing = false;
  private unregister: (() => void) | undefined;
  lastLog = '';
  /** Every start's log file. */
  readonly logFiles: string[] = [];
  private readonly epoch = cleanupEpoch();

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Start and wait until it receives updates; rejects (and kills it) when it is not ready in `timeoutMs`. */
  async start(timeoutMs = 30_000): Promise<number> {
    if (this.child) throw new Error(`${this.name} already running`);
    if (this.epoch !== cleanupEpoch()) throw new Error(`${this.name}: its scenario was cleaned up`);
    this.starts += 1;
    this.killing = false;
    const began = Date.now();
    const logFile = join(this.logDir, `${this.name}-${String(this.starts).padStart(3, '0')}.log`);
    this.lastLog = logFile;
    this.logFiles.push(logFile);
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const pid = child.pid;
    this.unregister = onCleanup(
      `kill ${this.name}`,
      () => this.kill9(),
      () => {
        if (pid) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Gone already.
          }
        }
      },
    );
    child.stdout?.pipe(log, { end: false });
    let ready: (how: 'ready' | 'deaf') => void = () => undefined;
    let buffer = '';
    let deaf = false;
    const readyPromise = new Promise<'ready' | 'deaf'>((resolve) => (ready = resolve));
    child.stderr?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffer += chunk.toString('utf8');
      if (buffer.includes('"telegram receiving"')) {
        ready('ready');
        buffer = '';
      } else if (!deaf && buffer.includes('"channel failed to start; retrying"')) {
        deaf = true;
        this.deafStarts += 1;
        const line = buffer.split('\n').find((l) => l.includes('"channel failed to start; retrying"'));
        try {
          this.deafReason ??= (JSON.parse(line ?? '') as { err?: { message?: string } }).err?.message;
        } catch {
          // A line cut by the chunking: the count is what matters.
        }
        ready('deaf');
      } else if (buffer.length > 100_000) buffer = buffer.slice(-1000);
    });
    this.exited = new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => {
        const exit = { code, signal, ours: this.killing, at: Date.now() };
        if (!exit.ours) this.ownExits.push(exit);
        if (this.child === child) this.child = undefined;
        this.unregister?.();
        // Let the last log lines land before the file is closed.
        setImmediate(() => log.end());
        resolve(exit);
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      readyPromise,
      this.exited.then(() => 'exited' as const),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (outcome === 'ready' || outcome === 'deaf') {
      this.readyAt.push(Date.now());
      return Date.now() - began;
    }
    if (outcome === 'timeout') await this.kill9();
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-6).join('\n');
    throw new Error(`${this.name} did not start (${outcome}); last log lines (${logFile}):\n${tail}`);
  }

  /** SIGKILL, and wait until it is gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.killing = true;
    this.kills += 1;
    this.killedAt.push(Date.now());
    child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (a supervisor's stop), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<Exit | undefined> {
    const child = this.child;
    if (!child) return undefined;
    this.killing = true;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([this.exited, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), graceMs)))]);
    clearTimeout(timer);
    if (done) return done;
    child.kill('SIGKILL');
    return this.exited;
  }

  /** Resolves when the process ends by itself (or after a kill). */
  get exit(): Promise<Exit> | undefined {
    return this.exited;
  }
}

/** The project's CLI against the same store (`npm run -s bot -- …`, compiled): its stdout; rejects with its stderr. */
export function cli(env: Record<string, string>, args: string[], timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...env, LOG_LEVEL: 'error' }, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`bot ${args.join(' ')} failed (${err.message.split('\n')[0]}): ${stderr.slice(-500)}`));
      else resolve(stdout);
    });
  });
}

/** How many log lines of these bots say `msg` (and, if given, whose error message contains `err`). */
export function logCount(bots: readonly BotProcess[], msg: string, err?: string): number {
  let n = 0;
  for (const file of bots.flatMap((b) => b.logFiles)) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (!line.includes(`"msg":"${msg}"`)) continue;
      if (err !== undefined && !line.includes(err)) continue;
      n += 1;
    }
  }
  return n;
}
