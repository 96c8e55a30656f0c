/**
 * The dialogue over several turns, through the real app (classifier, office data, in-memory store): context
 * follow-ups, several questions in one message, `batal` with nothing open, offers taken up by a bare yes,
 * facts asked directly, other agencies' business, the menu by number.
 */
import { describe, expect, it } from 'vitest';
import { referralsOf } from '../../src/features/info/answers.js';
import { makeBot, talk, type TestBot } from '../support/app.js';

async function openForm(bot: TestBot, user: string): Promise<string | undefined> {
  return (await bot.sessions.get(user))?.flow?.kind;
}

describe('context follow-ups', () => {
  it('after a form link, "kalo yg izin praktek dokter gigi?" gives that permit\'s form, never a complaint', async () => {
    const bot = makeBot();
    const [imb, dentist] = await talk(bot, 'telegram:1', 'pormulir imb dmn ya', 'kalo yg izin praktek dokter gigi?');
    expect(imb).toContain('PBG');
    expect(imb).toContain('formulir-pendaftaran-izin');
    expect(dentist).toContain('Surat Izin Praktik');
    expect(dentist).toContain('formulir-pendaftaran-izin');
    expect(dentist).not.toMatch(/pengaduan/i);
    expect(await openForm(bot, 'telegram:1')).toBeUndefined();
  });

  it('"itu udh ganti nama kan?" after the IMB form is still about that permit', async () => {
    const bot = makeBot();
    const [, renamed] = await talk(bot, 'telegram:2', 'formulir imb', 'itu udh ganti nama kan?');
    expect(renamed).toContain('PBG');
  });

  it('"caranya gmn" and "smp kpn?" after a closure answer continue the topic', async () => {
    const bot = makeBot();
    const [, how, until] = await talk(bot, 'telegram:3', 'pelayanan tatap muka msh tutup kah?', 'caranya gmn', 'smp kpn?');
    expect(how).toContain('formulir-pendaftaran-izin');
    expect(how).not.toContain('Balas dengan angka topik');
    expect(until).toContain('Kuningan');
  });

  it('after an OSS answer, "sy ga punya email" gets the OSS answer about email, not a farewell', async () => {
    const bot = makeBot();
    const [, email] = await talk(bot, 'telegram:6', 'cara daftar oss gmn', 'sy ga punya email');
    expect(email).toContain('oss.go.id');
    expect(email).not.toContain('Terima kasih telah menghubungi');
  });

  it('after a forms answer, an elliptic message naming another permit gets that permit\'s form, whatever it was read as', async () => {
    const bot = makeBot();
    const [, other] = await talk(bot, 'telegram:7', 'formulir siup dmn', 'oke, kalo izin apotek?');
    expect(other).toContain('Apotek');
    expect(other).toContain('formulir-pendaftaran-izin');
  });

  it('"lama ga ya" after the site-visit answer stays with site visits; "wajib ga" after NIB answers who must register', async () => {
    const bot = makeBot();
    const [, wait] = await talk(bot, 'telegram:8', 'survei lokasi masih ada?', 'lama ga ya');
    expect(wait).toContain('Verifikasi lapangan');
    const [, must] = await talk(bot, 'telegram:9', 'apa itu nib', 'wajib ga buat warung kecil?');
    expect(must).toContain('usaha mikro');
  });

  it('after a closure answer, "bisa dari rumah aja?" asks what works online', async () => {
    const bot = makeBot();
    const [, home] = await talk(bot, 'telegram:11', 'kantor tutup ya?', 'terus bisa diurus dari rumah aja?');
    expect(home).toContain('formulir-pendaftaran-izin');
    expect(home).toContain('online');
  });

  it('a bare "how?" after an English answer continues it, in English', async () => {
    const bot = makeBot();
    const [, how] = await talk(bot, 'telegram:10', 'Is permit processing still running while you are closed?', 'how?');
    expect(how).toContain('formulir-pendaftaran-izin');
    expect(how).toContain('online');
    expect(how).not.toContain('diumumkan');
  });

  it('"how long?" in English after a closure answer says until when', async () => {
    const bot = makeBot();
    const [, howLong] = await talk(bot, 'telegram:4', 'Is the licensing office open?', 'how long?');
    expect(howLong).toContain('until further notice');
    expect(howLong).toContain('Kuningan');
  });

  it('keeps the last topic in the session, through an acknowledgement', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:5', 'form reklame', 'ok');
    expect((await bot.sessions.get('telegram:5'))?.topic).toEqual({ intent: 'form.request', forms: ['Izin Reklame'], services: [] });
    const [baliho] = await talk(bot, 'telegram:5', 'baliho jg sama?');
    expect(baliho).toContain('Izin Reklame');
  });

  it('after OSS, "lupa password" gets the OSS password answer', async () => {
    const bot = makeBot();
    const [, password] = await talk(bot, 'telegram:6', 'cara daftar oss gmn?', 'lupa password jg gmn');
    expect(password).toContain('Lupa Kata Sandi');
  });
});

