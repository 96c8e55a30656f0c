/**
 * Cheap per-message language guess (reply locale): Indonesian unless the message is clearly
 * English. Works on normalised tokens; costs one Set lookup per token.
 */
import type { Language } from './types.js';

// Words that are English and not Indonesian (or Indonesian slang) — "is", "the", "open"... Loanwords Indonesians
// write in Indonesian sentences ("status", "online", "email", "update", "staff", "tiket") are left out.
const EN = new Set(
  ('the a an is are was were be am do does did can could will would should what when where why how which who ' +
    'i you my your me we our us it its this that there these those to for of in on at with from and or but not ' +
    'please thanks thank hello hey good morning afternoon evening night bye goodbye office open opening closed ' +
    'close closure hours hour time permit permits license licence form forms complaint complain report registration ' +
    'register apply application still until long reopen service services help need want get number phone ' +
    'address contact page why site inspection field visit check subscribe ' +
    'unsubscribe stop messages notify notifications again anymore today tomorrow week day days any some much many ' +
    'have has had if so just only also about business id card weather joke football price recipe')
    .split(' '),
);
// Frequent standard Indonesian words (after normalisation, so slang has already become these).
const ID = new Set(
  ('yang apa kapan dimana bagaimana berapa kenapa mengapa tidak saya aku kami kita mau ingin bisa ada izin ' +
    'kantor buka tutup sampai masih sudah belum dan di ke dari untuk dengan ini itu mohon tolong admin bapak ibu ' +
    'bli mbok terima kasih layanan pelayanan formulir pengaduan aduan cara urus daftar lagi juga saja dong ya ' +
    'kak min nya sih kok deh hari jam besok sekarang berapa lama kalau tapi atau karena om swastiastu suksma ' +
    'rahajeng semeng selamat pagi siang sore malam permisi halo hai minta tanya info lewat sama kirim lokasi ' +
    'terus cek biaya syarat berkas petugas loket nomor apakah mana bantu urus pakai lupa gimana tiket kenapa ' +
    'lama baru sudah pernah punya harus perlu bikin buat belum kok')
    .split(' '),
);

/**
 * Guess the language of normalised tokens. Short or ambiguous messages are Indonesian:
 * English needs at least two English markers and more English than Indonesian ones.
 * @param tokens normalised tokens (see `normalise`)
 */
export function detectLanguage(tokens: readonly string[]): Language {
  let en = 0;
  let id = 0;
  for (const t of tokens) {
    if (EN.has(t)) en += 1;
    else if (ID.has(t)) id += 1;
  }
  return en >= 2 && en > id ? 'en' : 'id';
}
