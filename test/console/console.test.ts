/**
 * The staff console in a real browser: playwright-core driving Debian's Chromium headless (CHROMIUM_PATH,
 * default /usr/bin/chromium), against the real app on the one HTTP server. Skips, saying why, when Chromium is
 * missing. Every page under test is saved as a screenshot under test-output/console/ for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { qrImagePath } from '../../src/channels/whatsapp/paths.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mountConsole, REVIEW_FILE, type MountedConsole } from '../../src/console/server.js';
import { LocalBroadcastQueue } from '../../src/features/announcements/queue-local.js';
import { replyText } from '../../src/kernel/message.js';
import { silentLogger } from '../../src/lib/log.js';
import { localDate } from '../../src/lib/time.js';
import { createHttpServer, type HttpServer } from '../../src/runtime/http.js';
import { makeBot, type TestBot } from '../support/app.js';
import { startChannel, startFake, stopAll } from '../telegram/harness.js';
import { testChannels, testDelivery } from '../broadcast/support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'console');
const PASSWORD = 'rahasia-panjang-1';

let context: BrowserContext | undefined;
const servers: HttpServer[] = [];

interface Console {
  bot: TestBot;
  url: string;
  mounted: MountedConsole;
  dataDir: string;
}

async function startConsole(env: Record<string, string> = {}): Promise<Console> {
  const bot = makeBot({ env });
  const dataDir = mkdtempSync(join(tmpdir(), 'layanan-console-'));
  const http = createHttpServer({ host: '127.0.0.1', port: 0 }, silentLogger());
  const mounted = mountConsole(http, bot.app, { idleMs: 30 * 60_000, dataDir });
  const url = await http.listen();
  if (!url) throw new Error('no port');
  servers.push(http);
  const now = new Date();
  await mounted.records.addAccount('ayu', 'admin', PASSWORD, now);
  await mounted.records.addAccount('made', 'operator', PASSWORD, now);
  await mounted.records.addAccount('wayan', 'viewer', PASSWORD, now);
  return { bot, url, mounted, dataDir };
}

async function freshPage(): Promise<Page> {
  if (!context) throw new Error('no browser');
  for (const p of context.pages()) await p.close();
  await context.clearCookies();
  return context.newPage();
}

async function login(page: Page, c: Console, user: string, password = PASSWORD): Promise<number> {
  await page.goto(`${c.url}/login`);
  await page.fill('#username', user);
  await page.fill('#password', password);
  const response = page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST');
  await page.click('button[type=submit]');
  const status = (await response).status();
  await page.waitForLoadState();
  return status;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!HAVE_CHROMIUM)(`staff console in Chromium${HAVE_CHROMIUM ? '' : ` (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium or set CHROMIUM_PATH)`}`, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'layanan-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 860 },
      locale: 'id-ID',
    });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  });
  afterEach(async () => {
    await stopAll();
    for (const s of servers.splice(0)) await s.close();
  });

  it('logs in with the right password, refuses a wrong one, and throttles repeated wrong ones with 429', async () => {
    const c = await startConsole();
    const page = await freshPage();
    await page.goto(`${c.url}/login`);
    await shot(page, 'login');
    expect(await login(page, c, 'ayu', 'salah-sekali-123')).toBe(401);
    expect(await page.textContent('.flash')).toContain('Nama pengguna atau kata sandi salah');
    expect(await login(page, c, 'ayu')).toBe(303);
    expect(page.url()).toBe(`${c.url}/`);
    expect(await page.textContent('h1')).toBe('Dasbor');
    await c.bot.host.turn({ userKey: 'telegram:501', text: 'kapan kantor buka?' });
    await c.bot.host.turn({ userKey: 'telegram:502', text: 'qwerty zxcv mnbv 081234567890' });
    await new Promise((r) => setTimeout(r, 100));
    await page.reload();
    expect(await page.textContent('main')).toContain('Pesan per kanal');
    await shot(page, 'dashboard');

    // Throttling: five wrong passwords for one account, then even the right one is refused for a while.
    const other = await freshPage();
    for (let i = 0; i < 5; i++) expect(await login(other, c, 'made', `salah-${i}-xxxxxxx`)).toBe(401);
    expect(await login(other, c, 'made')).toBe(429);
    expect(await other.textContent('.flash')).toContain('Terlalu banyak percobaan');
    await shot(other, 'login-throttled');

    // Metrics count the turns.
    const metrics = await (await fetch(`${c.url}/metrics`)).text();
    expect(metrics).toMatch(/layanan_turns_total\{channel="telegram"\} 2/);
    expect(metrics).toMatch(/layanan_not_understood_total\{channel="telegram"\} 1/);
    // The durable sender's figures are there too (nothing sent: these turns came without a reply address).
    expect(metrics).toMatch(/layanan_answer_pieces\{outcome="unknown"\} 0/);
    expect(metrics).toMatch(/layanan_answers_sending 0/);
  });

  it('shows a complaint text <script>alert(1)</script> as text, never runs it; status changes through the chat operation', async () => {
    const c = await startConsole();
    const { complaint } = await c.bot.complaints.create(
      {
        draftId: 'draft-xss-0001',
        description: '<script>alert(1)</script> izin saya lambat sekali, sudah 3 minggu',
        permitNumber: null,
        name: '<b>Komang</b>',
        contact: null,
        category: 'lambat',
        attachments: [{ kind: 'photo', fileId: 'AgACAgUAAxkBAAIB' }],
        language: 'id',
      },
      'telegram:777',
      new Date(),
    );
    const page = await freshPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await login(page, c, 'made');
    await page.goto(`${c.url}/complaints`);
    expect(await page.textContent('table')).toContain(complaint.ticket);
    await shot(page, 'complaints');
    await page.click(`a[href="/complaints/${complaint.ticket}"]`);
    expect(await page.textContent('[data-testid=description]')).toContain('<script>alert(1)</script>');
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.textContent('main')).toContain('<b>Komang</b>');
    expect(await page.textContent('main')).toContain('AgACAgUAAxkBAAIB');
    await page.selectOption('select[name=status]', 'diproses');
    await page.fill('#note', 'Sedang kami cek ke bidang perizinan.');
    await page.click('text=Simpan status dan beri tahu warga');
    await page.waitForLoadState();
    expect(await page.textContent('.flash')).toContain(complaint.ticket);
    expect((await c.bot.complaints.require(complaint.ticket)).status).toBe('diproses');
    expect(await page.textContent('main')).toContain('Sedang kami cek ke bidang perizinan.');
    expect(dialogs).toEqual([]);
    await shot(page, 'complaint-detail');
    const audit = await c.mounted.records.auditLog();
    expect(audit[0]).toMatchObject({ by: 'made', action: 'aduan_status', ok: true });
  });

  it('edits the closure with a preview; the next citizen question is answered from it', async () => {
    const c = await startConsole();
    const page = await freshPage();
    await login(page, c, 'ayu');
    await page.goto(`${c.url}/closure`);
    await shot(page, 'closure');
    const before = await c.bot.closure.read();
    const until = localDate(new Date(Date.now() + 10 * 86_400_000), c.bot.app.office.timezone);
    const boxes = page.locator('input[name=services]');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
    await page.fill('#until', until);
    await page.fill('#reason', 'zona merah COVID-19 selama Galungan');
    await page.fill('#reasonEn', 'a COVID-19 red zone over Galungan');
    await page.fill('#staff', '25');
    await page.click('text=Pratinjau');
    await page.waitForLoadState();
    const preview = (await page.textContent('[data-testid=preview]')) ?? '';
    expect(preview).toContain('zona merah COVID-19 selama Galungan');
    expect(preview).toContain('a COVID-19 red zone over Galungan');
    await shot(page, 'closure-preview');
    // The preview changed nothing yet.
    expect(await c.bot.closure.read()).toEqual(before);
    await page.click('text=Simpan status ini');
    await page.waitForLoadState();
    expect((await c.bot.closure.read()).staffOnDutyPercent).toBe(25);
    const answer = (await c.bot.host.turn({ userKey: 'telegram:901', text: 'kantor tutup ga?' })).replies.map(replyText).join('\n');
    expect(answer).toContain('zona merah COVID-19 selama Galungan');
    await shot(page, 'closure-saved');

    // A date in the past: the date field's `min` stops it in the browser; without that, the operation's own schema does.
    await page.fill('#until', '2020-01-01');
    await page.click('text=Pratinjau');
    expect(page.url()).toBe(`${c.url}/closure`);
    await page.evaluate('document.getElementById("until").removeAttribute("min")');
    await page.click('text=Pratinjau');
    await page.waitForLoadState();
    expect(await page.textContent('.flash')).toContain('2020-01-01');
  });

  it('composes an announcement, shows recipients, confirms it and follows it to "selesai" against the fake Bot API', async () => {
    const fake = await startFake();
    const c = await startConsole();
    await startChannel(fake, c.bot);
    const now = new Date();
    for (const id of [8001, 8002, 8003]) await c.bot.subscriptions.set(`telegram:${id}`, true, 'test', now);
    const deps = c.bot.app.announcements.workerDeps({ settings: testDelivery(testChannels(), { progressEveryMs: 500, pollMs: 50 }) });
    const worker = new LocalBroadcastQueue(deps);
    await worker.start();
    try {
      const page = await freshPage();
      await login(page, c, 'made');
      await page.goto(`${c.url}/announcements`);
      await shot(page, 'announcements');
      await page.fill('#text', 'Pelayanan tatap muka dibuka kembali mulai Senin.');
      await page.uncheck('input[name=channels][value=whatsapp]');
      await page.click('text=Pratinjau dan jumlah penerima');
      await page.waitForLoadState();
      expect(await page.textContent('table')).toMatch(/Telegram\s*3/);
      await shot(page, 'announcement-preview');
      // Without the explicit confirmation the browser will not submit; with it the broadcast is queued.
      await page.check('input[name=confirm]');
      await page.click('text=Kirim pengumuman');
      await page.waitForURL(/\/announcements\/[a-z0-9-]+$/);
      // Filled in by the page's polling script, without a reload.
      await page.locator('[data-field=statusText]', { hasText: 'selesai' }).waitFor({ timeout: 20_000 });
      // Once final, the page reloads itself for the final per-channel counts.
      await page.locator('[data-final="1"]').waitFor({ timeout: 10_000 });
      expect(await page.textContent('[data-field=sent]')).toBe('3');
      expect(await page.textContent('[data-field=remaining]')).toBe('0');
      await shot(page, 'announcement-done');
      for (const id of [8001, 8002, 8003]) expect(fake.sentTo(id).map((m) => m.text)).toContain('Pelayanan tatap muka dibuka kembali mulai Senin.');
    } finally {
      await worker.stop();
    }
  });

  it('refuses a POST from a foreign origin with 403, and a viewer any change', async () => {
    const c = await startConsole();
    const page = await freshPage();
    await login(page, c, 'ayu');
    // A page on another origin submits a form to the console: refused before anything runs.
    await page.route('http://evil.test/', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<form method="post" action="${c.url}/closure/reopen"><button>go</button></form>`,
      }),
    );
    await page.goto('http://evil.test/');
    const refused = page.waitForResponse((r) => r.url().endsWith('/closure/reopen'));
    await page.click('button');
    expect((await refused).status()).toBe(403);
    const direct = await fetch(`${c.url}/login`, { method: 'POST', headers: { origin: 'http://evil.test', 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=ayu&password=x' });
    expect(direct.status).toBe(403);

    // A viewer sees no forms, and a change posted anyway (same origin) is refused and audited.
    const { complaint } = await c.bot.complaints.create(
      { draftId: 'draft-viewer-01', description: 'Petugas loket tidak ramah sama sekali.', permitNumber: null, name: null, contact: null, category: 'perilaku', attachments: [], language: 'id' },
      'telegram:778',
      new Date(),
    );
    const viewer = await freshPage();
    await login(viewer, c, 'wayan');
    await viewer.goto(`${c.url}/complaints/${complaint.ticket}`);
    expect(await viewer.locator('form[action$="/status"]').count()).toBe(0);
    const status = await viewer.evaluate(async (ticket) => {
      const r = await fetch(`/complaints/${ticket}/status`, { method: 'POST', body: new URLSearchParams({ status: 'selesai', note: '' }) });
      return r.status;
    }, complaint.ticket);
    expect(status).toBe(403);
    expect((await c.bot.complaints.require(complaint.ticket)).status).toBe('baru');
    await shot(viewer, 'viewer-complaint');
    const audit = await c.mounted.records.auditLog();
    expect(audit.find((r) => r.action === 'aduan_status')).toMatchObject({ by: 'wayan', ok: false });
  });

  it('lists what the bot did not understand, masked and grouped, and marks an example into the review file; admin pages', async () => {
    const c = await startConsole();
    for (const text of ['wifi kantor passwordnya apa ya', 'password wifi kantor apa', 'kirim pulsa ke 081234567890 dan voucher ke ayu@example.com dong']) {
      await c.bot.host.turn({ userKey: 'telegram:601', text });
    }
    await new Promise((r) => setTimeout(r, 200));
    const page = await freshPage();
    await login(page, c, 'ayu');
    await page.goto(`${c.url}/unknown`);
    const body = (await page.textContent('main')) ?? '';
    expect(body).not.toContain('081234567890');
    expect(body).not.toContain('ayu@example.com');
    await shot(page, 'not-understood');
    expect(body).toContain('[angka]');
    expect(body).toContain('[email]');
    // The two wifi questions are one group (the first row shows both).
    expect(await page.locator('tbody tr').count()).toBe(2);
    const forms = page.locator('form[action="/unknown/mark"]');
    await forms.first().locator('select').selectOption('contact.info');
    await forms.first().locator('button').click();
    await page.waitForLoadState();
    expect(await page.textContent('.flash')).toContain('contact.info');
    expect(readFileSync(join(c.dataDir, REVIEW_FILE), 'utf8')).toContain('"intent":"contact.info"');
    // A pairing QR waiting to be scanned (the adapter writes it there) is shown to admins.
    writeFileSync(qrImagePath({ dataDir: c.dataDir }), await QRCode.toBuffer('2@pairing-test-code', { type: 'png', width: 280 }));
    await page.goto(`${c.url}/channels`);
    await page.locator('img.qr').waitFor();
    expect(await page.evaluate('document.querySelector("img.qr").naturalWidth')).toBeGreaterThan(0);
    await shot(page, 'channels-qr');
    for (const [path, name] of [
      ['/consultations', 'consultations'],
      ['/audit', 'audit'],
      ['/accounts', 'accounts'],
    ] as const) {
      await page.goto(`${c.url}${path}`);
      expect((await page.textContent('h1')) ?? '').not.toBe('');
      await shot(page, name);
    }
    // English per staff member.
    await page.selectOption('select[name=lang]', 'en');
    await page.click('header form[action="/language"] button');
    await page.waitForLoadState();
    await page.goto(`${c.url}/`);
    expect(await page.textContent('h1')).toBe('Dashboard');
    await shot(page, 'dashboard-en');
  });
});
