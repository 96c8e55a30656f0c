/**
 * Causes found in blind set 10, through the real app (classifier, office data, in-memory store): money asked at a
 * site visit, a refusal without a reason, "tolong dicatat", a short "mau lapor", withholding a permit number with
 * its reason, leaving with the reason first, unsubscribing as people say it, a person rather than the bot, staff
 * away, land certificates referred, a wave.
 */
import { describe, expect, it } from 'vitest';
import { makeBot, talk } from '../support/app.js';

describe('complaints as people tell them', () => {
  it('money asked by a field officer at the site visit is a complaint, and the form runs to its summary', async () => {
    const bot = makeBot();
    const [first, permit, name, contact] = await talk(bot, 'telegram:1001', 'petugas lapangan minta uang bensin 150rb pas survei lokasi tanah sy', 'lewati', 'lewati', 'lewati');
    expect(first).toMatch(/pengaduan Anda saya catat/i);
    expect(permit).toMatch(/Nama Anda/i);
    expect(name).toMatch(/Nomor HP atau email/i);
    expect(contact).toMatch(/Kirim pengaduan ini/i);
  });

  it('"tolong dicatat: …" and a permit refused without a reason are complaints', async () => {
    const bot = makeBot();
    const [recorded] = await talk(bot, 'telegram:1002', 'tolong dicatat: sudah 3 kali email ke kantor soal izin gak pernah dibalas');
    expect(recorded).toMatch(/pengaduan/i);
    const [refused] = await talk(makeBot(), 'telegram:1003', 'izin usaha sy ditolak terus tanpa alasan, padahal berkas lengkap');
    expect(refused).toMatch(/pengaduan/i);
  });

  it('"nomornya gak ada, wkt itu blm daftar" withholds the permit number and goes on to the name', async () => {
    const bot = makeBot();
    const [, skipped] = await talk(bot, 'telegram:1004', 'mau komplain, petugas loket tidak sopan waktu sy tanya syarat', 'nomornya gak ada, wkt itu blm sempet daftar');
    expect(skipped).toMatch(/Nama Anda/i);
  });

  it('leaving with the reason first leaves the form', async () => {
    const bot = makeBot();
    const [, left] = await talk(bot, 'telegram:1005', 'mau komplain', 'eh tp sy takut ketahuan orangnya, gak jadi deh. batal');
    expect(left).toMatch(/dibatalkan/i);
  });
});

describe('the announcements and a person', () => {
  it('"yaudah stop aja langganannya" unsubscribes', async () => {
    const bot = makeBot();
    await bot.subscriptions.set('telegram:1006', true, 'test', new Date());
    await talk(bot, 'telegram:1006', 'yaudah stop aja langganannya, sy pantau fb aja');
    expect((await bot.subscriptions.get('telegram:1006'))?.subscribed).toBe(false);
  });

  it('"gak mau sama robot, mau ngomong sama orang beneran" asks for the question for staff', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1007', 'sy gak mau sama robot, mau ngomong sama orang beneran');
    expect(answer).toMatch(/pertanyaan/i);
    expect(answer).toMatch(/petugas/i);
  });

  it('staff away is answered with who comes in, not a complaint form', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1008', 'pantesan lama, pegawainya pada libur semua ya?');
    expect(answer).toContain('25%');
    expect(answer).not.toMatch(/pengaduan Anda saya catat/i);
  });
});

describe('other agencies and emoji', () => {
  it('a land certificate is referred to the Land Office', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1009', 'mau balik nama sertifikat tanah warisan, ngurusnya di sini juga?');
    expect(answer).toContain('BPN');
  });

  it('a wave is greeted', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1010', '👋');
    expect(answer).not.toMatch(/belum paham/i);
  });
});