describe('follow-ups without a topic word', () => {
  it.each<[string, string, string, string]>([
    // [first message, follow-up, what the follow-up's answer must show, what it must not]
    ['cara daftar oss gmn', 'daftarnya dmn', 'oss.go.id', 'belum paham'],
    ['cara daftar oss gmn', 'trs dpt apa', 'oss.go.id', 'belum paham'],
    ['kantor masih tutup?', 'jd lewat mana', 'formulir-pendaftaran-izin', 'belum paham'],
    ['kantor masih tutup?', 'sejak kapan?', '14 September 2020', 'belum paham'],
    ['brp pegawai yg msk kantor', 'trus gmn ngurus izin?', 'formulir-pendaftaran-izin', '25% pegawai'],
    ['kantor masih tutup?', 'caranya gimana', 'formulir-pendaftaran-izin', 'belum paham'],
    ['kantor masih tutup?', 'trs?', 'formulir-pendaftaran-izin', 'zona merah'],
    ['cara daftar oss gmn', 'kalo konsultasi tatap muka?', 'konsultasi', 'oss.go.id'],
    ['verifikasi lapangan masih ada?', 'surveynya gmn?', 'lapangan', 'ADU-7K3M9Q'],
    ['izin pengambilan sk gmn', 'trs sy hrs nunggu smp buka?', 'Kuningan', 'belum paham'],
  ])('%j then %j', async (first, next, shows, hides) => {
    const bot = makeBot();
    const [, reply] = await talk(bot, 'telegram:40', first, next);
    expect(reply).toContain(shows);
    expect(reply).not.toContain(hides);
  });

  it('"beli pulsa dimana" after an OSS answer is not taken for an OSS question', async () => {
    const bot = makeBot();
    const [, reply] = await talk(bot, 'telegram:41', 'cara daftar oss gmn', 'beli pulsa dimana');
    expect(reply).not.toContain('oss.go.id');
  });

  it('"kalo izin bengkel?" (a permit the catalogue lacks) after a referral gets the forms page', async () => {
    const bot = makeBot();
    const [, reply] = await talk(bot, 'telegram:42', 'urus ktp dmn', 'kalo izin bengkel?');
    expect(reply).toContain('formulir-pendaftaran-izin');
  });

  it('an English "no email" question after OSS is the OSS email answer, not a complaint', async () => {
    const bot = makeBot();
    const [, reply] = await talk(bot, 'telegram:43', 'how do I register on OSS?', "I don't have an email address yet, is that a problem?");
    expect(reply).toContain('oss.go.id');
    expect(await openForm(bot, 'telegram:43')).toBeUndefined();
  });

  it('"kira2 kpn dijawab?" after a question was taken for staff says when staff answer, not the closure', async () => {
    const bot = makeBot();
    const [, , , when] = await talk(bot, 'telegram:44', 'mau tanya ke petugas', 'apakah villa 3 kamar perlu TDUP atau cukup izin homestay', 'ya', 'kira2 kpn dijawab?');
    expect(when).not.toContain('Kuningan');
  });

  it('"ok, then I\'d rather ask a staff member here in the chat" opens the question form, and the next message is the question', async () => {
    const bot = makeBot();
    const [, ask, question] = await talk(bot, 'telegram:45', 'do I need a permit for a homestay?', "ok, then I'd rather ask a staff member here in the chat", 'Do I need a TDUP for renting out two rooms to tourists?');
    expect(ask).not.toContain('Thank you for contacting');
    expect(question).toMatch(/KON-|send|kirim/i);
  });
});

