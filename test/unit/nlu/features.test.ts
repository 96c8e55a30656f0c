/** The network's features: ticket numbers as one feature, and the stems the Indonesian stemmer gets wrong. */
import { describe, expect, it } from 'vitest';
import { createFeatureExtractor, TICKET_FEATURE } from '../../../src/nlu/features.js';
import { normalise } from '../../../src/nlu/normalise.js';

const fx = createFeatureExtractor();
const features = (text: string): string[] => Object.keys(fx.features(normalise(text)));

describe('features', () => {
  it.each([
    ['status ADU-7K3M9Q', true],
    ['cek kon-4f8d2a', true],
    ['tiket ABC-12345', true],
    ['kira2 abis galungan buka?', false],
    ['gara-gara covid ya', false],
    ['tiba-tiba tutup', false],
  ])('%j has the ticket feature: %s', (text, ticket) => {
    expect(features(text).includes(TICKET_FEATURE)).toBe(ticket);
  });

  it.each([
    ['berapa', 'berapa'],
    ['brp', 'berapa'],
    ['kemarin', 'kemarin'],
    ['media sosial', 'media'],
    ['menunggu', 'tunggu'],
    ['diterima', 'terima'],
    ['mengirim berkas', 'kirim'],
    ['bertanya', 'tanya'],
    ['keluhan saya', 'keluh'],
    ['menutup', 'tutup'],
  ])('%j keeps the stem %j (not the stemmer\'s "apa", "marin", "dia")', (text, stem) => {
    expect(features(text)).toContain(stem);
  });
});
