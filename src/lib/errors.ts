/**
 * Typed errors. Each one says what went wrong *and how to fix it*, so an operator reading a log line
 * (or a citizen-facing reply built from it) never has to guess. Modelled on grammY's `GrammyError` /
 * `HttpError` / `BotError` split and Bottender's `invariant` messages that name the env variable.
 */

/** Base class: every error the bot raises on purpose. `hint` is the fix, in one sentence. */
export class LayananError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} — ${hint}`, options);
    this.name = new.target.name;
  }
}

/** One environment variable with a wrong value. */
export interface ConfigIssue {
  variable: string;
  expected: string;
}

/** The environment (or `.env`) is wrong; lists every bad variable by name. */
export class ConfigError extends LayananError {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration: ${issues.map((i) => `${i.variable}: ${i.expected}`).join('; ')}`,
      'fix these variables in the environment or in .env (see .env.example)',
    );
  }
}

/** A data file (office facts, intent corpus, locale) does not match its schema. */
export class DataFileError extends LayananError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid data file ${file}: ${problems.join('; ')}`, `edit ${file} and start again`);
  }
}

/** Why the store failed: it could not be reached or written, or a record read back is not of its shape. */
export type StoreErrorKind = 'unavailable' | 'invalid-record';

/** The key-value store could not be read or written. The turn is abandoned and nothing is acknowledged. */
export class StoreError extends LayananError {
  constructor(
    readonly operation: string,
    cause: unknown,
    readonly kind: StoreErrorKind = 'unavailable',
  ) {
    super(
      `Store ${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      kind === 'invalid-record'
        ? 'the stored record has an old or broken shape: it is replaced or migrated when read by its owner'
        : 'check that DATA_DIR is writable (SQLite) or that REDIS_URL is reachable',
      { cause },
    );
  }
}

/** A message had to go to a channel that does not run in this process (not configured, or it failed to start). */
export class ChannelUnavailable extends LayananError {
  constructor(readonly channel: string) {
    super(`no running channel "${channel}"`, 'enable the channel in the configuration, or wait until it has started');
  }
}

/** A staff request names a record that does not exist (a ticket, a consultation). */
export class NotFoundError extends LayananError {
  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`no ${what} ${id}`, `check the ${what} number`);
  }
}

/** A requested change is not allowed from the record's current state. */
export class ChangeRefused extends LayananError {
  constructor(message: string, hint: string) {
    super(message, hint);
  }
}

/** A chat platform's API answered with an error (Telegram's `ok: false`, a WhatsApp call that threw). */
export class PlatformApiError extends LayananError {
  constructor(
    readonly platform: string,
    readonly method: string,
    readonly code: number,
    readonly description: string,
    /** Seconds to wait before the same call may succeed (Telegram 429 `parameters.retry_after`). */
    readonly retryAfter?: number,
  ) {
    super(`${platform} ${method} failed with ${code}: ${description}`, platformHint(code));
  }
}

function platformHint(code: number): string {
  if (code === 401) return 'the bot token is wrong or revoked: set a valid token';
  if (code === 403) return 'the user blocked the bot or left the chat: stop sending to them';
  if (code === 429) return 'sending too fast: wait retry_after seconds';
  if (code === 409) return 'another poller or a webhook uses this token: run one instance per token';
  return 'see the description from the platform';
}

/** A request never got an answer (DNS, refused, reset, timeout). Usually worth retrying with backoff. */
export class NetworkError extends LayananError {
  constructor(
    readonly platform: string,
    readonly method: string,
    cause: unknown,
  ) {
    super(
      `${platform} ${method} did not get an answer: ${cause instanceof Error ? cause.message : String(cause)}`,
      'check the network or the API root; the call is retried with backoff',
      { cause },
    );
  }
}
