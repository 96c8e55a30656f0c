/** Webhook JSON → messages and statuses: identity, interactive replies, other numbers, unreadable items. */
import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../../../src/channels/whatsapp-cloud/inbound.js';

const PHONE_ID = '109876543210987';
const envelope = (value: Record<string, unknown>, phoneNumberId = PHONE_ID) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: phoneNumberId }, ...value } }] }],
});

describe('parseWebhook', () => {
  it('keys by the business-scoped id when given, keeps the phone number only when given', () => {
    const both = parseWebhook(envelope({ contacts: [{ wa_id: '6281234500001', user_id: 'ID.42' }], messages: [{ from: '6281234500001', id: 'wamid.A', timestamp: '1764547200', type: 'text', text: { body: 'halo' } }] }), PHONE_ID);
    expect(both.messages[0]?.message).toEqual({ userKey: 'wacloud:ID.42', text: 'halo', phone: '6281234500001', sentAt: new Date(1764547200 * 1000) });
    const phoneOnly = parseWebhook(envelope({ contacts: [{ wa_id: '6281234500001' }], messages: [{ from: '6281234500001', id: 'wamid.B', type: 'text', text: { body: 'halo' } }] }), PHONE_ID);
    expect(phoneOnly.messages[0]?.message.userKey).toBe('wacloud:6281234500001');
    const idOnly = parseWebhook(envelope({ contacts: [{ user_id: 'ID.43' }], messages: [{ from_user_id: 'ID.43', id: 'wamid.C', type: 'text', text: { body: 'halo' } }] }), PHONE_ID);
    expect(idOnly.messages[0]?.message).toEqual({ userKey: 'wacloud:ID.43', text: 'halo' });
  });

  it('turns a pressed button, a picked row and a template quick reply into their option key or label', () => {
    const msg = (id: string, fields: Record<string, unknown>) => ({ from: '6281234500001', id, type: 'interactive', ...fields });
    const batch = parseWebhook(
      envelope({
        messages: [
          msg('w1', { interactive: { type: 'button_reply', button_reply: { id: 'opt:2', title: 'Tidak' } } }),
          msg('w2', { interactive: { type: 'list_reply', list_reply: { id: 'opt:10', title: '10. Langganan' } } }),
          msg('w3', { interactive: { type: 'list_reply', list_reply: { id: 'other', title: 'Jam buka' } } }),
          { from: '6281234500001', id: 'w4', type: 'button', button: { text: 'Cek status', payload: 'x' } },
          { from: '6281234500001', id: 'w5', type: 'reaction', reaction: { emoji: '👍' } },
          { id: 'w6', type: 'text' },
        ],
      }),
      PHONE_ID,
    );
    expect(batch.messages.map((m) => m.message.text)).toEqual(['2', '10', 'Jam buka', 'Cek status']);
    expect(batch.ignored).toEqual(['type reaction', 'no sender id']);
  });

  it('reads statuses with their codes, and ignores other numbers and other fields', () => {
    const batch = parseWebhook(envelope({ statuses: [{ id: 'wamid.X', status: 'failed', timestamp: '1764547200', recipient_id: '62812', errors: [{ code: 131026 }] }, { id: 'wamid.Y', status: 'deleted' }] }), PHONE_ID);
    expect(batch.statuses).toEqual([{ messageId: 'wamid.X', state: 'failed', at: new Date(1764547200 * 1000), codes: [131026] }]);
    expect(parseWebhook(envelope({ messages: [{ from: '62812345678', id: 'w', type: 'text', text: { body: 'x' } }] }, '999'), PHONE_ID).messages).toEqual([]);
    expect(parseWebhook({ object: 'page', entry: [] }, PHONE_ID).ignored).toEqual(['not a WhatsApp Business Account webhook']);
  });
});
