/**
 * `bot broadcast send|status|cancel`: the same queue staff reach with /umumkan, /kirim, /siaran and
 * /siaran_batal. The CLI only writes to the store (same DATA_DIR or REDIS_URL as the service); the running
 * service delivers. Without `--yes`, `send` shows the preview and queues nothing.
 */
import { parseArgs } from 'node:util';
import type { App } from '../app.js';
import { statusReply, whenText } from '../features/announcements/report.js';
import { BROADCAST_CHANNELS, BroadcastChannel, MAX_BROADCAST_TEXT } from '../features/announcements/schema.js';
import { parseLocalTime } from '../lib/office-time.js';
import { Translator } from '../kernel/locale.js';
import { replyText } from '../kernel/message.js';

const USAGE = `usage: npm run -s bot -- broadcast <sub>
  send --text TEXT [--channel telegram|whatsapp|all] [--at 2026-12-01T08:00] [--yes]
                   preview (without --yes) or queue an announcement to every subscriber
  status [--id ID] [--json]   progress of a broadcast (the newest by default)
  cancel [--id ID]            stop a running or scheduled broadcast
`;

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Run a `broadcast` subcommand; returns the exit code. */
export async function broadcastCommand(app: App, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      text: { type: 'string' },
      channel: { type: 'string', default: 'all' },
      at: { type: 'string' },
      yes: { type: 'boolean', default: false },
      id: { type: 'string' },
      json: { type: 'boolean', default: false },
      by: { type: 'string', default: 'cli' },
    },
  });
  const t = new Translator(app.locales, 'id');
  const service = app.bot.broadcasts;
  const tz = app.office.timezone;
  const now = new Date();
  switch (sub) {
    case 'send': {
      const text = values.text?.trim();
      if (!text || text.length > MAX_BROADCAST_TEXT) {
        process.stderr.write(`--text is required (1–${MAX_BROADCAST_TEXT} characters)\n${USAGE}`);
        return 2;
      }
      const channel = values.channel ?? 'all';
      const parsedChannel = BroadcastChannel.safeParse(channel);
      if (channel !== 'all' && !parsedChannel.success) {
        process.stderr.write(`--channel must be telegram, whatsapp or all\n`);
        return 2;
      }
      const channels = parsedChannel.success ? [parsedChannel.data] : [...BROADCAST_CHANNELS];
      let scheduledAt: Date | null = null;
      if (values.at) {
        scheduledAt = parseLocalTime(values.at, tz) ?? null;
        if (!scheduledAt || scheduledAt.getTime() <= now.getTime()) {
          process.stderr.write(`--at must be a future time like 2026-12-01T08:00 (office time, ${tz})\n`);
          return 2;
        }
      }
      const audience = await service.audience(channels);
      const when = whenText(t, scheduledAt ? scheduledAt.toISOString() : null, tz);
      if (!values.yes) {
        out(`Preview (${when}):\n\n${text}\n`);
        out(`Recipients: ${channels.map((c) => `${c} ${audience[c]}`).join(', ')}`);
        out('Nothing was queued. Add --yes to send.');
        return 0;
      }
      const b = await service.queue({ text, channels, createdBy: values.by ?? 'cli', scheduledAt }, now);
      out(replyText(t.reply('broadcast.queued', { id: b.id, when, total: channels.reduce((n, c) => n + audience[c], 0) })));
      out(values.json ? JSON.stringify(b) : `id: ${b.id}`);
      return 0;
    }
    case 'status': {
      const b = await service.status(values.id);
      if (!b) {
        out(replyText(t.reply('broadcast.none')));
        return values.id ? 1 : 0;
      }
      const cancel = await service.repo.cancelRequest(b.id);
      if (values.json) out(JSON.stringify({ ...b, cancelRequested: Boolean(cancel) }));
      else out(replyText(statusReply(t, b, tz)) + (cancel && b.status !== 'cancelled' ? ' (pembatalan diminta)' : ''));
      return 0;
    }
    case 'cancel': {
      const b = await service.cancel(values.id, values.by ?? 'cli', now);
      out(replyText(b ? t.reply('broadcast.cancel.done', { id: b.id }) : t.reply('broadcast.cancel.none')));
      return b ? 0 : 1;
    }
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}
