/**
 * What it takes to come back after WhatsApp or Chromium goes away: an exponential, capped, jittered delay
 * between attempts, and a Chromium profile freed from a dead browser's lock. A Chromium killed mid-run
 * leaves `SingletonLock` (a link to `host-pid`), `SingletonCookie` and `SingletonSocket` in its profile,
 * and the next launch fails with "The browser is already running" (PITFALLS WhatsApp 4).
 */
import { readFileSync } from 'node:fs';
import { readlink, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

// The backoff lives in src/time.ts (shared with the channel supervisor); re-exported for this module's users.
export { backoffDelay, DEFAULT_BACKOFF, type Backoff } from '../../lib/time.js';

/** The lock files Chromium keeps in a profile directory. */
export const PROFILE_LOCKS = ['SingletonLock', 'SingletonCookie', 'SingletonSocket'] as const;

/** Outcome of {@link clearStaleProfileLock}. */
export interface LockCleanup {
  /** Lock files removed. */
  removed: string[];
  /** Set when a live Chromium on this host holds the profile: nothing was removed. */
  heldByPid?: number;
}

/** Whether `pid` is a running Chromium (on Linux by its process name; elsewhere: any live process). */
function isLiveBrowser(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive but someone else's; treat as held rather than break a running browser.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return /chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Remove a dead Chromium's lock from `profileDir` (the LocalAuth session folder). A lock held by a live
 * Chromium on this host is left alone (another process uses the session: removing it would let two browsers
 * write one profile). Missing files or folder are fine.
 */
export async function clearStaleProfileLock(profileDir: string): Promise<LockCleanup> {
  let target: string | undefined;
  try {
    target = await readlink(join(profileDir, 'SingletonLock'));
  } catch {
    target = undefined;
  }
  if (target !== undefined) {
    const m = /^(.*)-(\d+)$/.exec(target);
    const pid = m?.[2] ? Number(m[2]) : undefined;
    if (m && m[1] === hostname() && pid !== undefined && isLiveBrowser(pid)) {
      return { removed: [], heldByPid: pid };
    }
  }
  const removed: string[] = [];
  for (const name of PROFILE_LOCKS) {
    const file = join(profileDir, name);
    try {
      await readlink(file);
    } catch (err) {
      // Not a link (or absent): Chromium's locks are always links, so only absent files are skipped.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
    }
    await rm(file, { force: true });
    removed.push(name);
  }
  return { removed };
}
