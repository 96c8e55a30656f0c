/** whatsapp-web.js Message → InboundMessage: who is answered, with which key, phone and attachments. */
import { describe, expect, it } from 'vitest';
import { chatIdOf, ignoreReason, toInbound } from '../../src/channels/whatsapp/message.js';
import { FakeWhatsAppClient, fakeMessage } from '../support/fake-whatsapp.js';

const client = new FakeWhatsAppClient();

describe('toInbound', () => {
  it('keys a @c.us sender by id and gives the phone number', () => {
    const msg = fakeMessage(client, '6281234567890@c.us', 'halo', { timestamp: 1600000000 });
    expect(toInbound(msg)).toEqual({
      userKey: 'whatsapp:6281234567890@c.us',
      text: 'halo',
      phone: '6281234567890',
      sentAt: new Date(1600000000 * 1000),
      // The message's own id: what makes acting on it twice (a staff answer) detectable.
      messageRef: msg.id._serialized,
    });
  });

  it('keys a @lid sender by id and never makes a phone number of it', () => {
    const m = toInbound(fakeMessage(client, '204938475610234@lid', 'halo'));
    expect(m?.userKey).toBe('whatsapp:204938475610234@lid');
    expect(m && 'phone' in m).toBe(false);
  });

  it.each([
    ['group', '120363041234567890@g.us', {}],
    ['status', 'status@broadcast', { isStatus: true }],
    ['channel', '120363022222222222@newsletter', {}],
    ['broadcast', '1234567890@broadcast', {}],
    ['own message', '6281234567890@c.us', { fromMe: true }],
    ['type reaction', '6281234567890@c.us', { type: 'reaction' }],
  ])('ignores a %s', (reason, from, extra) => {
    const msg = fakeMessage(client, from, 'halo', extra);
    expect(ignoreReason(msg)).toBe(reason);
    expect(toInbound(msg)).toBeUndefined();
  });

  it('maps media types to attachment kinds, with the message id as file id', () => {
    const kinds = ['image', 'video', 'ptt', 'audio', 'document', 'sticker', 'location', 'vcard'].map((type) => {
      const a = toInbound(fakeMessage(client, '6281234567890@c.us', '', { type, hasMedia: type !== 'location' && type !== 'vcard' }))
        ?.attachments?.[0];
      return [a?.kind, a?.fileId !== undefined];
    });
    expect(kinds).toEqual([
      ['photo', true],
      ['video', true],
      ['voice', true],
      ['audio', true],
      ['document', true],
      ['sticker', false],
      ['location', false],
      ['contact', false],
    ]);
  });

  it('keeps a document name and type, and takes no text from a vCard', () => {
    const doc = toInbound(
      fakeMessage(client, '6281234567890@c.us', 'ktp saya', { type: 'document', hasMedia: true, _data: { mimetype: 'application/pdf', filename: 'ktp.pdf' } }),
    );
    expect(doc).toMatchObject({ text: 'ktp saya', attachments: [{ kind: 'document', mimeType: 'application/pdf', fileName: 'ktp.pdf' }] });
    const card = toInbound(fakeMessage(client, '6281234567890@c.us', 'BEGIN:VCARD\nFN:Made\nTEL:0812\nEND:VCARD', { type: 'vcard' }));
    expect(card?.text).toBe('');
  });
});

describe('chatIdOf', () => {
  it('gives the chat id of a WhatsApp person key and nothing for others', () => {
    expect(chatIdOf('whatsapp:6281234567890@c.us')).toBe('6281234567890@c.us');
    expect(chatIdOf('whatsapp:204938475610234@lid')).toBe('204938475610234@lid');
    expect(chatIdOf('whatsapp:120363041234567890@g.us')).toBeUndefined();
    expect(chatIdOf('telegram:123')).toBeUndefined();
  });
});