describe('several questions in one message', () => {
  it('cuts at commas between questions', async () => {
    const bot = makeBot();
    const [all] = await talk(bot, 'telegram:11', 'knp tutup, smp kapan, terus formulir izin dmn?');
    expect(all).toContain('Galungan');
    expect(all).toContain('formulir-pendaftaran-izin');
  });

  it('answers each part', async () => {
    const bot = makeBot();
    const [all] = await talk(bot, 'telegram:10', 'kapan buka lagi? trs form pbg dmn? call center brp?');
    expect(all).toContain('Kuningan');
    expect(all).toContain('formulir-pendaftaran-izin');
    expect(all).toContain('PBG');
    expect(all).toContain('Facebook');
  });
});

describe('no state change from a misread', () => {
  it('batal with nothing open says there is nothing to cancel and keeps the subscription', async () => {
    const bot = makeBot();
    await bot.subscriptions.set('telegram:20', true, 'test', new Date());
    const [reply] = await talk(bot, 'telegram:20', 'batal');
    expect(reply).toContain('tidak ada yang perlu dibatalkan');
    expect((await bot.subscriptions.get('telegram:20'))?.subscribed).toBe(true);
  });

  it('a bare yes takes up the subscription offer; "ok" does not', async () => {
    const bot = makeBot();
    const [closure, ok] = await talk(bot, 'telegram:21', 'kantor tutup ga?', 'ok');
    expect(closure).toContain('Balas ya');
    expect(ok).not.toContain('sudah berlangganan');
    expect((await bot.subscriptions.get('telegram:21'))?.subscribed ?? false).toBe(false);
    const [, yes] = await talk(bot, 'telegram:22', 'kantor tutup ga?', 'ya');
    expect(yes).toContain('sudah berlangganan');
    expect((await bot.subscriptions.get('telegram:22'))?.subscribed).toBe(true);
  });

  it('a word or two without a complaint word opens no complaint form ("biayanya?", "pantes lama")', async () => {
    const bot = makeBot();
    for (const m of ['biayanya?', 'pantes lama']) {
      await talk(bot, 'telegram:24', m);
      expect(await openForm(bot, 'telegram:24'), m).toBeUndefined();
    }
    await talk(bot, 'telegram:25', 'mau dilaporin aja');
    expect(await openForm(bot, 'telegram:25')).toBe('complaint');
  });

  it('a broken website described without a complaint word opens the complaint form with it as the description', async () => {
    const bot = makeBot();
    const [reply] = await talk(bot, 'telegram:26', 'form online nya gak bisa dibuka dr kemarin');
    expect(reply).toMatch(/pengaduan/i);
    expect(await openForm(bot, 'telegram:26')).toBe('complaint');
  });

  it('"eh ga jadi deh" leaves the complaint form; "ya kirim" sends it', async () => {
    const bot = makeBot();
    await talk(bot, 'telegram:27', 'mau lapor petugas loket kasar sekali kemarin siang');
    expect(await openForm(bot, 'telegram:27')).toBe('complaint');
    await talk(bot, 'telegram:27', 'eh ga jadi deh');
    expect(await openForm(bot, 'telegram:27')).toBeUndefined();
    const replies = await talk(bot, 'telegram:28', 'mau lapor petugas loket kasar sekali kemarin siang', 'lewati', 'lewati', 'lewati', 'ya kirim');
    expect(replies[replies.length - 1]).toContain('ADU-');
  });

  it('"gak jadi deh" when asked for the question for staff stores no consultation', async () => {
    const bot = makeBot();
    const [, left] = await talk(bot, 'telegram:29', 'mau tanya ke petugas', 'gak jadi deh');
    expect(left).not.toContain('KON-');
    expect(await openForm(bot, 'telegram:29')).toBeUndefined();
  });

  it('"nanti aja deh" and "ga usah deh, gak jadi" leave the complaint form at any step', async () => {
    const bot = makeBot();
    for (const [user, leave] of [['telegram:30', 'nanti aja deh'], ['telegram:31', 'ga usah deh, gak jadi']] as const) {
      await talk(bot, user, 'mau lapor petugas loket kasar sekali kemarin siang');
      expect(await openForm(bot, user)).toBe('complaint');
      await talk(bot, user, leave);
      expect(await openForm(bot, user), leave).toBeUndefined();
    }
  });

  it('a stalled application is offered a complaint; only a yes opens the form', async () => {
    const bot = makeBot();
    const [offer] = await talk(bot, 'telegram:23', 'sudah kirim berkas kok blm ada balasan');
    expect(offer).toContain('pengaduan');
    expect(await openForm(bot, 'telegram:23')).toBeUndefined();
    await talk(bot, 'telegram:23', 'ya');
    expect(await openForm(bot, 'telegram:23')).toBe('complaint');
  });
});

