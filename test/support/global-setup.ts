/**
 * Says once, at the top of every run, why the Redis-backed tests skip when they do, so a green run without Redis
 * is never mistaken for a run that tested Redis.
 */
export default function setup(): void {
  if (!process.env.REDIS_URL) {
    process.stderr.write(
      '\n[layanan-bot] REDIS_URL is unset: the Redis-backed tests are skipped (marked "skipped: REDIS_URL unset").\n' +
        '[layanan-bot] CI sets it; locally: REDIS_URL=redis://127.0.0.1:6379 npm test\n\n',
    );
  }
}
