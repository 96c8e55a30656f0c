import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReply } from '../../../../src/channels/telegram/render.js';
import { splitSpans, splitText, TELEGRAM_TEXT_LIMIT } from '../../../../src/channels/telegram/split.js';
import { parseTelegramHtml } from '../../../support/fake-telegram.js';

describe('splitText', () => {
  it('leaves a short text whole', () => {
    expect(splitText('Halo, apa kabar?')).toEqual(['Halo, apa kabar?']);
  });

  it('cuts at a paragraph break before a line break, a sentence or a space', () => {
    const para = 'a'.repeat(60);
    const text = `${para}\n\n${'b'.repeat(30)}\n${'c'.repeat(30)}`;
    expect(splitText(text, 100)).toEqual([para, `${'b'.repeat(30)}\n${'c'.repeat(30)}`]);
  });

  it('cuts at a line break when there is no paragraph break', () => {
    expect(splitText(`${'a'.repeat(50)}\n${'b'.repeat(50)}`, 80)).toEqual(['a'.repeat(50), 'b'.repeat(50)]);
  });

  it('cuts after the end of a sentence when there is no line break', () => {
    const text = `${'Kantor tutup sementara. '.repeat(3)}Layanan online tetap jalan seperti biasa`;
    const chunks = splitText(text, 80);
    expect(chunks[0]?.endsWith('.')).toBe(true);
    expect(chunks.join(' ')).toBe(text);
  });

  it('cuts at a space, else hard, never inside a surrogate pair', () => {
    expect(splitText('kata '.repeat(30).trim(), 22).every((c) => c.length <= 22 && !c.startsWith(' '))).toBe(true);
    const emoji = '🙏'.repeat(10); // 20 UTF-16 units
    const chunks = splitText(emoji, 5);
    expect(chunks.join('')).toBe(emoji);
    expect(chunks.every((c) => c.length <= 5 && !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(c))).toBe(true);
  });

  it('splits 10,000 characters of prose into messages under 4096 UTF-16 units, losing no word', () => {
    const sentence = 'Pendaftaran izin usaha dilakukan melalui OSS di oss.go.id, dan NIB terbit otomatis. ';
    const paragraph = `${sentence.repeat(6)}\n`;
    const text = paragraph.repeat(Math.ceil(10_000 / paragraph.length)).slice(0, 10_000);
    const chunks = splitText(text);
    expect(chunks.length).toBe(3);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(chunks.join(' ').split(/\s+/)).toEqual(text.trim().split(/\s+/));
    // Every cut is at a line break (the best boundary available here).
    const spans = splitSpans(text);
    for (const s of spans.slice(0, -1)) expect(text.slice(s.end, s.end + 3)).toMatch(/^[ \t]*\n/);
  });

  it('drops whitespace-only text', () => {
    expect(splitText(' \n\n ')).toEqual([]);
  });
});

describe('renderReply', () => {
  it('escapes & < > in every run and renders bold runs as <b>', () => {
    const [msg] = renderReply({ parts: [{ text: 'Tiket ' }, { text: '<b>&x</b>', bold: true }, { text: ' a < b && c > d' }] });
    expect(msg?.html).toBe('Tiket <b>&lt;b&gt;&amp;x&lt;/b&gt;</b> a &lt; b &amp;&amp; c &gt; d');
    const parsed = parseTelegramHtml(msg?.html ?? '');
    expect(parsed).toEqual({ text: 'Tiket <b>&x</b> a < b && c > d', entities: [{ type: 'bold', offset: 6, length: 9 }] });
  });

  it('leaves MarkdownV2 specials alone (HTML mode needs no escaping of them)', () => {
    expect(escapeHtml('_*[]()~`#+-=|{}.!')).toBe('_*[]()~`#+-=|{}.!');
  });

  it('puts the menu options as buttons under the last chunk only', () => {
    const reply = { parts: [{ text: `${'x'.repeat(50)}\n\n${'y'.repeat(50)}` }], options: [{ key: '1', label: 'Status layanan' }] };
    const msgs = renderReply(reply, 60);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]?.keyboard).toBeUndefined();
    expect(msgs[1]?.keyboard).toEqual({ inline_keyboard: [[{ text: '1. Status layanan', callback_data: 'menu:1' }]] });
  });

  it('keeps bold runs bold across a cut', () => {
    const msgs = renderReply({ parts: [{ text: `${'a'.repeat(30)} ${'b'.repeat(30)}`, bold: true }] }, 40);
    expect(msgs.map((m) => m.html)).toEqual([`<b>${'a'.repeat(30)}</b>`, `<b>${'b'.repeat(30)}</b>`]);
  });
});
