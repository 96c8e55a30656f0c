/**
 * The permit-number step as people answer it (blind set 11): the number withheld in a sentence, the name or the
 * phone typed ahead of their step. A permit number always holds a digit; a name or a mobile number is taken for
 * what it is, and the form goes on from there instead of re-asking the number.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

const PROBLEM = 'petugas loket minta uang 300rb supaya berkas izin sy cepat diproses';

describe('the permit-number step', () => {
  it('"no permohonannya sy lupa pak, ada di rumah" withholds the number: the name is asked next', async () => {
    const [, next] = await talk(makeBot(), 'telegram:1101', PROBLEM, 'no permohonannya sy lupa pak, ada di rumah');
    expect(next).toMatch(/Nama Anda/i);
  });

  it('a name typed there is the name; the contact is asked next, then the summary shows the name', async () => {
    const [, contact, summary] = await talk(makeBot(), 'telegram:1102', PROBLEM, 'Nyoman Astawa', 'lewati');
    expect(contact).toMatch(/Nomor HP atau email/i);
    expect(summary).toContain('Nyoman Astawa');
    expect(summary).toMatch(/Kirim pengaduan ini/i);
  });

  it('a mobile number typed there is the contact: the name is asked, then the summary, no second ask for a contact', async () => {
    const [, name, summary] = await talk(makeBot(), 'telegram:1103', PROBLEM, '0813 3745 2210', 'Putu Eka');
    expect(name).toMatch(/Nama Anda/i);
    expect(summary).toContain('0813');
    expect(summary).toMatch(/Kirim pengaduan ini/i);
  });

  it('a permit number is still a permit number, and a word without a digit is still asked again', async () => {
    const [, taken] = await talk(makeBot(), 'telegram:1104', PROBLEM, '503/PBG/2020');
    expect(taken).toMatch(/Nama Anda/i);
    const [, again] = await talk(makeBot(), 'telegram:1105', PROBLEM, 'hmm itu di map biru');
    expect(again).toMatch(/nomor izin atau nomor permohonan/i);
  });
});
