/**
 * The few Graph API calls the channel makes, with plain `fetch` and zod: send a message (`POST
 * /<phone-number-id>/messages`) and look a media id up (`GET /<media-id>`, then its short-lived URL) when
 * staff open an attachment. The token goes in the Authorization header only, never in a URL or a log line.
 */
import { z } from 'zod';
import { NetworkError } from '../../lib/errors.js';
import { CLOUD, graphError } from './errors.js';

/** What Graph answers to a sent message. */
const SendAnswer = z.object({
  contacts: z.array(z.object({ input: z.string().optional(), wa_id: z.string().optional(), user_id: z.string().optional() })).optional(),
  messages: z.array(z.object({ id: z.string().min(1) })).min(1),
});

/** What Graph answers to a media id. */
const MediaAnswer = z.object({ url: z.url(), mime_type: z.string().optional(), file_size: z.number().optional() });
export type MediaInfo = z.infer<typeof MediaAnswer>;

/** Options of {@link GraphClient}. */
export interface GraphOptions {
  apiRoot: string;
  token: string;
  phoneNumberId: string;
  /** Longest wait for one call. */
  timeoutMs?: number;
}

/** A minimal Graph API client. */
export class GraphClient {
  private readonly root: string;
  constructor(private readonly opts: GraphOptions) {
    this.root = opts.apiRoot.replace(/\/+$/, '');
  }

  /**
   * Send one message (the body without `messaging_product`). Resolves with its `wamid`.
   * @throws CloudApiError (Graph answered an error) or NetworkError (no answer).
   */
  async send(body: Record<string, unknown>): Promise<string> {
    const answer = await this.call('messages', `${this.root}/${this.opts.phoneNumberId}/messages`, {
      method: 'POST',
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }),
    });
    const parsed = SendAnswer.safeParse(answer);
    if (!parsed.success) throw graphError('messages', 502, { error: { message: 'unexpected answer to a sent message' } });
    return parsed.data.messages[0]?.id ?? '';
  }

  /** Where media `id` can be downloaded for a few minutes. @throws CloudApiError, NetworkError */
  async media(id: string): Promise<MediaInfo> {
    const answer = await this.call('media', `${this.root}/${encodeURIComponent(id)}`, { method: 'GET' });
    const parsed = MediaAnswer.safeParse(answer);
    if (!parsed.success) throw graphError('media', 502, { error: { message: 'unexpected answer to a media id' } });
    return parsed.data;
  }

  /** Download media from the URL `media()` gave (the token is needed there too). @throws CloudApiError, NetworkError */
  async download(url: string): Promise<Uint8Array> {
    const res = await this.fetch('media', url, { method: 'GET' });
    if (!res.ok) throw graphError('media', res.status, await res.json().catch(() => undefined));
    return new Uint8Array(await res.arrayBuffer());
  }

  private async call(method: string, url: string, init: RequestInit): Promise<unknown> {
    const res = await this.fetch(method, url, init);
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw graphError(method, res.status, body, res.headers.get('retry-after'));
    return body;
  }

  private async fetch(method: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, {
        ...init,
        headers: { authorization: `Bearer ${this.opts.token}`, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      // The cause may hold the URL; only its name is kept.
      throw new NetworkError(CLOUD, method, new Error(err instanceof Error ? `${err.name}${'cause' in err && err.cause instanceof Error ? `: ${err.cause.name}` : ''}` : 'fetch failed'));
    }
  }
}
