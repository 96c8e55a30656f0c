/**
 * The staff console: the third front-end of the staff operations catalogue (after chat and the CLI), mounted on
 * the service's one HTTP server. Every change goes through `runOperation` (the same validation as chat and CLI),
 * is allowed by `mayRun` (the same roles), and is written to the audit log. Server-rendered HTML, every value
 * escaped; one small script polls broadcast progress. Security: sessions in the store, HttpOnly SameSite=Strict
 * cookies (Secure behind TLS), login throttling, a same-origin rule for every POST, strict CSP.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { App } from '../app.js';
import { qrImagePath } from '../channels/whatsapp/paths.js';
import { closureAnnouncement } from '../features/announcements/closure-announce.js';
import { closeServices } from '../features/announcements/closure-change.js';
import { settled, type Broadcast, type Counts } from '../features/announcements/schema.js';
import { categoryLabel, statusLabel } from '../features/complaints/render.js';
import { CATEGORIES, STATUSES, type Complaint } from '../features/complaints/schema.js';
import { Translator } from '../kernel/locale.js';
import { replyText } from '../kernel/message.js';
import { mayRun, type Operation, type OperationResult } from '../kernel/operation.js';
import { channelOf } from '../kernel/user-key.js';
import { localDate } from '../lib/time.js';
import { INTENTS } from '../nlu/types.js';
import { helpLine, runOperation } from '../runtime/catalogue.js';
import type { HttpServer } from '../runtime/http.js';
import { CSS, JS } from './assets.js';
import { DUMMY_HASH_PROMISE, totpValid, verifyPassword, hashPassword } from './crypto.js';
import { html, type Html, type Part } from './html.js';
import { labeller, type Lang } from './i18n.js';
import { badge, day, page, when, type Flash, type Viewer } from './layout.js';
import { ConsoleMetrics, observeTurns } from './observe.js';
import { ConsoleRecords, passwordProblem, type Account } from './records.js';
import { groupSimilar } from './similar.js';

/** How the console is set up. */
export interface ConsoleOptions {
  /** `CONSOLE_PUBLIC_URL`: the console's own origin behind a TLS proxy; else the request's Host. */
  publicUrl?: string | undefined;
  /** Idle time after which a session ends. */
  idleMs: number;
  /** Where the review file of marked examples and the pairing QR live. */
  dataDir: string;
  now?: () => Date;
}

/** The mounted console (tests reach its records). */
export interface MountedConsole {
  records: ConsoleRecords;
  metrics: ConsoleMetrics;
}

const COOKIE = 'lb_session';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** The review file of examples staff marked (one JSON object a line), for whoever curates the corpora. */
export const REVIEW_FILE = 'nlu-review.jsonl';

