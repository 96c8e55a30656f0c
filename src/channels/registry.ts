/**
 * The registry of channel modules: one line per platform. Configuration, start-up, the staff directory,
 * broadcast lanes, audience counts and the `ke <channel>` grammar all loop over this list; nothing else in
 * the core names a platform. To add a channel: a folder with the same file set as the others, one line here.
 */
import type { ChannelModule } from '../kernel/channel.js';
import { consoleModule } from './console/module.js';
import { telegramModule } from './telegram/module.js';
import { whatsappModule } from './whatsapp/module.js';
import { whatsappCloudModule } from './whatsapp-cloud/module.js';

/** Every channel module, in the order their names are shown. */
export const CHANNEL_MODULES = [telegramModule, whatsappModule, whatsappCloudModule, consoleModule] as const;

/** A module of the registry, with its environment type erased (the configuration holds every module's variables). */
export type AnyChannelModule = (typeof CHANNEL_MODULES)[number];

/** The module named `name`. */
export function channelModule(name: string): ChannelModule | undefined {
  return (CHANNEL_MODULES as readonly ChannelModule[]).find((m) => m.name === name);
}
