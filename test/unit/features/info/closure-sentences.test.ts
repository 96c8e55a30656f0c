/**
 * Every closure sentence, combination by combination (all / some closed × until a date / undecided with the
 * evaluation note / undecided without it; reopened), in Indonesian and English, written out as a native speaker
 * writes them: the status answer, the "until when" answer and the note under the opening hours.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeFiles } from '../../../../src/app.js';
import * as answers from '../../../../src/features/info/answers.js';
import type { Knowledge } from '../../../../src/kernel/knowledge.js';
import { Translator } from '../../../../src/kernel/locale.js';
import { replyText } from '../../../../src/kernel/message.js';
import { testConfig } from '../../../support/app.js';

const { office, locales } = loadKnowledgeFiles(testConfig());
const none = { normalised: '', entities: { forms: [], services: [] } };

type Scope = 'all' | 'some' | 'reopened';
type Until = 'date' | 'note' | 'undecided';

function knowledge(scope: Scope, until: Until): Knowledge {
  const closedServices = scope === 'all' ? office.closure.closedServices : scope === 'some' ? ['permit', 'field_verification'] : [];
  return {
    office,
    closure: { ...office.closure, closedServices, until: until === 'date' ? '2020-10-05' : null, untilNote: until === 'note' ? office.closure.untilNote : null },
    locales,
    now: new Date('2020-09-21T01:00:00Z'),
    sessionIdleMs: 60_000,
  };
}

const CASES: { scope: Scope; until: Until; lang: 'id' | 'en'; status: string; duration: string; hoursNote: string }[] = [
  {
    scope: 'all', until: 'date', lang: 'id',
    status: "Semua layanan tatap muka DPMPTSP Tabanan ditiadakan sementara sejak 14 September 2020 sampai 5 Oktober 2020:\n• pelayanan perizinan\n• pelayanan non-perizinan\n• verifikasi lapangan\n• pendaftaran OSS\n• konsultasi tatap muka\n• pengaduan tatap muka\nAlasan: Kabupaten Tabanan berstatus zona merah COVID-19 dan menjelang hari raya Galungan.",
    duration: "Saat ini layanan tatap muka ditiadakan sementara sejak 14 September 2020 sampai 5 Oktober 2020. Pengumuman pembukaan kembali akan kami sampaikan. Nomor call center diumumkan di media sosial DPMPTSP Tabanan dan halaman Facebook DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Catatan: saat ini layanan tatap muka ditiadakan sementara sampai 5 Oktober 2020. Layanan online tetap berjalan.",
  },
  {
    scope: 'all', until: 'date', lang: 'en',
    status: "All in-person services of DPMPTSP Tabanan are temporarily closed from 14 September 2020 until 5 October 2020:\n• permit services\n• non-permit services\n• field verification (site surveys)\n• OSS registration\n• in-person consultation\n• in-person complaints\nReason: Tabanan regency is a COVID-19 red zone and the Galungan holiday is near.",
    duration: "At the moment, in-person services are temporarily closed from 14 September 2020 until 5 October 2020. We will announce the reopening. The call center number is announced on DPMPTSP Tabanan's social media and the Facebook page DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Note: at the moment, in-person services are temporarily closed until 5 October 2020. Online services keep running.",
  },
  {
    scope: 'all', until: 'note', lang: 'id',
    status: "Semua layanan tatap muka DPMPTSP Tabanan ditiadakan sementara sejak 14 September 2020 sampai waktu yang belum ditentukan (akan dievaluasi setelah hari raya Galungan dan Kuningan):\n• pelayanan perizinan\n• pelayanan non-perizinan\n• verifikasi lapangan\n• pendaftaran OSS\n• konsultasi tatap muka\n• pengaduan tatap muka\nAlasan: Kabupaten Tabanan berstatus zona merah COVID-19 dan menjelang hari raya Galungan.",
    duration: "Saat ini layanan tatap muka ditiadakan sementara sejak 14 September 2020 sampai waktu yang belum ditentukan (akan dievaluasi setelah hari raya Galungan dan Kuningan). Pengumuman pembukaan kembali akan kami sampaikan. Nomor call center diumumkan di media sosial DPMPTSP Tabanan dan halaman Facebook DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Catatan: saat ini layanan tatap muka ditiadakan sementara sampai waktu yang belum ditentukan (akan dievaluasi setelah hari raya Galungan dan Kuningan). Layanan online tetap berjalan.",
  },
  {
    scope: 'all', until: 'note', lang: 'en',
    status: "All in-person services of DPMPTSP Tabanan are temporarily closed from 14 September 2020 until further notice (to be reviewed after the Galungan and Kuningan holidays):\n• permit services\n• non-permit services\n• field verification (site surveys)\n• OSS registration\n• in-person consultation\n• in-person complaints\nReason: Tabanan regency is a COVID-19 red zone and the Galungan holiday is near.",
    duration: "At the moment, in-person services are temporarily closed from 14 September 2020 until further notice (to be reviewed after the Galungan and Kuningan holidays). We will announce the reopening. The call center number is announced on DPMPTSP Tabanan's social media and the Facebook page DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Note: at the moment, in-person services are temporarily closed until further notice (to be reviewed after the Galungan and Kuningan holidays). Online services keep running.",
  },
  {
    scope: 'all', until: 'undecided', lang: 'id',
    status: "Semua layanan tatap muka DPMPTSP Tabanan ditiadakan sementara sejak 14 September 2020 sampai waktu yang belum ditentukan:\n• pelayanan perizinan\n• pelayanan non-perizinan\n• verifikasi lapangan\n• pendaftaran OSS\n• konsultasi tatap muka\n• pengaduan tatap muka\nAlasan: Kabupaten Tabanan berstatus zona merah COVID-19 dan menjelang hari raya Galungan.",
    duration: "Saat ini layanan tatap muka ditiadakan sementara sejak 14 September 2020 sampai waktu yang belum ditentukan. Pengumuman pembukaan kembali akan kami sampaikan. Nomor call center diumumkan di media sosial DPMPTSP Tabanan dan halaman Facebook DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Catatan: saat ini layanan tatap muka ditiadakan sementara sampai waktu yang belum ditentukan. Layanan online tetap berjalan.",
  },
  {
    scope: 'all', until: 'undecided', lang: 'en',
    status: "All in-person services of DPMPTSP Tabanan are temporarily closed from 14 September 2020 until further notice:\n• permit services\n• non-permit services\n• field verification (site surveys)\n• OSS registration\n• in-person consultation\n• in-person complaints\nReason: Tabanan regency is a COVID-19 red zone and the Galungan holiday is near.",
    duration: "At the moment, in-person services are temporarily closed from 14 September 2020 until further notice. We will announce the reopening. The call center number is announced on DPMPTSP Tabanan's social media and the Facebook page DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Note: at the moment, in-person services are temporarily closed until further notice. Online services keep running.",
  },
  {
    scope: 'some', until: 'date', lang: 'id',
    status: "Sebagian layanan tatap muka DPMPTSP Tabanan ditiadakan sementara sejak 14 September 2020 sampai 5 Oktober 2020:\n• pelayanan perizinan\n• verifikasi lapangan\nLayanan tatap muka lainnya tetap buka seperti biasa.\nAlasan: Kabupaten Tabanan berstatus zona merah COVID-19 dan menjelang hari raya Galungan.",
    duration: "Saat ini layanan tatap muka untuk pelayanan perizinan dan verifikasi lapangan ditiadakan sementara sejak 14 September 2020 sampai 5 Oktober 2020. Pengumuman pembukaan kembali akan kami sampaikan. Nomor call center diumumkan di media sosial DPMPTSP Tabanan dan halaman Facebook DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Catatan: saat ini layanan tatap muka untuk pelayanan perizinan dan verifikasi lapangan ditiadakan sementara sampai 5 Oktober 2020. Layanan online tetap berjalan.",
  },
  {
    scope: 'some', until: 'date', lang: 'en',
    status: "Some in-person services of DPMPTSP Tabanan are temporarily closed from 14 September 2020 until 5 October 2020:\n• permit services\n• field verification (site surveys)\nThe other in-person services are open as usual.\nReason: Tabanan regency is a COVID-19 red zone and the Galungan holiday is near.",
    duration: "At the moment, in-person permit services and field verification (site surveys) are temporarily closed from 14 September 2020 until 5 October 2020. We will announce the reopening. The call center number is announced on DPMPTSP Tabanan's social media and the Facebook page DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Note: at the moment, in-person permit services and field verification (site surveys) are temporarily closed until 5 October 2020. Online services keep running.",
  },
  {
    scope: 'some', until: 'note', lang: 'id',
    status: "Sebagian layanan tatap muka DPMPTSP Tabanan ditiadakan sementara sejak 14 September 2020 sampai waktu yang belum ditentukan (akan dievaluasi setelah hari raya Galungan dan Kuningan):\n• pelayanan perizinan\n• verifikasi lapangan\nLayanan tatap muka lainnya tetap buka seperti biasa.\nAlasan: Kabupaten Tabanan berstatus zona merah COVID-19 dan menjelang hari raya Galungan.",
    duration: "Saat ini layanan tatap muka untuk pelayanan perizinan dan verifikasi lapangan ditiadakan sementara sejak 14 September 2020 sampai waktu yang belum ditentukan (akan dievaluasi setelah hari raya Galungan dan Kuningan). Pengumuman pembukaan kembali akan kami sampaikan. Nomor call center diumumkan di media sosial DPMPTSP Tabanan dan halaman Facebook DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Catatan: saat ini layanan tatap muka untuk pelayanan perizinan dan verifikasi lapangan ditiadakan sementara sampai waktu yang belum ditentukan (akan dievaluasi setelah hari raya Galungan dan Kuningan). Layanan online tetap berjalan.",
  },
  {
    scope: 'some', until: 'note', lang: 'en',
    status: "Some in-person services of DPMPTSP Tabanan are temporarily closed from 14 September 2020 until further notice (to be reviewed after the Galungan and Kuningan holidays):\n• permit services\n• field verification (site surveys)\nThe other in-person services are open as usual.\nReason: Tabanan regency is a COVID-19 red zone and the Galungan holiday is near.",
    duration: "At the moment, in-person permit services and field verification (site surveys) are temporarily closed from 14 September 2020 until further notice (to be reviewed after the Galungan and Kuningan holidays). We will announce the reopening. The call center number is announced on DPMPTSP Tabanan's social media and the Facebook page DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Note: at the moment, in-person permit services and field verification (site surveys) are temporarily closed until further notice (to be reviewed after the Galungan and Kuningan holidays). Online services keep running.",
  },
  {
    scope: 'some', until: 'undecided', lang: 'id',
    status: "Sebagian layanan tatap muka DPMPTSP Tabanan ditiadakan sementara sejak 14 September 2020 sampai waktu yang belum ditentukan:\n• pelayanan perizinan\n• verifikasi lapangan\nLayanan tatap muka lainnya tetap buka seperti biasa.\nAlasan: Kabupaten Tabanan berstatus zona merah COVID-19 dan menjelang hari raya Galungan.",
    duration: "Saat ini layanan tatap muka untuk pelayanan perizinan dan verifikasi lapangan ditiadakan sementara sejak 14 September 2020 sampai waktu yang belum ditentukan. Pengumuman pembukaan kembali akan kami sampaikan. Nomor call center diumumkan di media sosial DPMPTSP Tabanan dan halaman Facebook DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Catatan: saat ini layanan tatap muka untuk pelayanan perizinan dan verifikasi lapangan ditiadakan sementara sampai waktu yang belum ditentukan. Layanan online tetap berjalan.",
  },
  {
    scope: 'some', until: 'undecided', lang: 'en',
    status: "Some in-person services of DPMPTSP Tabanan are temporarily closed from 14 September 2020 until further notice:\n• permit services\n• field verification (site surveys)\nThe other in-person services are open as usual.\nReason: Tabanan regency is a COVID-19 red zone and the Galungan holiday is near.",
    duration: "At the moment, in-person permit services and field verification (site surveys) are temporarily closed from 14 September 2020 until further notice. We will announce the reopening. The call center number is announced on DPMPTSP Tabanan's social media and the Facebook page DPMPTSP Kabupaten Tabanan.",
    hoursNote: "Note: at the moment, in-person permit services and field verification (site surveys) are temporarily closed until further notice. Online services keep running.",
  },
  {
    scope: 'reopened', until: 'date', lang: 'id',
    status: "Saat ini semua layanan DPMPTSP Tabanan buka seperti biasa. Ketik jam untuk melihat jam layanan.",
    duration: "Saat ini semua layanan DPMPTSP Tabanan buka seperti biasa. Ketik jam untuk melihat jam layanan.",
    hoursNote: "Jam layanan DPMPTSP Tabanan:\n• Senin–Kamis: 08:00–15:00 WITA (istirahat 12:00–13:00)\n• Jumat: 08:00–12:00 WITA",
  },
  {
    scope: 'reopened', until: 'date', lang: 'en',
    status: "All services of DPMPTSP Tabanan are open as usual now. Type hours to see the opening hours.",
    duration: "All services of DPMPTSP Tabanan are open as usual now. Type hours to see the opening hours.",
    hoursNote: "Opening hours of DPMPTSP Tabanan:\n• Monday–Thursday: 08:00–15:00 WITA (break 12:00–13:00)\n• Friday: 08:00–12:00 WITA",
  },
];

describe('closure sentences, every combination', () => {
  it.each(CASES)('$scope closed, until $until ($lang)', ({ scope, until, lang, status, duration, hoursNote }) => {
    const k = knowledge(scope, until);
    const t = new Translator(locales, lang);
    expect(replyText(answers.closureStatus(t, k, none)[0] ?? { parts: [] })).toBe(status);
    expect(replyText(answers.closureDuration(t, k, none)[0] ?? { parts: [] })).toBe(duration);
    expect(replyText(answers.officeHours(t, k, none).at(-1) ?? { parts: [] })).toBe(hoursNote);
  });

  it('never glues the undecided note onto a comma or says "Layanan pelayanan"', () => {
    for (const c of CASES) {
      for (const text of [c.status, c.duration, c.hoursNote]) {
        expect(text).not.toMatch(/, belum ditentukan|, not decided|closed since|Layanan pelayanan/);
      }
    }
  });

  it('lists what still works online under its own name (not "konsultasi tatap muka")', () => {
    const t = new Translator(locales, 'id');
    const online = replyText(answers.closureStatus(t, knowledge('all', 'note'), none)[1] ?? { parts: [] });
    expect(online).toContain('• konsultasi: tanyakan di chat ini');
    expect(online).not.toContain('tatap muka:');
  });
});
