/**
 * What virtual citizens say: conversation pieces as people write them (greetings, questions answered in
 * several messages, a whole complaint form ending in "ya", a consultation), strung into one long plan per
 * citizen from a seeded generator. Every citizen's texts carry its own number where the bot repeats them
 * (complaint descriptions, names, questions), so one chat's answers cannot pass for another's.
 */
import type { Rng } from './rng.js';

/** One citizen: a Telegram user and the messages it will send, in order. */
export interface CitizenPlan {
  user: { id: number; first_name: string; username?: string };
  messages: string[];
}

/** A number as letters (names may hold only letters): 1 → "A", 28 → "Ab". */
export function alpha(n: number): string {
  let out = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(97 + ((x - 1) % 26)) + out;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

const NAMES = ['Made', 'Wayan', 'Nyoman', 'Ketut', 'Putu', 'Komang', 'Gede', 'Kadek', 'Ayu', 'Luh'];

const QUESTIONS: readonly (readonly string[])[] = [
  ['kantor tutup ga?'],
  ['formulir imb dmn'],
  ['jam buka kantor'],
  ['sampai kapan tutupnya?'],
  ['cara daftar nib di oss gimana'],
  ['nomor call center berapa'],
  ['menu', '1'],
  ['menu', '4'],
  ['layanan apa yang masih online?'],
  ['terima kasih'],
];

/** A complaint from the first message to the ticket. */
function complaint(n: number, rng: Rng): string[] {
  const what = rng.pick(['izin usaha', 'PBG rumah', 'izin reklame', 'NIB', 'sertifikat standar']);
  const months = rng.int(2, 6);
  return [
    'mau lapor',
    `${what} saya (warga ${n}) sudah ${months} bulan belum selesai padahal berkas sudah lengkap semua`,
    rng.chance(0.5) ? 'lewati' : `503/${n}/DPMPTSP/2026`,
    `${rng.pick(NAMES)} ${alpha(n)}`,
    'lewati',
    'ya',
  ];
}

/** A consultation from the question to its number. */
function consultation(n: number, rng: Rng): string[] {
  const q = rng.pick(['Berapa biaya retribusi PBG rumah', 'Apakah izin usaha mikro perlu sertifikat standar untuk toko', 'Bagaimana cara mengurus izin reklame untuk papan nama']);
  return [`/konsultasi ${q} (pertanyaan warga ${n})?`, 'ya'];
}

/** A long plan: a greeting, then questions, complaints and consultations in random order. */
export function conversationPlan(n: number, id: number, rng: Rng, length: number): CitizenPlan {
  const messages: string[] = [rng.pick(['halo', 'selamat pagi', 'om swastiastu'])];
  while (messages.length < length) {
    const r = rng.next();
    if (r < 0.22) messages.push(...complaint(n, rng));
    else if (r < 0.32) messages.push(...consultation(n, rng));
    else messages.push(...rng.pick(QUESTIONS));
  }
  return { user: { id, first_name: `${rng.pick(NAMES)} ${n}` }, messages };
}

/** Short questions answered in one or two messages (the load phase). */
export function loadPlan(n: number, id: number, rng: Rng, length: number): CitizenPlan {
  const pool = ['halo', 'formulir imb dmn', 'jam buka kantor', 'nomor call center berapa', 'terima kasih', 'selamat siang'];
  return { user: { id, first_name: `Warga ${n}` }, messages: Array.from({ length }, () => rng.pick(pool)) };
}

/** A complaint whose description is exactly `length` UTF-16 units (as Telegram counts), ending in `tail`. */
export function complaintOfLength(n: number, id: number, length: number, tail = ''): CitizenPlan {
  const head = `Izin usaha saya (warga ${n}) belum selesai. `;
  const filler = 'Berkas sudah lengkap & sudah dikirim <dua kali> tapi belum ada kabar. ';
  let text = head;
  while (text.length + tail.length < length) text += filler;
  text = text.slice(0, length - tail.length).replace(/\s+$/, (s) => 'x'.repeat(s.length)) + tail;
  return { user: { id, first_name: `Pelapor ${n}` }, messages: ['mau lapor', text, 'lewati', `Pelapor ${alpha(n)}`, 'lewati', 'ya'] };
}
