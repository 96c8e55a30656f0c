/**
 * The console's stylesheet and its one script, served from these strings at /console/app.css and
 * /console/app.js (the CSP allows scripts from 'self' only, never inline). The script is progressive
 * enhancement: without it every page still works by reloading.
 */

export const CSS = `
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--card:#fff;--brand:#0b6e4f;--brand-2:#e6f4ef;--warn:#b44d12;--warn-bg:#fff4e5;--bad:#ab091e;--bad-bg:#ffe3e3;--ok:#0b6e4f}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--brand)}
header.top{display:flex;align-items:center;gap:16px;background:var(--brand);color:#fff;padding:10px 24px}
header.top .brand{font-weight:700;font-size:17px;margin-right:auto}
header.top .brand small{display:block;font-weight:400;opacity:.85;font-size:12px}
header.top form{margin:0}
header.top .who{font-size:13px;opacity:.9}
header.top button,header.top select{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6);border-radius:6px;padding:4px 10px;font:inherit;font-size:13px;cursor:pointer}
header.top select option{color:var(--ink)}
header.top select{width:auto}
header.top form{display:flex;gap:6px;align-items:center}
nav.side{background:#fff;border-bottom:1px solid var(--line);padding:0 24px;display:flex;flex-wrap:wrap;gap:2px}
nav.side a{padding:10px 12px;text-decoration:none;color:var(--muted);border-bottom:3px solid transparent;font-weight:500}
nav.side a.on{color:var(--brand);border-bottom-color:var(--brand)}
main{max-width:1180px;margin:0 auto;padding:22px 24px 60px}
h1{font-size:22px;margin:0 0 16px}
h2{font-size:17px;margin:0 0 10px}
.grid{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));margin-bottom:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin-bottom:16px}
.stat .n{font-size:30px;font-weight:700;line-height:1.1}
.stat .l{color:var(--muted);font-size:13px}
.stat.warn .n{color:var(--warn)}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);background:#fafbfc}
tr:hover td{background:#fbfdfc}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;background:var(--brand-2);color:var(--brand)}
.badge.warn{background:var(--warn-bg);color:var(--warn)}
.badge.bad{background:var(--bad-bg);color:var(--bad)}
.badge.muted{background:#eef1f4;color:var(--muted)}
.flash{padding:10px 14px;border-radius:8px;margin-bottom:16px;border:1px solid}
.flash.ok{background:var(--brand-2);border-color:#b7e0d0}
.flash.bad{background:var(--bad-bg);border-color:#f5b5bd;color:var(--bad)}
form.stack label{display:block;font-weight:600;font-size:13px;margin:12px 0 4px}
input[type=text],input[type=password],input[type=date],input[type=datetime-local],input[type=number],input[type=search],select,textarea{width:100%;padding:8px 10px;border:1px solid #bcccdc;border-radius:6px;font:inherit;background:#fff}
textarea{min-height:110px}
.row{display:flex;gap:10px;flex-wrap:wrap;align-items:end}
.row>*{flex:1 1 160px}
.row>.shrink{flex:0 0 auto}
button,.button{display:inline-block;background:var(--brand);color:#fff;border:0;border-radius:6px;padding:9px 16px;font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:var(--brand);border:1px solid var(--brand)}
button.danger{background:var(--bad)}
.checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:6px 16px;margin:6px 0}
.checks label{font-weight:400!important;margin:0!important;display:flex;gap:8px;align-items:baseline}
.preview{white-space:pre-wrap;background:#fbfcfd;border:1px dashed #9fb3c8;border-radius:8px;padding:14px;font-size:14px}
.muted{color:var(--muted)}
.quote{white-space:pre-wrap;background:#fafbfc;border-left:3px solid var(--line);padding:8px 12px;margin:6px 0}
progress{width:100%;height:14px;accent-color:var(--brand);margin:6px 0 14px}
.login{max-width:380px;margin:60px auto}
.login .card{padding:24px}
dl.kv{display:grid;grid-template-columns:160px 1fr;gap:6px 12px;margin:0}
dl.kv dt{color:var(--muted)}
dl.kv dd{margin:0}
dl.kv+h2,.card h2+h2{margin-top:18px}
.two{display:grid;grid-template-columns:1fr 1fr;gap:16px}
@media (max-width:800px){.two{grid-template-columns:1fr}}
img.qr{width:280px;height:280px;image-rendering:pixelated;border:1px solid var(--line);border-radius:8px;background:#fff}
`;

/** Polls `data-poll` URLs and fills `data-field` elements; stops once the broadcast is final. */
export const JS = `
(function(){
  var box=document.querySelector('[data-poll]');
  if(!box)return;
  var url=box.getAttribute('data-poll');
  function tick(){
    fetch(url,{credentials:'same-origin',headers:{accept:'application/json'}}).then(function(r){return r.ok?r.json():null}).then(function(d){
      if(!d)return;
      Object.keys(d).forEach(function(k){
        var el=box.querySelector('[data-field="'+k+'"]');
        if(el)el.textContent=String(d[k]);
      });
      var bar=box.querySelector('progress');
      if(bar){bar.max=Math.max(1,d.total);bar.value=d.total-d.remaining;}
      if(d.final){
        // Final counts per channel are server-rendered: reload once when the broadcast ends while watched.
        if(box.getAttribute('data-final')!=='1'&&box.hasAttribute('data-reload')){location.reload();return;}
        var c=box.querySelector('[data-cancel]');if(c)c.remove();return;
      }
      setTimeout(tick,1000);
    }).catch(function(){setTimeout(tick,3000);});
  }
  if(box.getAttribute('data-final')!=='1')setTimeout(tick,500);
})();
`;
