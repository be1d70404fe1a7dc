'use strict';
/*
 * Shared helpers of the Swarmhub web UI. Descriptions, patches, logs and ids come from untrusted
 * nodes: they only ever reach the page as text (el() uses text nodes and setAttribute, never
 * innerHTML), and links are built only from this server's own paths.
 */
const SH = (() => {
  const STATUS = ['STATUS_UNSPECIFIED', 'KEEP', 'DISCARD', 'CRASH', 'TIMEOUT', 'INVALID', 'LOST'];
  const STATUS_COLOR = {
    KEEP: '#16a34a', DISCARD: '#94a3b8', CRASH: '#dc2626', TIMEOUT: '#ea580c',
    INVALID: '#9333ea', LOST: '#ca8a04', STATUS_UNSPECIFIED: '#64748b',
  };
  const NODE_COLORS = ['#2563eb', '#db2777', '#0d9488', '#d97706', '#7c3aed', '#65a30d', '#0891b2',
    '#e11d48', '#4b5563', '#a16207'];

  /** Makes an element; props: class, text, on: {event: fn}, href (own paths only), other attributes. */
  function el(tag, props, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else if (k === 'on') Object.entries(v).forEach(([ev, fn]) => e.addEventListener(ev, fn));
      else if (k === 'href') e.setAttribute('href', String(v).startsWith('/') ? v : '#');
      else e.setAttribute(k, String(v));
    }
    for (const kid of kids.flat()) {
      if (kid !== null && kid !== undefined && kid !== false) e.append(kid instanceof Node ? kid : String(kid));
    }
    return e;
  }

  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!r.ok) {
      let msg = r.status + ' ' + r.statusText;
      try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return r.json();
  }

  /** A protobuf JSON number: int64 come as strings, NaN as "NaN", zero is left out. */
  function num(v) {
    return v === undefined || v === null ? 0 : Number(v);
  }

  /** A metric from the compact endpoints, where null means none (NaN). */
  function metric(v) {
    return v === null || v === undefined ? NaN : Number(v);
  }

  function fmt(x) {
    if (!Number.isFinite(x)) return '—';
    const a = Math.abs(x);
    if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toExponential(3);
    return String(Number(x.toPrecision(6)));
  }

  function count(n) {
    return Number(n).toLocaleString('en-US');
  }

  function ago(ms) {
    if (!ms) return '—';
    const s = Math.max(0, (Date.now() - ms) / 1000);
    if (s < 60) return Math.floor(s) + ' s ago';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    if (s < 86400) return Math.floor(s / 3600) + ' h ago';
    return Math.floor(s / 86400) + ' d ago';
  }

  function time(ms) {
    return ms ? new Date(ms).toLocaleString() : '—';
  }

  function bytes(n) {
    if (!n) return '';
    const gib = n / 1024 ** 3;
    return gib >= 1 ? gib.toFixed(gib >= 10 ? 0 : 1) + ' GiB' : Math.round(n / 1024 ** 2) + ' MiB';
  }

  function chip(status) {
    const s = String(status || 'STATUS_UNSPECIFIED');
    const known = STATUS.includes(s) || s === 'ACTIVE' || s === 'STOPPED';
    return el('span', { class: 'chip' + (known ? ' s-' + s.toLowerCase() : ''), text: s.replace('STATUS_', '') });
  }

  function shortId(id) {
    return id && id.length > 12 ? '…' + id.slice(-8) : (id || '');
  }

  function campaignHref(cid) {
    return '/campaigns/' + encodeURIComponent(cid);
  }

  function experimentHref(cid, eid) {
    return campaignHref(cid) + '/experiments/' + encodeURIComponent(eid);
  }

  /** The decoded parts of this page's path: /campaigns/ID/experiments/EID -> ['campaigns', ID, ...]. */
  function pathParts() {
    return location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  }

  function error(msg) {
    const box = document.getElementById('error');
    box.textContent = msg;
    box.hidden = !msg;
  }

  /** The header's live indicator: true (streaming), false (reconnecting), or a text. */
  function live(state) {
    const l = document.getElementById('live');
    l.className = 'live' + (state === true ? ' on' : state === false ? ' off' : '');
    l.textContent = state === true ? 'live' : state === false ? 'reconnecting…' : (state || '');
  }

  function better(a, b, minimize) {
    return minimize ? a < b : a > b;
  }

  /** Sizes a canvas to its box at the device's pixel ratio; returns its context and CSS size. */
  function canvas(c, height) {
    const w = c.clientWidth || 300;
    const h = height || c.clientHeight || 150;
    const r = window.devicePixelRatio || 1;
    if (c.width !== Math.round(w * r) || c.height !== Math.round(h * r)) {
      c.width = Math.round(w * r);
      c.height = Math.round(h * r);
    }
    const ctx = c.getContext('2d');
    ctx.setTransform(r, 0, 0, r, 0, 0);
    ctx.clearRect(0, 0, w, h);
    return { ctx, w, h };
  }

  /** A small line of values (the running best), drawn on a canvas. */
  function sparkline(c, values) {
    const { ctx, w, h } = canvas(c, c.clientHeight || 28);
    if (values.length < 2) return;
    const lo = Math.min(...values); const hi = Math.max(...values);
    const y = v => hi === lo ? h / 2 : 3 + (1 - (v - lo) / (hi - lo)) * (h - 6);
    ctx.strokeStyle = '#16a34a';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    values.forEach((v, i) => {
      const x = 2 + i / (values.length - 1) * (w - 4);
      if (i === 0) ctx.moveTo(x, y(v)); else { ctx.lineTo(x, y(values[i - 1])); ctx.lineTo(x, y(v)); }
    });
    ctx.stroke();
  }

  /** Wires a .toggle group of buttons with data-v values; calls onChange(value). */
  function toggle(group, onChange) {
    group.querySelectorAll('button').forEach(b => b.addEventListener('click', () => {
      group.querySelectorAll('button').forEach(o => o.classList.toggle('on', o === b));
      onChange(b.dataset.v);
    }));
  }

  function activeNav(id) {
    const a = document.getElementById(id);
    if (a) a.classList.add('active');
  }

  return {
    STATUS, STATUS_COLOR, NODE_COLORS, el, getJson, num, metric, fmt, count, ago, time, bytes, chip,
    shortId, campaignHref, experimentHref, pathParts, error, live, better, canvas, sparkline, toggle, activeNav,
  };
})();