describe('facts asked directly', () => {
  it.each([
    ['berapa pegawai yang masih masuk kantor?', '25%'],
    ['udh ada tanggal buka blm kantornya?', 'belum ditentukan'],
    ['izin sy udh jadi, ngambilnya gmn kalo kantor tutup', 'Pengambilan izin di loket'],
    ['terus kalo sudah diisi dikirim kmn?', 'dikirim secara online'],
    ['mau perpanjang ktp dmn', 'Disdukcapil'],
    ['bikin sim di tabanan bs online ga', 'Polres'],
    ['bayar pbb sm pajak motor dmn ya', 'Samsat'],
    ['sy ga punya email bs daftar oss ga', 'email'],
    ['mau daftar nikah ke mana ya', 'KUA'],
  ])('%s → %s', async (text, fact) => {
    const bot = makeBot();
    const [reply] = await talk(bot, 'telegram:30', text);
    expect(reply).toContain(fact);
  });

  it('another regency\'s office is not answered with this office\'s facts', async () => {
    const bot = makeBot();
    const [reply] = await talk(bot, 'telegram:31', 'jam buka dpmptsp gianyar brp');
    expect(reply).not.toContain('Senin');
    // which office this is, and that another area's office answers for that area
    expect(reply).toContain('Kabupaten Tabanan');
    expect(reply).toContain('daerah lain');
  });

  it('a SIM card is no driving licence (the referral list\'s "unless" words)', () => {
    const bot = makeBot();
    expect(referralsOf(bot.app.office, 'kartu sim saya hilang')).toEqual([]);
    expect(referralsOf(bot.app.office, 'bikin sim c').map((r) => r.topic.id)).toEqual(['SIM']);
  });

  it('an event permit (izin keramaian) is the police\'s, even asked as "is this the office that handles it?" (blind set 14)', async () => {
    const bot = makeBot();
    expect(referralsOf(bot.app.office, 'izin keramaian buat upacara ngaben').map((r) => r.topic.id)).toEqual(['izin keramaian dan SKCK']);
    const [reply] = await talk(bot, 'telegram:34', 'ini kantor yg ngurus ijin keramaian buat upacara ngaben bukan?');
    expect(reply).toContain('Polres Tabanan');
    expect(reply).not.toContain('ditiadakan');
  });

  it('the contact card has no empty Email line, and English replies name the places in English', async () => {
    const bot = makeBot();
    const [id] = await talk(bot, 'telegram:32', 'kontak kantornya ada?');
    expect(id).toContain('Facebook');
    expect(id).not.toContain('Email: -');
    const [en] = await talk(bot, 'telegram:33', 'what is the call center number of the office?');
    expect(en).toContain('the Facebook page DPMPTSP Kabupaten Tabanan');
    expect(en).not.toContain('halaman Facebook');
  });

  it('a question the office data cannot answer says so honestly', async () => {
    const bot = makeBot();
    const [reply] = await talk(bot, 'telegram:34', 'siapa kepala dinasnya');
    expect(reply).toContain('tidak ada dalam data saya');
  });
});

describe('the menu by number', () => {
  it.each(['4', '4.', 'no 4', 'nomor 4', 'No. 4'])('"%s" picks item 4 (the forms)', async (text) => {
    const bot = makeBot();
    const [reply] = await talk(bot, 'telegram:40', text);
    expect(reply).toContain('formulir-pendaftaran-izin');
  });
});
