/** Reply → WhatsApp text: bold from templates only; values never turn into formatting; links intact. */
import { describe, expect, it } from 'vitest';
import { escapeWhatsApp, renderWhatsApp } from '../../../../src/channels/whatsapp/render.js';

const WJ = '\u2060';

describe('renderWhatsApp', () => {
  it('renders bold runs as *…* with surrounding spaces outside the markers', () => {
    expect(renderWhatsApp({ parts: [{ text: 'Layanan ' }, { text: ' ditutup ', bold: true }, { text: 'sementara.' }] })).toBe(
      'Layanan  *ditutup* sementara.',
    );
  });

  it('fences *, _, ~ and backticks of interpolated values so WhatsApp shows them literally', () => {
    const out = renderWhatsApp({ parts: [{ text: 'Nama: ' }, { text: '*Made* _Wirawan_ ~x~ `y`' }] });
    expect(out).toBe(`Nama: ${WJ}*${WJ}Made${WJ}*${WJ} ${WJ}_${WJ}Wirawan${WJ}_${WJ} ${WJ}~${WJ}x${WJ}~${WJ} ${WJ}\`${WJ}y${WJ}\`${WJ}`);
    // What a person reads is the same text (the fences are invisible).
    expect(out.replaceAll(WJ, '')).toBe('Nama: *Made* _Wirawan_ ~x~ `y`');
    // No marker is next to a visible character any more, so WhatsApp cannot pair it.
    expect(out).not.toMatch(/(^|[^\u2060])[*_~`]|[*_~`]([^\u2060]|$)/);
  });

  it('escapes a value inside a bold run too (a stray * would end the bold early)', () => {
    expect(renderWhatsApp({ parts: [{ text: 'A*B', bold: true }] })).toBe(`*A${WJ}*${WJ}B*`);
  });

  it('bolds each line of a multi-line bold run (WhatsApp bold does not span lines)', () => {
    expect(renderWhatsApp({ parts: [{ text: 'Senin\nSelasa', bold: true }] })).toBe('*Senin*\n*Selasa*');
  });

  it('leaves links and e-mail addresses untouched', () => {
    const text = 'Lihat https://oss.go.id/informasi/kbli_berbasis_risiko atau tulis ke dpmptsp_tabanan@tabanankab.go.id ya';
    expect(escapeWhatsApp(text)).toBe(text);
    expect(escapeWhatsApp('a_b https://x.id/a_b')).toBe(`a${WJ}_${WJ}b https://x.id/a_b`);
  });

  it('shows the numbered menu as text (options are already in the text)', () => {
    const out = renderWhatsApp({ parts: [{ text: 'Pilih topik:\n\n1. Status\n2. Formulir' }], options: [{ key: '1', label: 'Status' }] });
    expect(out).toBe('Pilih topik:\n\n1. Status\n2. Formulir');
  });
});