type Body = Record<string, string | File | (string | File)[]>;
const one = (b: Body, name: string): string => {
  const v = b[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.trim() : '';
};
const many = (b: Body, name: string): string[] => {
  const v = b[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

/** The problem of a refused operation, or undefined when it went through. */
type Outcome = { ok: true; result: OperationResult } | { ok: false; problem: string; status: 400 | 403 | 404 };

/** Mount the console on `http`. */
export function mountConsole(http: HttpServer, app: App, opts: ConsoleOptions): MountedConsole {
  const now = opts.now ?? (() => new Date());
  const records = new ConsoleRecords(app.store);
  const metrics = new ConsoleMetrics(app, app.catalogue.all().map((o) => o.name));
  observeTurns(app, records, metrics);
  const tz = app.office.timezone;
  const officeName = app.office.name;
  const pushChannels = app.config.channels.filter((c) => c.capabilities.push);
  const web: Hono = http.app;

  const secure = (c: Context): boolean => opts.publicUrl?.startsWith('https:') === true || c.req.header('x-forwarded-proto') === 'https';
  const ownOrigin = (c: Context): string => {
    if (opts.publicUrl) return new URL(opts.publicUrl).origin;
    return `${secure(c) ? 'https' : 'http'}://${c.req.header('host') ?? ''}`;
  };
  /** The client's address: the socket's, or the proxy's X-Forwarded-For when the socket is the local proxy. */
  const address = (c: Context): string => {
    let socket = 'unknown';
    try {
      socket = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      // Not on a Node socket (app.request in a test): one shared address.
    }
    const loopback = socket === '127.0.0.1' || socket === '::1' || socket === '::ffff:127.0.0.1';
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    return loopback && forwarded ? forwarded : socket;
  };

  // Security headers on every console response.
  web.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (secure(c)) c.header('Strict-Transport-Security', 'max-age=31536000');
    if (!c.res.headers.get('cache-control')) c.header('Cache-Control', 'no-store');
  });

  // Every POST from another origin is refused, whatever the path; channel webhooks (their own secrets) excepted.
  web.use('*', async (c, next) => {
    if (c.req.method !== 'POST' || http.routedPaths.has(c.req.path)) return next();
    const origin = c.req.header('origin');
    if (!origin || origin !== ownOrigin(c)) {
      app.log.warn({ path: c.req.path }, 'console POST from a foreign origin refused');
      return c.text(labeller('id')('err.origin'), 403);
    }
    return next();
  });
  web.use('*', async (c, next) => (c.req.method === 'POST' && !http.routedPaths.has(c.req.path) ? bodyLimit({ maxSize: 256 * 1024 })(c, next) : next()));

  web.get('/console/app.css', (c) => c.body(CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));
  web.get('/console/app.js', (c) => c.body(JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' }));
  web.get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));

  // --- sessions -------------------------------------------------------------------------------------------
  interface Seen {
    account: Account;
    sid: string;
    v: Viewer;
    flash: Flash | undefined;
  }
  const flashes = app.store.collection('console_flash', z.object({ ok: z.boolean(), text: z.string() }));
  const viewerOf = (a: Account): Viewer => ({ username: a.username, role: a.role, lang: a.language, l: labeller(a.language) });

  /** The signed-in account, or a response (redirect to login, or to the password change). */
  async function who(c: Context, opts2: { passwordPage?: boolean } = {}): Promise<Seen | Response> {
    const sid = getCookie(c, COOKIE) ?? '';
    const account = sid ? await records.resume(sid, now(), opts.idleMs) : undefined;
    if (!account) return c.redirect('/login', 303);
    if (account.mustChange && !opts2.passwordPage) return c.redirect('/password', 303);
    const flash = await flashes.get(sid);
    if (flash) await flashes.delete(sid);
    return { account, sid, v: viewerOf(account), flash };
  }
  const setFlash = (sid: string, flash: Flash) => flashes.set(sid, flash, 10 * 60_000);
  const show = (c: Context, s: Seen | undefined, title: string, active: string, body: Part, status = 200, extra: { flash?: Flash; refresh?: number } = {}) =>
    c.html(page({ v: s?.v, title, active, flash: extra.flash ?? s?.flash, office: officeName, body, ...(extra.refresh ? { refresh: extra.refresh } : {}) }).value, status as 200);
  const refuse = (c: Context, s: Seen, problem: string, status: 400 | 403 | 404) =>
    show(c, s, s.v.l('refused'), '', html`<div class="card"><p>${problem}</p><p><a href="/">${s.v.l('nav.dashboard')}</a></p></div>`, status, {
      flash: { ok: false, text: problem },
    });

  /** Run a catalogue operation as this account: roles checked, input validated by the operation, changes audited. */
  async function act(s: Seen, name: string, raw: unknown, detail: string, audit = true): Promise<Outcome> {
    const op = app.catalogue.get(name);
    if (!op) return { ok: false, problem: s.v.l('err.notfound'), status: 404 };
    const at = now();
    if (!mayRun(s.account.role, op) || (op.mutates && s.account.role === 'viewer')) {
      if (op.mutates) await records.record({ at: at.toISOString(), by: s.account.username, action: name, detail, ok: false });
      return { ok: false, problem: s.v.l('err.forbidden'), status: 403 };
    }
    const t = new Translator(app.locales, s.v.lang);
    const out = await runOperation(op, raw, { staffKey: `console:${s.account.username}`, t, now: at, front: 'console' });
    if (op.mutates && audit) {
      await records.record({ at: at.toISOString(), by: s.account.username, action: name, detail, ok: out.ok && (out.result.exitCode ?? 0) === 0 });
    }
    if (!out.ok) return { ok: false, problem: `${s.v.l('err.problem')}: ${out.problem}`, status: 400 };
    return out;
  }
  const resultText = (r: OperationResult): string => r.replies.map(replyText).join('\n\n') || r.text || '';
  /** After a POST: the operation's own words as the next page's message, then back to `to`. */
  async function done(c: Context, s: Seen, out: Outcome, to: string): Promise<Response> {
    if (!out.ok) {
      if (out.status === 400) {
        await setFlash(s.sid, { ok: false, text: out.problem });
        return c.redirect(to, 303);
      }
      return refuse(c, s, out.problem, out.status);
    }
    await setFlash(s.sid, { ok: (out.result.exitCode ?? 0) === 0, text: resultText(out.result) });
    return c.redirect(to, 303);
  }
  const body = async (c: Context): Promise<Body> => (await c.req.parseBody({ all: true })) as Body;

  // --- login ----------------------------------------------------------------------------------------------
  const loginPage = (c: Context, status: number, flash?: Flash) => {
    const l = labeller('id');
    return c.html(
      page({
        v: undefined,
        title: l('login.title'),
        office: officeName,
        flash,
        body: html`<div class="login"><div class="card"><h1>${l('login.title')}</h1>
<form class="stack" method="post" action="/login">
<label for="username">${l('login.username')}</label><input type="text" id="username" name="username" autocomplete="username" required autofocus>
<label for="password">${l('login.password')}</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<label for="code">${l('login.code')}</label><input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}">
<p><button type="submit">${l('login.submit')}</button></p>
</form></div></div>`,
      }).value,
      status as 200,
    );
  };
  web.get('/login', (c) => loginPage(c, 200));
  web.post('/login', async (c) => {
    const b = await body(c);
    const username = one(b, 'username').toLowerCase();
    const password = typeof b.password === 'string' ? b.password : '';
    const from = address(c);
    const l = labeller('id');
    const at = now();
    if (await records.throttled(username, from, at)) return loginPage(c, 429, { ok: false, text: l('login.throttled') });
    const account = await records.check(username, password, await DUMMY_HASH_PROMISE);
    const codeOk = !account?.totpSecret || totpValid(account.totpSecret, one(b, 'code'), at);
    if (!account || !codeOk) {
      await records.failed(username, from, at);
      app.log.info({ address: from }, 'console login refused');
      return loginPage(c, 401, { ok: false, text: account && !codeOk ? l('login.code_needed') : l('login.wrong') });
    }
    await records.succeeded(username);
    const sid = await records.openSession(account.username, at, opts.idleMs);
    // A browser-session cookie: the idle timeout is the server's (the record's TTL), renewed while staff work.
    setCookie(c, COOKIE, sid, { httpOnly: true, sameSite: 'Strict', secure: secure(c), path: '/' });
    await records.record({ at: at.toISOString(), by: account.username, action: 'login', detail: from, ok: true });
    return c.redirect(account.mustChange ? '/password' : '/', 303);
  });
  web.post('/logout', async (c) => {
    const sid = getCookie(c, COOKIE);
    if (sid) await records.closeSession(sid);
    deleteCookie(c, COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
  web.post('/language', async (c) => {
    const s = await who(c, { passwordPage: true });
    if (s instanceof Response) return s;
    const lang: Lang = one(await body(c), 'lang') === 'en' ? 'en' : 'id';
    await records.updateAccount(s.account.username, (a) => ({ ...a, language: lang }), now());
    return c.redirect(c.req.header('referer')?.startsWith(ownOrigin(c)) ? (c.req.header('referer') ?? '/') : '/', 303);
  });

  const passwordForm = (s: Seen, c: Context, status: number, flash?: Flash) => {
    const { l } = s.v;
    return show(
      c,
      s,
      l('password.title'),
      '',
      html`<div class="login"><div class="card"><h1>${l('password.title')}</h1>
${s.account.mustChange ? html`<p>${l('password.first')}</p>` : ''}
<form class="stack" method="post" action="/password">
${s.account.mustChange ? '' : html`<label for="current">${l('login.password')}</label><input type="password" id="current" name="current" autocomplete="current-password" required>`}
<label for="password">${l('password.new')}</label><input type="password" id="password" name="password" autocomplete="new-password" minlength="10" required>
<label for="repeat">${l('password.repeat')}</label><input type="password" id="repeat" name="repeat" autocomplete="new-password" minlength="10" required>
<p><button type="submit">${l('password.submit')}</button></p></form></div></div>`,
      status,
      flash ? { flash } : {},
    );
  };
  web.get('/password', async (c) => {
    const s = await who(c, { passwordPage: true });
    return s instanceof Response ? s : passwordForm(s, c, 200);
  });
  web.post('/password', async (c) => {
    const s = await who(c, { passwordPage: true });
    if (s instanceof Response) return s;
    const b = await body(c);
    const pw = typeof b.password === 'string' ? b.password : '';
    const { l } = s.v;
    if (!s.account.mustChange && !(await verifyPassword(typeof b.current === 'string' ? b.current : '', s.account.passwordHash))) {
      return passwordForm(s, c, 400, { ok: false, text: l('login.wrong') });
    }
    if (passwordProblem(pw)) return passwordForm(s, c, 400, { ok: false, text: l('password.short') });
    if (pw !== b.repeat) return passwordForm(s, c, 400, { ok: false, text: l('password.mismatch') });
    const passwordHash = await hashPassword(pw);
    await records.updateAccount(s.account.username, (a) => ({ ...a, passwordHash, mustChange: false }), now());
    await records.record({ at: now().toISOString(), by: s.account.username, action: 'password', detail: '', ok: true });
    await setFlash(s.sid, { ok: true, text: l('password.done') });
    return c.redirect('/', 303);
  });

  // --- dashboard ------------------------------------------------------------------------------------------
  web.get('/', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l, lang } = s.v;
    const at = now();
    const dates = Array.from({ length: 7 }, (_, i) => localDate(new Date(at.getTime() - i * 86_400_000), tz));
    const days = await Promise.all(dates.map((d) => records.days.get(d)));
    const today = days[0];
    const week = { turns: 0, notUnderstood: 0, channels: {} as Record<string, number>, intents: {} as Record<string, number> };
    for (const d of days) {
      if (!d) continue;
      week.turns += d.turns;
      week.notUnderstood += d.notUnderstood;
      for (const [k, n] of Object.entries(d.channels)) week.channels[k] = (week.channels[k] ?? 0) + n;
      for (const [k, n] of Object.entries(d.intents)) week.intents[k] = (week.intents[k] ?? 0) + n;
    }
    const open = await app.complaints.service.listOpen(at);
    const overdue = open.filter((x) => app.complaints.service.overdue(x, at));
    const audience = await app.announcements.broadcasts.audience(pushChannels.map((ch) => ch.name));
    const newest = await app.announcements.broadcasts.status();
    const running = newest && (newest.status === 'running' || newest.status === 'queued') ? newest : undefined;
    const pct = (n: number, total: number) => (total > 0 ? `${Math.round((100 * n) / total)}%` : '–');
    const channelNames = [...new Set([...Object.keys(week.channels), ...pushChannels.map((ch) => ch.name)])];
    const labelOf = (name: string) => app.config.channels.find((ch) => ch.name === name)?.label ?? name;
    const top = Object.entries(week.intents)
      .filter(([k]) => k !== 'None')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);
    const konsultasi = consultationOps();
    return show(
      c,
      s,
      l('nav.dashboard'),
      '/',
      html`<h1>${l('nav.dashboard')}</h1>
<div class="grid">
  <div class="card stat"><div class="n">${today?.turns ?? 0}</div><div class="l">${l('dash.messages')} · ${l('dash.today')}</div></div>
  <div class="card stat"><div class="n">${week.turns}</div><div class="l">${l('dash.messages')} · ${l('dash.week')}</div></div>
  <div class="card stat${week.turns > 0 && week.notUnderstood / week.turns > 0.2 ? ' warn' : ''}"><div class="n">${pct(week.notUnderstood, week.turns)}</div><div class="l">${l('dash.not_understood')} · ${l('dash.week')} (${l('dash.today')}: ${pct(today?.notUnderstood ?? 0, today?.turns ?? 0)})</div></div>
  <div class="card stat"><div class="n">${open.length}</div><div class="l"><a href="/complaints?status=open">${l('dash.open')}</a></div></div>
  <div class="card stat${overdue.length > 0 ? ' warn' : ''}"><div class="n">${overdue.length}</div><div class="l"><a href="/complaints?status=open&amp;overdue=1">${l('dash.overdue')}</a></div></div>
  ${konsultasi.length > 0 ? html`<div class="card stat"><div class="n">${konsultasi.length}</div><div class="l"><a href="/consultations">${l('nav.consultations')}</a></div></div>` : ''}
</div>
<div class="two">
<div class="card"><h2>${l('dash.per_channel')}</h2>
<table><thead><tr><th>${l('channel')}</th><th class="num">${l('dash.today')}</th><th class="num">${l('dash.week')}</th><th class="num">${l('dash.subscribers')}</th></tr></thead><tbody>
${channelNames.map(
  (name) =>
    html`<tr><td>${labelOf(name)}</td><td class="num">${today?.channels[name] ?? 0}</td><td class="num">${week.channels[name] ?? 0}</td><td class="num">${name in audience ? audience[name] : '–'}</td></tr>`,
)}
</tbody></table></div>
<div class="card"><h2>${l('dash.top_intents')}</h2>
${
  top.length === 0
    ? html`<p class="muted">–</p>`
    : html`<table><thead><tr><th>${l('intent')}</th><th class="num">${l('count')}</th><th class="num">${l('share')}</th></tr></thead><tbody>
${top.map(([k, n]) => html`<tr><td>${k}</td><td class="num">${n}</td><td class="num">${pct(n, week.turns)}</td></tr>`)}</tbody></table>`
}</div>
</div>
<div class="card"><h2>${l('dash.running')}</h2>${running ? progressCard(s.v, running) : html`<p class="muted">${l('dash.none_running')}</p>`}</div>
<p class="muted">${when(at.toISOString(), lang, tz)}</p>`,
    );
  });

  // --- complaints -----------------------------------------------------------------------------------------
  const tFor = (v: Viewer) => new Translator(app.locales, v.lang);
  const statusTone = (x: Complaint, overdue: boolean): 'ok' | 'warn' | 'bad' | 'muted' =>
    overdue ? 'bad' : x.status === 'selesai' ? 'ok' : x.status === 'ditolak' ? 'muted' : 'warn';
  web.get('/complaints', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l, lang } = s.v;
    const t = tFor(s.v);
    const q = c.req.query();
    const at = now();
    const status = q.status ?? '';
    const category = q.category ?? '';
    const search = (q.q ?? '').trim().toLowerCase();
    const onlyOverdue = q.overdue === '1';
    const all = (await app.complaints.service.repo.list()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const list = all.filter((x) => {
      const overdue = Boolean(app.complaints.service.overdue(x, at));
      if (status === 'open' && (x.status === 'selesai' || x.status === 'ditolak')) return false;
      if (status && status !== 'open' && x.status !== status) return false;
      if (category && x.category !== category) return false;
      if (onlyOverdue && !overdue) return false;
      if (search && ![x.ticket, x.description ?? '', x.name ?? '', x.permitNumber ?? ''].some((f) => f.toLowerCase().includes(search))) return false;
      return true;
    });
    const opt = (value: string, text: string, current: string) => html`<option value="${value}"${value === current ? html` selected` : ''}>${text}</option>`;
    return show(
      c,
      s,
      l('nav.complaints'),
      '/complaints',
      html`<h1>${l('nav.complaints')}</h1>
<form class="card" method="get" action="/complaints"><div class="row">
<div><label for="status">${l('c.status')}</label><select id="status" name="status">${opt('', l('c.all'), status)}${opt('open', l('c.open'), status)}${STATUSES.map((x) => opt(x, statusLabel(t, x), status))}</select></div>
<div><label for="category">${l('c.category')}</label><select id="category" name="category">${opt('', l('c.all'), category)}${CATEGORIES.map((x) => opt(x, categoryLabel(t, x), category))}</select></div>
<div><label for="q">${l('c.search')}</label><input type="search" id="q" name="q" value="${q.q ?? ''}"></div>
<div class="shrink"><label><input type="checkbox" name="overdue" value="1"${onlyOverdue ? html` checked` : ''}> ${l('c.only_overdue')}</label></div>
<div class="shrink"><button type="submit">${l('c.filter')}</button> <a class="button secondary" href="/complaints.csv">${l('c.export')}</a></div>
</div></form>
<div class="card">
${
  list.length === 0
    ? html`<p class="muted">${l('c.none')}</p>`
    : html`<table><thead><tr><th>${l('c.ticket')}</th><th>${l('c.created')}</th><th>${l('c.status')}</th><th>${l('c.category')}</th><th>${l('c.channel')}</th><th>${l('c.deadline')}</th><th>${l('c.description')}</th></tr></thead><tbody>
${list.map((x) => {
  const overdue = Boolean(app.complaints.service.overdue(x, at));
  const deadline = x.status === 'baru' ? x.verifyBy : x.followUpBy;
  return html`<tr><td><a href="/complaints/${x.ticket}">${x.ticket}</a></td><td>${when(x.createdAt, lang, tz)}</td><td>${badge(statusLabel(t, x.status), statusTone(x, false))}${overdue ? html` ${badge(l('c.overdue'), 'bad')}` : ''}</td><td>${categoryLabel(t, x.category)}</td><td>${labelOfKey(x.ownerKey)}</td><td>${day(deadline, lang)}</td><td>${excerpt(x.description)}</td></tr>`;
})}</tbody></table>`
}</div>`,
    );
  });
  const labelOfKey = (key: string | null): string => {
    const name = key ? channelOf(key) : undefined;
    return name ? (app.config.channels.find((ch) => ch.name === name)?.label ?? name) : '–';
  };
  const excerpt = (text: string | null): string => (text ? (text.length > 110 ? `${text.slice(0, 110)}…` : text) : '–');

  web.get('/complaints.csv', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const out = await act(s, 'aduan_ekspor', { format: 'csv', out: null }, 'csv');
    if (!out.ok) return refuse(c, s, out.problem, out.status);
    await records.record({ at: now().toISOString(), by: s.account.username, action: 'aduan_ekspor', detail: 'csv', ok: true });
    return c.body(out.result.text ?? '', 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="pengaduan.csv"' });
  });

  web.get('/complaints/:ticket', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l, lang } = s.v;
    const t = tFor(s.v);
    const x = await app.complaints.service.repo.get(c.req.param('ticket')).catch(() => undefined);
    if (!x) return refuse(c, s, l('err.notfound'), 404);
    const overdue = app.complaints.service.overdue(x, now());
    const canChange = s.account.role !== 'viewer';
    return show(
      c,
      s,
      x.ticket,
      '/complaints',
      html`<p><a href="/complaints">← ${l('c.back')}</a></p>
<h1>${x.ticket} ${badge(statusLabel(t, x.status), statusTone(x, false))} ${overdue ? badge(l('c.overdue'), 'bad') : ''}</h1>
<div class="two">
<div class="card"><dl class="kv">
<dt>${l('c.created')}</dt><dd>${when(x.createdAt, lang, tz)}</dd>
<dt>${l('c.category')}</dt><dd>${categoryLabel(t, x.category)}</dd>
<dt>${l('c.channel')}</dt><dd>${labelOfKey(x.ownerKey)}</dd>
<dt>${l('c.name')}</dt><dd>${x.name ?? '–'}</dd>
<dt>${l('c.contact')}</dt><dd>${x.contact ?? '–'}</dd>
<dt>${l('c.permit')}</dt><dd>${x.permitNumber ?? '–'}</dd>
<dt>${l('c.deadline')}</dt><dd>${day(x.verifyBy, lang)} / ${day(x.followUpBy, lang)}</dd>
</dl>
<h2>${l('c.description')}</h2>
${x.anonymisedAt ? html`<p class="muted">${l('c.forgotten')}</p>` : html`<div class="quote" data-testid="description">${x.description ?? ''}</div>`}
<h2>${l('c.attachments')}</h2>
${
  x.attachments.length === 0
    ? html`<p class="muted">${l('c.no_attachments')}</p>`
    : html`<ul>${x.attachments.map((a) => html`<li>${a.kind}${a.fileName ? html` · ${a.fileName}` : ''}${a.mimeType ? html` · ${a.mimeType}` : ''}<br><code>${a.fileId ?? ''}</code></li>`)}</ul>`
}
</div>
<div>
${
  canChange
    ? html`<form class="card stack" method="post" action="/complaints/${x.ticket}/status"><h2>${l('c.change_status')}</h2>
<select name="status" aria-label="${l('c.status')}">${STATUSES.map((st) => html`<option value="${st}"${st === x.status ? html` selected` : ''}>${statusLabel(t, st)}</option>`)}</select>
<label for="note">${l('c.note_public')}</label><textarea id="note" name="note" maxlength="1000"></textarea>
<p><button type="submit">${l('c.save_status')}</button></p></form>
<form class="card stack" method="post" action="/complaints/${x.ticket}/category"><h2>${l('c.change_category')}</h2>
<div class="row"><select name="category" aria-label="${l('c.category')}">${CATEGORIES.map((ct) => html`<option value="${ct}"${ct === x.category ? html` selected` : ''}>${categoryLabel(t, ct)}</option>`)}</select>
<div class="shrink"><button type="submit" class="secondary">${l('c.save_category')}</button></div></div></form>
<form class="card stack" method="post" action="/complaints/${x.ticket}/note"><h2>${l('c.internal_note')}</h2>
<textarea name="note" maxlength="1000" required aria-label="${l('c.internal_note')}"></textarea><p><button type="submit" class="secondary">${l('c.save_note')}</button></p></form>
${x.anonymisedAt ? '' : html`<form class="card stack" method="post" action="/complaints/${x.ticket}/forget"><h2>${l('c.forget')}</h2>
<label><input type="checkbox" name="confirm" value="yes" required> ${l('c.forget_confirm')}</label><p><button type="submit" class="danger">${l('c.forget')}</button></p></form>`}`
    : ''
}
</div></div>
<div class="card"><h2>${l('c.history')}</h2><table><thead><tr><th>${l('audit.at')}</th><th>${l('audit.by')}</th><th>${l('audit.action')}</th><th>${l('audit.detail')}</th></tr></thead><tbody>
${x.history.map(
  (h) => html`<tr><td>${when(h.at, lang, tz)}</td><td>${h.by}</td><td>${h.action}</td><td>${h.status ? statusLabel(t, h.status) : ''}${h.category ? categoryLabel(t, h.category) : ''}${h.note ? html`<div class="quote">${h.note}</div>` : ''}${h.notified === false ? html` ${badge('belum terkirim', 'warn')}` : ''}</td></tr>`,
)}</tbody></table></div>`,
    );
  });
  web.post('/complaints/:ticket/:action', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const ticket = c.req.param('ticket');
    const b = await body(c);
    const to = `/complaints/${encodeURIComponent(ticket)}`;
    switch (c.req.param('action')) {
      case 'status': {
        const status = one(b, 'status');
        return done(c, s, await act(s, 'aduan_status', { ticket, status, note: one(b, 'note') || null }, `${ticket} → ${status}`), to);
      }
      case 'category':
        return done(c, s, await act(s, 'aduan_kategori', { ticket, category: one(b, 'category') }, `${ticket} → ${one(b, 'category')}`), to);
      case 'note':
        return done(c, s, await act(s, 'aduan_catatan', { ticket, note: one(b, 'note') }, ticket), to);
      case 'forget':
        if (one(b, 'confirm') !== 'yes') return done(c, s, { ok: false, problem: s.v.l('c.forget_confirm'), status: 400 }, to);
        return done(c, s, await act(s, 'aduan_hapus_data', { ticket }, ticket), to);
      default:
        return refuse(c, s, s.v.l('err.notfound'), 404);
    }
  });

  // --- consultations (generic over the catalogue) ---------------------------------------------------------
  function consultationOps(): Operation[] {
    return app.catalogue.all().filter((op) => op.name.startsWith('konsultasi') || op.cli?.group === 'consultations');
  }
  web.get('/consultations', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l } = s.v;
    const ops = consultationOps();
    const t = tFor(s.v);
    return show(
      c,
      s,
      l('nav.consultations'),
      '/consultations',
      html`<h1>${l('nav.consultations')}</h1>
${
  ops.length === 0
    ? html`<div class="card"><p>${l('k.none')}</p></div>`
    : ops.map(
        (op) => html`<form class="card stack" method="post" action="/consultations/run"><h2>/${op.name} ${op.mutates ? '' : badge('baca', 'muted')}</h2>
<p class="muted">${helpLine(t, op.name)}</p><input type="hidden" name="op" value="${op.name}">
<div class="row"><div><label for="a-${op.name}">${l('k.args')}</label><input type="text" id="a-${op.name}" name="args"></div><div class="shrink"><button type="submit">${l('k.run')}</button></div></div></form>`,
      )
}`,
    );
  });
  web.post('/consultations/run', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const b = await body(c);
    const op = consultationOps().find((o) => o.name === one(b, 'op'));
    if (!op) return refuse(c, s, s.v.l('err.notfound'), 404);
    return done(c, s, await act(s, op.name, op.parseChat(one(b, 'args')), one(b, 'args')), '/consultations');
  });

  // --- closure --------------------------------------------------------------------------------------------
  interface ClosureForm {
    services: string[];
    until: string;
    untilNote: string;
    reason: string;
    reasonEn: string;
    staff: string;
  }
  const closureRaw = (f: ClosureForm) => ({
    services: f.services,
    until: f.until || null,
    untilNote: f.untilNote || null,
    reason: f.reason || null,
    reasonEn: f.reasonEn || null,
    staffOnDutyPercent: f.staff === '' ? null : Number(f.staff),
  });
  const readClosureForm = (b: Body): ClosureForm => ({
    services: many(b, 'services'),
    until: one(b, 'until'),
    untilNote: one(b, 'untilNote'),
    reason: one(b, 'reason'),
    reasonEn: one(b, 'reasonEn'),
    staff: one(b, 'staff'),
  });
  async function closurePage(c: Context, s: Seen, form: ClosureForm | undefined, preview: Html | undefined, status = 200): Promise<Response> {
    const { l, lang } = s.v;
    const current = await app.announcements.closure.read();
    const f: ClosureForm = form ?? {
      services: current.closedServices,
      until: current.until ?? '',
      untilNote: current.untilNote?.id ?? '',
      reason: current.reasons[0]?.id ?? '',
      reasonEn: current.reasons[0]?.en ?? '',
      staff: current.staffOnDutyPercent === null ? '' : String(current.staffOnDutyPercent),
    };
    const admin = s.account.role === 'admin';
    const names = current.closedServices.map((id) => app.office.services.find((x) => x.id === id)?.name[lang] ?? id);
    const today = localDate(now(), tz);
    return show(
      c,
      s,
      l('nav.closure'),
      '/closure',
      html`<h1>${l('nav.closure')}</h1>
<div class="two">
<div class="card"><h2>${l('cl.current')}</h2>
${
  current.closedServices.length === 0
    ? html`<p>${badge(l('cl.all_open'))}</p>`
    : html`<ul>${names.map((n) => html`<li>${n}</li>`)}</ul><dl class="kv"><dt>${l('cl.since')}</dt><dd>${day(current.since, lang)}</dd><dt>${l('cl.until')}</dt><dd>${current.until ? day(current.until, lang) : (current.untilNote?.[lang] ?? '–')}</dd><dt>${l('cl.staff')}</dt><dd>${current.staffOnDutyPercent ?? '–'}</dd></dl>`
}
<h2>${l('cl.preview_title')}</h2><div class="preview" data-testid="current-text">${closureAnnouncement(app.locales, current, app.office)}</div>
${admin && current.closedServices.length > 0 ? html`<form method="post" action="/closure/reopen"><p><button type="submit" class="secondary">${l('cl.reopen')}</button></p></form>` : ''}
${s.account.role !== 'viewer' ? html`<form method="post" action="/closure/announce"><p><button type="submit" class="secondary">${l('cl.announce')}</button></p></form>` : ''}
</div>
<div>
${preview ?? ''}
${
  admin
    ? html`<form class="card stack" method="post" action="/closure/preview"><h2>${l('cl.edit')}</h2>
<label>${l('cl.services')}</label><div class="checks">${app.office.services.map(
        (x) => html`<label><input type="checkbox" name="services" value="${x.id}"${f.services.includes(x.id) ? html` checked` : ''}> ${x.name[lang]}</label>`,
      )}</div>
<div class="row"><div><label for="until">${l('cl.until')}</label><input type="date" id="until" name="until" min="${today}" value="${f.until}"></div>
<div><label for="untilNote">${l('cl.until_note')}</label><input type="text" id="untilNote" name="untilNote" maxlength="300" value="${f.untilNote}"></div></div>
<label for="reason">${l('cl.reason_id')}</label><input type="text" id="reason" name="reason" maxlength="500" value="${f.reason}">
<label for="reasonEn">${l('cl.reason_en')}</label><input type="text" id="reasonEn" name="reasonEn" maxlength="500" value="${f.reasonEn}">
<label for="staff">${l('cl.staff')}</label><input type="number" id="staff" name="staff" min="0" max="100" value="${f.staff}">
<p><button type="submit">${l('cl.preview')}</button></p></form>`
    : ''
}
</div></div>`,
      status,
    );
  }
  const hidden = (f: ClosureForm): Html =>
    html`${f.services.map((x) => html`<input type="hidden" name="services" value="${x}">`)}<input type="hidden" name="until" value="${f.until}"><input type="hidden" name="untilNote" value="${f.untilNote}"><input type="hidden" name="reason" value="${f.reason}"><input type="hidden" name="reasonEn" value="${f.reasonEn}"><input type="hidden" name="staff" value="${f.staff}">`;
  web.get('/closure', async (c) => {
    const s = await who(c);
    return s instanceof Response ? s : closurePage(c, s, undefined, undefined);
  });
  web.post('/closure/preview', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l } = s.v;
    const f = readClosureForm(await body(c));
    const op = app.catalogue.get('tutup');
    if (!op || !mayRun(s.account.role, op)) return refuse(c, s, l('err.forbidden'), 403);
    const at = now();
    const checked = op.validate(closureRaw(f), at);
    if (!checked.ok) return closurePage(c, s, f, html`<div class="flash bad">${l('err.problem')}: ${checked.problem}</div>`, 400);
    const current = await app.announcements.closure.read();
    const change = closeServices(current, checked.input as Parameters<typeof closeServices>[1], app.office, at, `console:${s.account.username}`);
    if (!change.ok) {
      const problem = 'beforeSince' in change ? `${change.beforeSince.until} < ${change.beforeSince.since}` : change.unknown.join(', ');
      return closurePage(c, s, f, html`<div class="flash bad">${l('err.problem')}: ${problem}</div>`, 400);
    }
    return closurePage(
      c,
      s,
      f,
      html`<form class="card" method="post" action="/closure/save"><h2>${l('cl.preview_title')}</h2><div class="preview" data-testid="preview">${closureAnnouncement(app.locales, change.status, app.office)}</div>${hidden(f)}<p><button type="submit">${l('cl.save')}</button></p></form>`,
    );
  });
  web.post('/closure/save', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const f = readClosureForm(await body(c));
    return done(c, s, await act(s, 'tutup', closureRaw(f), `${f.services.join(',')} until ${f.until || f.untilNote || '-'}`), '/closure');
  });
  web.post('/closure/reopen', async (c) => {
    const s = await who(c);
    return s instanceof Response ? s : done(c, s, await act(s, 'buka', { services: 'all' }, 'all'), '/closure');
  });
  web.post('/closure/announce', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    return done(c, s, await act(s, 'umumkan_status', { at: null, channels: pushChannels.map((ch) => ch.name) }, 'draft from status'), '/announcements');
  });

  // --- announcements --------------------------------------------------------------------------------------
  const stateLabel = (v: Viewer, b: Broadcast): string => v.l(`a.${b.status}`);
  const sum = (b: Broadcast): Counts =>
    Object.values(b.counts).reduce<Counts>(
      (a, x) => ({
        total: a.total + x.total,
        sent: a.sent + x.sent,
        failed: a.failed + x.failed,
        unreachable: a.unreachable + x.unreachable,
        uncertain: a.uncertain + x.uncertain,
        skipped: a.skipped + x.skipped,
      }),
      { total: 0, sent: 0, failed: 0, unreachable: 0, uncertain: 0, skipped: 0 },
    );
  const progressJson = (b: Broadcast) => {
    const c = sum(b);
    return { status: b.status, statusLabel: '', sent: c.sent, failed: c.failed, unreachable: c.unreachable, uncertain: c.uncertain, total: c.total, remaining: c.total - settled(c), final: b.status === 'done' || b.status === 'cancelled' };
  };
  function progressCard(v: Viewer, b: Broadcast, reload = false): Html {
    const { l } = v;
    const p = progressJson(b);
    const cell = (key: 'sent' | 'failed' | 'unreachable' | 'uncertain' | 'remaining' | 'total', label: string) =>
      html`<div class="card stat"><div class="n" data-field="${key}">${p[key]}</div><div class="l">${label}</div></div>`;
    return html`<div data-poll="/announcements/${b.id}.json" data-final="${p.final ? '1' : '0'}"${reload ? html` data-reload` : ''}>
<p><a href="/announcements/${b.id}">${b.id}</a> · ${l('a.status')}: <strong data-field="statusText">${stateLabel(v, b)}</strong></p>
<progress max="${Math.max(1, p.total)}" value="${p.total - p.remaining}" data-field-progress></progress>
<div class="grid">${cell('sent', l('a.sent'))}${cell('failed', l('a.failed'))}${cell('unreachable', l('a.unreachable'))}${cell('uncertain', l('a.uncertain'))}${cell('remaining', l('a.remaining'))}${cell('total', l('a.total'))}</div>
${!p.final && v.role !== 'viewer' ? html`<form method="post" action="/announcements/${b.id}/cancel" data-cancel><button type="submit" class="danger">${l('a.cancel')}</button></form>` : ''}
</div>`;
  }
  web.get('/announcements', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l, lang } = s.v;
    const list = await app.announcements.broadcasts.repo.list();
    const draft = await app.announcements.broadcasts.repo.draft(`console:${s.account.username}`);
    const canSend = s.account.role !== 'viewer';
    return show(
      c,
      s,
      l('nav.announcements'),
      '/announcements',
      html`<h1>${l('nav.announcements')}</h1>
${
  draft && canSend
    ? html`<div class="card"><h2>${l('a.draft')}</h2><div class="preview">${draft.text}</div><p class="muted">${draft.channels.join(', ')}</p>
<div class="row"><form method="post" action="/announcements/draft/send" class="shrink"><label><input type="checkbox" name="confirm" value="yes" required> ${l('a.confirm')}</label><p><button type="submit">${l('a.draft_send')}</button></p></form>
<form method="post" action="/announcements/draft/drop" class="shrink"><button type="submit" class="secondary">${l('a.draft_drop')}</button></form></div></div>`
    : ''
}
${canSend ? composeForm(s.v, { text: '', channels: pushChannels.map((ch) => ch.name), at: '' }) : ''}
<div class="card"><h2>${l('a.history')}</h2>
${
  list.length === 0
    ? html`<p class="muted">${l('a.none')}</p>`
    : html`<table><thead><tr><th>ID</th><th>${l('a.created')}</th><th>${l('a.status')}</th><th>${l('a.by')}</th><th class="num">${l('a.sent')}</th><th class="num">${l('a.total')}</th><th>${l('a.text')}</th></tr></thead><tbody>
${list.slice(0, 100).map((b) => {
  const x = sum(b);
  return html`<tr><td><a href="/announcements/${b.id}">${b.id}</a></td><td>${when(b.createdAt, lang, tz)}</td><td>${badge(stateLabel(s.v, b), b.status === 'done' ? 'ok' : b.status === 'cancelled' ? 'muted' : 'warn')}</td><td>${b.createdBy}</td><td class="num">${x.sent}</td><td class="num">${x.total}</td><td>${excerpt(b.text)}</td></tr>`;
})}</tbody></table>`
}</div>`,
    );
  });
  function composeForm(v: Viewer, f: { text: string; channels: string[]; at: string }): Html {
    const { l } = v;
    if (pushChannels.length === 0) return html`<div class="card"><p>${l('a.no_channels')}</p></div>`;
    return html`<form class="card stack" method="post" action="/announcements/preview"><h2>${l('a.compose')}</h2>
<label for="text">${l('a.text')}</label><textarea id="text" name="text" maxlength="3500" required>${f.text}</textarea>
<label>${l('a.channels')}</label><div class="checks">${pushChannels.map((ch) => html`<label><input type="checkbox" name="channels" value="${ch.name}"${f.channels.includes(ch.name) ? html` checked` : ''}> ${ch.label}</label>`)}</div>
<label for="at">${l('a.at')}</label><input type="datetime-local" id="at" name="at" value="${f.at}">
<p><button type="submit">${l('a.preview')}</button></p></form>`;
  }
  const announceRaw = (b: Body, yes: boolean) => ({ text: one(b, 'text'), channels: many(b, 'channels'), at: one(b, 'at') || null, yes });
  web.post('/announcements/preview', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l } = s.v;
    const b = await body(c);
    const raw = announceRaw(b, false);
    const out = await act(s, 'siaran_kirim', raw, 'preview', false);
    if (!out.ok) {
      if (out.status !== 400) return refuse(c, s, out.problem, out.status);
      return show(c, s, l('nav.announcements'), '/announcements', composeForm(s.v, { text: raw.text, channels: raw.channels, at: raw.at ?? '' }), 400, {
        flash: { ok: false, text: out.problem },
      });
    }
    const preview = out.result.json as { audience: Record<string, number>; scheduledAt: string | null };
    const total = Object.values(preview.audience).reduce((a, n) => a + n, 0);
    return show(
      c,
      s,
      l('nav.announcements'),
      '/announcements',
      html`<h1>${l('a.preview')}</h1><form class="card stack" method="post" action="/announcements/send">
<div class="preview" data-testid="preview">${raw.text}</div>
<p>${raw.at ? when(preview.scheduledAt, s.v.lang, tz) : ''}</p>
<table><thead><tr><th>${l('channel')}</th><th class="num">${l('a.recipients')}</th></tr></thead><tbody>
${raw.channels.map((ch) => html`<tr><td>${pushChannels.find((x) => x.name === ch)?.label ?? ch}</td><td class="num">${preview.audience[ch] ?? 0}</td></tr>`)}
<tr><th>${l('a.total')}</th><th class="num">${total}</th></tr></tbody></table>
<input type="hidden" name="text" value="${raw.text}">${raw.channels.map((ch) => html`<input type="hidden" name="channels" value="${ch}">`)}<input type="hidden" name="at" value="${raw.at ?? ''}">
<label><input type="checkbox" name="confirm" value="yes" required> ${l('a.confirm')}</label>
<p><button type="submit">${l('a.send')}</button> <a class="button secondary" href="/announcements">${l('c.back')}</a></p></form>`,
    );
  });
  web.post('/announcements/send', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const b = await body(c);
    if (one(b, 'confirm') !== 'yes') return done(c, s, { ok: false, problem: s.v.l('a.confirm'), status: 400 }, '/announcements');
    const out = await act(s, 'siaran_kirim', announceRaw(b, true), excerpt(one(b, 'text')));
    if (!out.ok) return done(c, s, out, '/announcements');
    const id = (out.result.json as { id?: string } | undefined)?.id;
    return done(c, s, out, id ? `/announcements/${id}` : '/announcements');
  });
  web.post('/announcements/draft/send', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    if (one(await body(c), 'confirm') !== 'yes') return done(c, s, { ok: false, problem: s.v.l('a.confirm'), status: 400 }, '/announcements');
    const out = await act(s, 'kirim', {}, 'draft');
    const id = out.ok ? (out.result.json as { id?: string } | undefined)?.id : undefined;
    return done(c, s, out, id ? `/announcements/${id}` : '/announcements');
  });
  web.post('/announcements/draft/drop', async (c) => {
    const s = await who(c);
    return s instanceof Response ? s : done(c, s, await act(s, 'batal', {}, 'draft'), '/announcements');
  });
  web.get('/announcements/:id', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l, lang } = s.v;
    const param = c.req.param('id');
    if (param.endsWith('.json')) {
      const b = await app.announcements.broadcasts.repo.get(param.slice(0, -5)).catch(() => undefined);
      if (!b) return c.json({ error: 'not found' }, 404);
      return c.json({ ...progressJson(b), statusText: stateLabel(s.v, b) });
    }
    const b = await app.announcements.broadcasts.repo.get(param).catch(() => undefined);
    if (!b) return refuse(c, s, l('err.notfound'), 404);
    return show(
      c,
      s,
      b.id,
      '/announcements',
      html`<p><a href="/announcements">← ${l('c.back')}</a></p><h1>${l('nav.announcements')} ${b.id}</h1>
<div class="card">${progressCard(s.v, b, true)}</div>
<div class="two"><div class="card"><h2>${l('a.text')}</h2><div class="preview">${b.text}</div></div>
<div class="card"><dl class="kv"><dt>${l('a.created')}</dt><dd>${when(b.createdAt, lang, tz)}</dd><dt>${l('a.by')}</dt><dd>${b.createdBy}</dd><dt>${l('a.scheduled')}</dt><dd>${b.scheduledAt ? when(b.scheduledAt, lang, tz) : l('a.now')}</dd></dl>
<table><thead><tr><th>${l('channel')}</th><th class="num">${l('a.sent')}</th><th class="num">${l('a.failed')}</th><th class="num">${l('a.unreachable')}</th><th class="num">${l('a.total')}</th></tr></thead><tbody>
${Object.entries(b.counts).map(([ch, x]) => html`<tr><td>${pushChannels.find((p) => p.name === ch)?.label ?? ch}</td><td class="num">${x.sent}</td><td class="num">${x.failed}</td><td class="num">${x.unreachable}</td><td class="num">${x.total}</td></tr>`)}</tbody></table></div></div>`,
    );
  });
  web.post('/announcements/:id/cancel', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const id = c.req.param('id');
    return done(c, s, await act(s, 'siaran_batal', { id }, id), `/announcements/${encodeURIComponent(id)}`);
  });

  // --- channels and pairing -------------------------------------------------------------------------------
  const qrPath = qrImagePath({ dataDir: opts.dataDir });
  const qrExists = () =>
    readFile(qrPath).then(
      () => true,
      () => false,
    );
  web.get('/channels', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l } = s.v;
    const health = await app.health();
    const hasQr = s.account.role === 'admin' && (await qrExists());
    const rows = app.config.channels.filter((ch) => ch.capabilities.push);
    return show(
      c,
      s,
      l('nav.channels'),
      '/channels',
      html`<h1>${l('nav.channels')}</h1><div class="card"><table><thead><tr><th>${l('channel')}</th><th>${l('ch.state')}</th></tr></thead><tbody>
${rows.map((ch) => {
  const state = !ch.enabled ? 'disabled' : health.channels[ch.name] === 'running' ? 'running' : 'down';
  return html`<tr><td>${ch.label}</td><td>${badge(l(`ch.${state}`), state === 'running' ? 'ok' : state === 'down' ? 'bad' : 'muted')}</td></tr>`;
})}</tbody></table></div>
${rows
  .filter((ch) => 'login' in ch.commands && s.account.role === 'admin')
  .map(
    (ch) =>
      html`<div class="card"><h2>${ch.label}</h2>${hasQr ? html`<p>${l('ch.qr')}</p><img class="qr" src="/channels/qr.png?t=${Date.now()}" alt="QR">` : html`<p class="muted">${l('ch.no_qr')}</p>`}</div>`,
  )}`,
      200,
      { refresh: 20 },
    );
  });
  web.get('/channels/qr.png', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    if (s.account.role !== 'admin') return refuse(c, s, s.v.l('err.forbidden'), 403);
    const png = await readFile(qrPath).catch(() => undefined);
    if (!png) return c.text('no QR', 404);
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
  });

  // --- not understood -------------------------------------------------------------------------------------
  web.get('/unknown', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l, lang } = s.v;
    const groups = groupSimilar(await records.unknowns());
    const canMark = s.account.role !== 'viewer';
    const intents = INTENTS.filter((i) => i !== 'None');
    return show(
      c,
      s,
      l('nav.unknown'),
      '/unknown',
      html`<h1>${l('nav.unknown')}</h1><p class="muted">${l('u.intro')} ${l('u.review')}</p>
<div class="card">${
        groups.length === 0
          ? html`<p class="muted">${l('u.none')}</p>`
          : html`<table><thead><tr><th>${l('u.text')}</th><th class="num">${l('u.times')}</th><th>${l('u.last')}</th><th>${l('u.mark')}</th></tr></thead><tbody>
${groups.slice(0, 200).map(
  (g) => html`<tr><td>${g.items.map(([, u], i) => html`${i > 0 ? html`<br><span class="muted">${u.text}</span>` : html`<strong>${u.text}</strong>`}`)}</td><td class="num">${g.count}</td><td>${when(g.lastAt, lang, tz)}</td>
<td>${
    g.items[0]?.[1].marked
      ? badge(`${l('u.marked')}: ${g.items[0][1].marked}`)
      : canMark
        ? html`<form method="post" action="/unknown/mark" class="row"><input type="hidden" name="key" value="${g.items[0]?.[0] ?? ''}"><select name="intent" aria-label="${l('intent')}" required><option value="">${l('u.pick')}</option>${intents.map((i) => html`<option>${i}</option>`)}</select><button type="submit" class="secondary shrink">${l('u.mark')}</button></form>`
        : ''
  }</td></tr>`,
)}</tbody></table>`
      }</div>`,
    );
  });
  web.post('/unknown/mark', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const b = await body(c);
    const key = one(b, 'key');
    const intent = one(b, 'intent');
    const at = now();
    if (s.account.role === 'viewer') {
      await records.record({ at: at.toISOString(), by: s.account.username, action: 'mark_example', detail: key, ok: false });
      return refuse(c, s, s.v.l('err.forbidden'), 403);
    }
    const u = await records.unknown.get(key);
    if (!u || !(INTENTS as readonly string[]).includes(intent)) return done(c, s, { ok: false, problem: s.v.l('err.problem'), status: 400 }, '/unknown');
    await appendFile(join(opts.dataDir, REVIEW_FILE), `${JSON.stringify({ text: u.text, intent, count: u.count, markedBy: s.account.username, at: at.toISOString() })}\n`, 'utf8');
    await records.unknown.set(key, { ...u, marked: intent });
    await records.record({ at: at.toISOString(), by: s.account.username, action: 'mark_example', detail: `${intent}: ${u.text.slice(0, 80)}`, ok: true });
    await setFlash(s.sid, { ok: true, text: `${s.v.l('u.marked')}: ${intent}` });
    return c.redirect('/unknown', 303);
  });

  // --- admin: audit log and accounts ----------------------------------------------------------------------
  web.get('/audit', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const { l, lang } = s.v;
    if (s.account.role !== 'admin') return refuse(c, s, l('err.forbidden'), 403);
    const log = await records.auditLog();
    return show(
      c,
      s,
      l('nav.audit'),
      '/audit',
      html`<h1>${l('nav.audit')}</h1><div class="card"><table><thead><tr><th>${l('audit.at')}</th><th>${l('audit.by')}</th><th>${l('audit.action')}</th><th>${l('audit.detail')}</th><th>${l('audit.result')}</th></tr></thead><tbody>
${log.map((r) => html`<tr><td>${when(r.at, lang, tz)}</td><td>${r.by}</td><td><code>${r.action}</code></td><td>${r.detail}</td><td>${badge(r.ok ? l('ok') : l('refused'), r.ok ? 'ok' : 'bad')}</td></tr>`)}</tbody></table></div>`,
    );
  });
  const accountsPage = async (c: Context, s: Seen, flash?: Flash) => {
    const { l, lang } = s.v;
    const list = await records.listAccounts();
    return show(
      c,
      s,
      l('nav.accounts'),
      '/accounts',
      html`<h1>${l('nav.accounts')}</h1><div class="card"><table><thead><tr><th>${l('acc.username')}</th><th>${l('acc.role')}</th><th>${l('acc.state')}</th><th>TOTP</th><th>${l('a.created')}</th><th></th></tr></thead><tbody>
${list.map(
  (a) => html`<tr><td>${a.username}</td><td>${l(`role.${a.role}`)}</td><td>${badge(a.disabled ? l('acc.disabled') : l('acc.active'), a.disabled ? 'muted' : 'ok')}</td><td>${a.totpSecret ? l('yes') : l('no')}</td><td>${when(a.createdAt, lang, tz)}</td>
<td>${a.username === s.account.username ? '' : html`<form method="post" action="/accounts/${a.username}/reset" class="shrink"><button type="submit" class="secondary">${l('acc.reset')}</button></form>${a.disabled ? '' : html` <form method="post" action="/accounts/${a.username}/disable" class="shrink"><button type="submit" class="danger">${l('acc.disable')}</button></form>`}`}</td></tr>`,
)}</tbody></table><p class="muted">${l('acc.cli')}</p></div>`,
      200,
      flash ? { flash } : {},
    );
  };
  web.get('/accounts', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    return s.account.role === 'admin' ? accountsPage(c, s) : refuse(c, s, s.v.l('err.forbidden'), 403);
  });
  web.post('/accounts/:user/:action', async (c) => {
    const s = await who(c);
    if (s instanceof Response) return s;
    const user = c.req.param('user');
    const action = c.req.param('action');
    const at = now();
    if (s.account.role !== 'admin') {
      await records.record({ at: at.toISOString(), by: s.account.username, action: `staff_${action}`, detail: user, ok: false });
      return refuse(c, s, s.v.l('err.forbidden'), 403);
    }
    if (action === 'disable') {
      await records.disable(user, at);
      await records.record({ at: at.toISOString(), by: s.account.username, action: 'staff_disable', detail: user, ok: true });
      return accountsPage(c, s, { ok: true, text: `${user}: ${s.v.l('acc.disabled')}` });
    }
    if (action === 'reset') {
      const { oneTime } = await records.reset(user, at);
      await records.record({ at: at.toISOString(), by: s.account.username, action: 'staff_reset', detail: user, ok: true });
      return accountsPage(c, s, { ok: true, text: s.v.l('acc.onetime', { user, password: oneTime }) });
    }
    return refuse(c, s, s.v.l('err.notfound'), 404);
  });

  return { records, metrics };
}
