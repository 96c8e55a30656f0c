/** The frame of every console page: header, navigation by role, flash message. */
import type { Role } from '../kernel/operation.js';
import { html, type Html, type Part } from './html.js';
import type { L, Lang } from './i18n.js';

/** A navigation entry: path, label key, least role that sees it. */
const NAV = [
  ['/', 'nav.dashboard', 'viewer'],
  ['/complaints', 'nav.complaints', 'viewer'],
  ['/consultations', 'nav.consultations', 'viewer'],
  ['/closure', 'nav.closure', 'viewer'],
  ['/announcements', 'nav.announcements', 'viewer'],
  ['/channels', 'nav.channels', 'viewer'],
  ['/unknown', 'nav.unknown', 'viewer'],
  ['/audit', 'nav.audit', 'admin'],
  ['/accounts', 'nav.accounts', 'admin'],
] as const;

const RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2 };

/** A message shown once at the top of a page. */
export interface Flash {
  ok: boolean;
  text: string;
}

/** Who is looking at a page. */
export interface Viewer {
  username: string;
  role: Role;
  lang: Lang;
  l: L;
}

/** A whole page. */
export function page(opts: { v: Viewer | undefined; title: string; active?: string; flash?: Flash | undefined; office: string; body: Part; refresh?: number }): Html {
  const { v, title, active, flash, office, body } = opts;
  const l = v?.l;
  return html`<!doctype html>
<html lang="${v?.lang ?? 'id'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${opts.refresh ? html`<meta http-equiv="refresh" content="${opts.refresh}">` : ''}
<title>${title} · ${office}</title>
<link rel="stylesheet" href="/console/app.css">
<script src="/console/app.js" defer></script>
</head>
<body>
<header class="top">
  <div class="brand">${l ? l('title') : 'Konsol Petugas'}<small>${office}</small></div>
  ${
    v && l
      ? html`<span class="who">${v.username} · ${l(`role.${v.role}`)}</span>
  <form method="post" action="/language"><select name="lang" aria-label="${l('language')}">
    <option value="id"${v.lang === 'id' ? html` selected` : ''}>Bahasa Indonesia</option>
    <option value="en"${v.lang === 'en' ? html` selected` : ''}>English</option>
  </select> <button type="submit">${l('save')}</button></form>
  <form method="post" action="/logout"><button type="submit">${l('logout')}</button></form>`
      : ''
  }
</header>
${
  v && l
    ? html`<nav class="side">${NAV.filter(([, , role]) => RANK[v.role] >= RANK[role]).map(
        ([href, key]) => html`<a href="${href}"${active === href ? html` class="on" aria-current="page"` : ''}>${l(key)}</a>`,
      )}</nav>`
    : ''
}
<main>
${flash ? html`<div class="flash ${flash.ok ? 'ok' : 'bad'}" role="status">${flash.text}</div>` : ''}
${body}
</main>
</body>
</html>`;
}

/** A status badge: green when all is well, amber for waiting, red for trouble. */
export function badge(text: string, tone: 'ok' | 'warn' | 'bad' | 'muted' = 'ok'): Html {
  return html`<span class="badge ${tone === 'ok' ? '' : tone}">${text}</span>`;
}

/** A date-time in the office's zone, short (1 Des 2026 08.30). */
export function when(iso: string | null | undefined, lang: Lang, timeZone: string): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
}

/** A calendar date (YYYY-MM-DD) in words. */
export function day(date: string | null | undefined, lang: Lang): string {
  if (!date) return '–';
  const d = new Date(`${date}T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}
