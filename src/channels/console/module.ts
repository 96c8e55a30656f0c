/**
 * The console channel module: a chat on stdin/stdout for local use, staff and automated checks. It answers
 * the person at the terminal and cannot message anyone first, so it never offers announcements. It runs when
 * no other channel is configured (`npm start` without tokens) and for `bot chat`.
 */
import { defineChannelModule } from '../../kernel/channel.js';

/** The console. */
export const consoleModule = defineChannelModule({
  name: 'console',
  label: 'Console',
  env: {},
  envHelp: {},
  capabilities: { push: false, buttons: false, maxText: Number.MAX_SAFE_INTEGER },
  // Started by `npm start` only when no other channel is enabled, and by `bot chat`.
  enabled: () => false,
  staffKeys: () => [],
  delivery: () => ({}),
  async create() {
    throw new Error('the console channel is started with its terminal: use `npm start` without tokens or `bot chat`');
  },
});
