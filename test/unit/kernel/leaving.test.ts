import { describe, expect, it } from 'vitest';
import { leavingWords } from '../../../src/kernel/leaving.js';

describe('leavingWords', () => {
  const inForm = leavingWords({ later: true, extra: ['stop', 'keluar'] });
  const outside = leavingWords();

  it.each([
    'batal',
    '/batal@layanan_bot',
    'eh ga jadi deh',
    'ah ga jadi deh, nanti aja',
    'ga usah deh, gak jadi',
    'gajadi kak makasih',
    'nanti aja deh',
    'maaf kak, tidak jadi',
    'never mind',
    'stop',
    'keluar aja',
    // blind set 9: a lead-in of "tadi", a long reason, the form named, "ntar aja", "sudahlah"
    'eh td gak jadi deh, batal aja. takut nanti urusan ibu sy malah dipersulit',
    'batal aja deh aduannya',
    'sudahlah, tidak usah. batal saja',
    'gk jd deh ntar aja',
    // blind set 10: the reason first, then the cancel
    'eh tp sy takut ketahuan orangnya, gak jadi deh. batal',
    'udh gak jadi ngadu, batal aja',
    // blind set 11: "batalin", two cancel phrases before the reason
    'eh bentar, batalin aja deh gak jadi. takut dipersulit',
    'ga jadi deh batal aja, takut nanti urusan ibu sy malah dipersulit',
    // blind set 14: putting it off, with a reason
    'ntar aja deh min, lg sibuk',
    // blind set 15: not going to complain after all
    'ok, ga jd ngadu deh',
    // blind set 16: "dah", a one-word reason
    'batal aja deh ribet',
    // blind set 19: "udh deh" before it
    'udh deh batal aja',
    // blind set 20: "only asking" is a reason, no new question
    'batal, sy cuma nanya',
  ])('leaves a form: %j', (text) => {
    expect(inForm.test(text)).toBe(true);
  });

  it.each(['ga jadi ke kantor', 'nanti aja saya kirim berkasnya', 'batal nikah', 'jadi', 'stop kirim pesan', '', 'ga jadi, jam buka kantor brp ya', 'batal, sy mau nanya jam buka', 'batal langganan', 'sudah bayar tapi izinnya ga jadi', 'berkas sy ditolak, kenapa batal?', 'nanti aja, kalau sudah ada nomornya saya kirim?'])('is no leaving: %j', (text) => {
    expect(inForm.test(text)).toBe(false);
  });

  it('outside a form, putting off and the form-only words are no cancel', () => {
    expect(outside.test('eh ga jadi deh')).toBe(true);
    expect(outside.test('nanti aja deh')).toBe(false);
    expect(outside.test('stop')).toBe(false);
    expect(outside.test('gak jadi dah')).toBe(true);
  });
});