describe('in the middle of a form, and reports for other agencies', () => {
  it('a plain question at the description step is answered, then the description asked again', async () => {
    const bot = makeBot();
    const [, answer] = await talk(bot, 'telegram:1011', 'pengaduan', 'eh btw kantor buka jam brp ya hari ini?');
    expect(answer).toMatch(/08[.:]00|Senin/);
    expect(answer).toMatch(/Ceritakan apa yang terjadi/i);
  });

  it('"mau lapor ktp el sy blm jadi2" is referred to Disdukcapil, no complaint form opened', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1012', 'mau lapor ktp el sy blm jadi2 udh 3 bulan');
    expect(answer).toContain('Disdukcapil');
    expect(answer).not.toMatch(/pengaduan Anda saya catat/i);
  });

  it('"kok blm ada tindak lanjut, sy mau ngomong sm petugasnya aja" asks for the question for staff', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1013', 'kok blm ada tindak lanjut, sy mau ngomong sm petugasnya aja');
    expect(answer).toMatch(/pertanyaan/i);
    expect(answer).not.toMatch(/nomor tiket/i);
  });
});

describe('blind set 12: undoing, follow-ups of a referral, a ticket found', () => {
  it('"eh ga jadi deh, berhenti aja" right after subscribing undoes the subscription', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:1201', 'langganan');
    await bot.app.idle();
    expect((await bot.subscriptions.get('telegram:1201'))?.subscribed).toBe(true);
    const [undone] = await talk(bot, 'telegram:1201', 'eh ga jadi deh, berhenti aja');
    await bot.app.idle();
    expect(undone).not.toMatch(/tidak ada yang perlu dibatalkan/i);
    expect((await bot.subscriptions.get('telegram:1201'))?.subscribed).toBe(false);
  });

  it('"batal" once another answer came between says there is nothing to cancel, and keeps the subscription', async () => {
    const bot = makeBot();
    const [, , later] = await talk(bot, 'telegram:1202', 'langganan', 'kapan buka lagi?', 'batal');
    await bot.app.idle();
    expect(later).toMatch(/tidak ada yang perlu dibatalkan/i);
    expect((await bot.subscriptions.get('telegram:1202'))?.subscribed).toBe(true);
  });

  it('"terus BPJS ketenagakerjaan jg?" after a referral is referred too', async () => {
    const bot = makeBot();
    const [, bpjs] = await talk(bot, 'telegram:1203', 'ngurus ktp hilang dimana ya', 'terus BPJS ketenagakerjaan jg?');
    expect(bpjs).toContain('BPJS');
  });

  it('a ticket number with a few words is looked up', async () => {
    const bot = makeBot();
    const [answer] = await talk(bot, 'telegram:1204', 'nah ketemu ADU-4HT7PW');
    expect(answer).toContain('ADU-4HT7PW');
    expect(answer).not.toMatch(/ditiadakan sementara/i);
  });

  it('"link nya apa pak" after a forms answer gives the forms page', async () => {
    const bot = makeBot();
    const [, link] = await talk(bot, 'telegram:1205', 'formulir siup ada dimana', 'link nya apa pak biar sy kasih ke anak sy');
    expect(link).toContain('formulir-pendaftaran-izin');
  });
});

describe('a forwarded announcement', () => {
  it('"[Diteruskan] PENGUMUMAN: … ini bener min?" is answered with the closure as it stands, once', async () => {
    const bot = makeBot();
    const [answer] = await talk(
      bot,
      'telegram:1206',
      '[Diteruskan] PENGUMUMAN: Sehubungan dengan zona merah, pelayanan tatap muka ditutup sementara sampai batas waktu yang belum ditentukan. Petugas yang masuk 25%. ini bener min?',
    );
    expect(answer).toContain('14 September 2020');
    expect(answer).not.toMatch(/25% pegawai masuk/);
  });
});

describe('blind set 13: a closure question with a gripe', () => {
  it('"min kantor buka gk sih?? dari tadi sy telp gk diangkat2" is answered, no complaint form opened unasked', async () => {
    const [answer] = await talk(makeBot(), 'telegram:1301', 'min kantor buka gk sih?? dari tadi sy telp gk diangkat2');
    expect(answer).not.toMatch(/pengaduan Anda saya catat/i);
    expect(answer).toMatch(/ditiadakan sementara|call center/i);
  });
});

describe('right after subscribing', () => {
  it('"nanti infonya dikirim lewat sini kan?" is told yes: the subscription, in this chat', async () => {
    const bot = makeBot();
    const [, answer] = await talk(bot, 'telegram:1302', 'langganan', 'nanti infonya dikirim lewat sini kan?');
    expect(answer).toMatch(/berlangganan/i);
    expect(answer).not.toMatch(/belum paham/i);
  });
});
