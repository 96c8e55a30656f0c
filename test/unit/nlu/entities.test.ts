import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadOffice } from '../../../src/kernel/office.js';
import { createEntityFinder } from '../../../src/nlu/entities.js';
import { normalise } from '../../../src/nlu/normalise.js';

const office = loadOffice(fileURLToPath(new URL('../../../offices/tabanan.json', import.meta.url)));
const find = createEntityFinder(office, normalise);
const entities = (text: string): { forms: string[]; services: string[] } => find(normalise(text));
const form = (acronymOrWord: string): string => {
  const f = office.forms.find((x) => x.name.includes(acronymOrWord));
  if (!f) throw new Error(`no form ${acronymOrWord} in the office data`);
  return f.name;
};

describe('entities: the permits a message names', () => {
  it.each<[string, string[]]>([
    ['formulir imb dmn', [form('PBG')]],
    ['imb', [form('PBG')]],
    ['pormulir ijin mendirikan bangunan', [form('PBG')]],
    ['izin mendirikan bangnan', [form('PBG')]],
    ['persetujuan bangunan gdung', [form('PBG')]],
    ['mau bangun rumah perlu apa', [form('PBG')]],
    ['form pbg sm siup', [form('PBG'), form('SIUP')]],
    ['siup dulu baru reklame', [form('SIUP'), form('Reklame')]],
    ['reklamenya gmn', [form('Reklame')]],
    ['pasang baliho perlu izin?', [form('Reklame')]],
    ['formulir sip dokter gigi', [form('SIP')]],
    ['ijin praktek bidan', [form('SIP')]],
    ['izin homestay', [form('TDUP')]],
    ['tanda daftar usaha pariwisata', [form('TDUP')]],
    ['izin apotik', [form('Apotek')]],
    ['buka minimarket', [form('Swalayan')]],
    ['surat keterangan rencana kota', [form('KRK')]],
    ['kapan buka lagi', []],
    ['sip', []],
    ['sip min makasih', []],
    ['', []],
  ])('%j', (text, forms) => {
    expect(entities(text).forms).toEqual(forms);
  });
});

describe('entities: the services a message names', () => {
  it.each<[string, string[]]>([
    ['verifkasi lapangan kapan', ['field_verification']],
    ['survey lokasi msh ada?', ['field_verification']],
    ['registrasi oss', ['oss']],
    ['bikin nib', ['oss']],
    ['perijinan tutup?', ['permit']],
    ['non perizinan buka ga', ['non_permit']],
    ['konsultasi tatap muka', ['consultation']],
    ['pengaduan langsung bisa?', ['complaints']],
    ['oss dan konsultasi', ['oss', 'consultation']],
    ['cuaca besok', []],
  ])('%j', (text, services) => {
    expect(entities(text).services).toEqual(services);
  });
});
