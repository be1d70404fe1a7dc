'use strict';
/*
 * The campaign page's progress chart, drawn by hand on a canvas. Points are the rows of
 * /api/campaigns/{id}/progress: [position, finishedAtMs, metric, statusCode, nodeIndex]. Every
 * experiment is a faint dot coloured by status (or node); KEEPs are solid; the running best is a
 * step line. The y range ignores the worst 5 % so one wild run does not flatten the picture;
 * such points sit on the edge.
 */
class ProgressChart {
  constructor(canvas, tip, legend) {
    this.canvas = canvas;
    this.tip = tip;
    this.legend = legend;
    this.points = [];
    this.nodes = [];
    this.minimize = true;
    this.metricName = 'metric';
    this.xMode = 'position';
    this.colorMode = 'status';
    this.screen = [];
    this.pending = false;
    canvas.addEventListener('mousemove', e => this.hover(e));
    canvas.addEventListener('mouseleave', () => { this.tip.hidden = true; });
    window.addEventListener('resize', () => this.redraw());
  }

  set(points, nodes, minimize, metricName) {
    this.points = points;
    this.nodes = nodes.slice();
    this.minimize = minimize;
    this.metricName = metricName;
    this.redraw();
  }

  add(point) {
    this.points.push(point);
    this.redraw();
  }

  nodeIndex(id) {
    let i = this.nodes.indexOf(id);
    if (i < 0) { this.nodes.push(id); i = this.nodes.length - 1; }
    return i;
  }

  mode(xMode, colorMode) {
    this.xMode = xMode || this.xMode;
    this.colorMode = colorMode || this.colorMode;
    this.redraw();
  }

  redraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  color(p) {
    return this.colorMode === 'node' ? SH.NODE_COLORS[p[4] % SH.NODE_COLORS.length]
      : SH.STATUS_COLOR[SH.STATUS[p[3]]] || '#64748b';
  }

  draw() {
    const { ctx, w, h } = SH.canvas(this.canvas, 320);
    const m = { l: 62, r: 18, t: 12, b: 30 };
    ctx.font = '11px system-ui, sans-serif';
    const xi = this.xMode === 'time' ? 1 : 0;
    const pts = this.points.filter(p => xi === 0 || p[1] > 0);
    this.screen = [];
    this.drawLegend();
    if (!pts.length) {
      ctx.fillStyle = '#64748b';
      ctx.fillText('No experiments yet: the chart fills in as they arrive.', m.l, h / 2);
      return;
    }
    let x0 = Infinity; let x1 = -Infinity;
    for (const p of pts) { x0 = Math.min(x0, p[xi]); x1 = Math.max(x1, p[xi]); }
    if (x0 === x1) { x0 -= 1; x1 += 1; }
    const [lo, hi] = this.yRange(pts);
    const pw = w - m.l - m.r; const ph = h - m.t - m.b;
    const sx = v => m.l + (v - x0) / (x1 - x0) * pw;
    const sy = v => m.t + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * ph;
    this.axes(ctx, m, w, h, x0, x1, lo, hi, sx, sy, xi);

    const isKeep = p => p[3] === 1;
    for (const pass of [false, true]) {
      ctx.globalAlpha = pass ? 0.95 : 0.35;
      for (const p of pts) {
        if (isKeep(p) !== pass) continue;
        const x = sx(p[xi]);
        const y = Number.isFinite(p[2]) ? sy(p[2]) : m.t + 2;
        ctx.fillStyle = this.color(p);
        ctx.beginPath();
        ctx.arc(x, y, pass ? 3.2 : 2.2, 0, 2 * Math.PI);
        ctx.fill();
        this.screen.push([x, y, p]);
      }
    }
    ctx.globalAlpha = 1;
    this.bestLine(ctx, pts, xi, sx, sy);
  }

  yRange(pts) {
    const all = []; let keepLo = Infinity; let keepHi = -Infinity;
    for (const p of pts) {
      if (!Number.isFinite(p[2])) continue;
      all.push(p[2]);
      if (p[3] === 1) { keepLo = Math.min(keepLo, p[2]); keepHi = Math.max(keepHi, p[2]); }
    }
    if (!all.length) return [0, 1];
    all.sort((a, b) => a - b);
    const q = f => all[Math.min(all.length - 1, Math.floor(f * (all.length - 1)))];
    let lo; let hi;
    if (this.minimize) { lo = all[0]; hi = Math.max(q(0.95), keepHi); } else { lo = Math.min(q(0.05), keepLo); hi = all[all.length - 1]; }
    if (lo === hi) { lo -= 1; hi += 1; }
    const pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  }

  bestLine(ctx, pts, xi, sx, sy) {
    const ordered = xi === 0 ? pts : pts.slice().sort((a, b) => a[1] - b[1]);
    let best = NaN; let started = false;
    ctx.strokeStyle = '#0f172a';
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (const p of ordered) {
      if (p[3] !== 1 || !Number.isFinite(p[2])) continue;
      if (!started) { best = p[2]; ctx.moveTo(sx(p[xi]), sy(best)); started = true; continue; }
      if (SH.better(p[2], best, this.minimize)) {
        ctx.lineTo(sx(p[xi]), sy(best));
        best = p[2];
        ctx.lineTo(sx(p[xi]), sy(best));
      }
    }
    if (started) {
      ctx.lineTo(sx(ordered[ordered.length - 1][xi]), sy(best));
      ctx.stroke();
    }
  }

  axes(ctx, m, w, h, x0, x1, lo, hi, sx, sy, xi) {
    ctx.strokeStyle = '#e2e8f0';
    ctx.fillStyle = '#64748b';
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of ticks(lo, hi, 6)) {
      const y = Math.round(sy(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(m.l, y); ctx.lineTo(w - m.r, y); ctx.stroke();
      ctx.fillText(SH.fmt(v), m.l - 6, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const xs = xi === 0 ? ticks(x0, x1, 8).filter(v => Number.isInteger(v)) : timeTicks(x0, x1, 6);
    for (const v of xs) {
      const x = Math.round(sx(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(x, h - m.b); ctx.lineTo(x, h - m.b + 4); ctx.stroke();
      ctx.fillText(xi === 0 ? SH.count(v) : timeLabel(v, x1 - x0), x, h - m.b + 7);
    }
    ctx.strokeStyle = '#cbd5e1';
    ctx.beginPath(); ctx.moveTo(m.l, m.t); ctx.lineTo(m.l, h - m.b); ctx.lineTo(w - m.r, h - m.b); ctx.stroke();
  }

  drawLegend() {
    const items = [];
    if (this.colorMode === 'node') {
      this.nodes.forEach((n, i) => items.push([SH.NODE_COLORS[i % SH.NODE_COLORS.length], n]));
    } else {
      const seen = new Set(this.points.map(p => p[3]));
      SH.STATUS.forEach((s, i) => { if (seen.has(i)) items.push([SH.STATUS_COLOR[s], s.replace('STATUS_', '')]); });
    }
    const kids = items.map(([c, label]) => {
      const sw = SH.el('span', { class: 'sw' });
      sw.style.background = c;
      return SH.el('span', {}, sw, label);
    });
    kids.push(SH.el('span', {}, SH.el('span', { class: 'sw line' }), 'running best'));
    this.legend.replaceChildren(...kids);
  }

  hover(e) {
    const r = this.canvas.getBoundingClientRect();
    const mx = e.clientX - r.left; const my = e.clientY - r.top;
    let best = null; let bd = 144;
    for (const s of this.screen) {
      const d = (s[0] - mx) ** 2 + (s[1] - my) ** 2;
      if (d < bd) { bd = d; best = s; }
    }
    if (!best) { this.tip.hidden = true; return; }
    const p = best[2];
    this.tip.textContent = '#' + SH.count(p[0]) + ' · ' + SH.STATUS[p[3]].replace('STATUS_', '') + ' · '
      + this.metricName + ' ' + SH.fmt(p[2]) + ' · ' + (this.nodes[p[4]] || '?') + ' · ' + SH.time(p[1]);
    this.tip.style.left = best[0] + 'px';
    this.tip.style.top = best[1] + 'px';
    this.tip.hidden = false;
  }
}

/** About n round values between lo and hi (steps of 1, 2 or 5 times a power of ten). */
function ticks(lo, hi, n) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(f => f * mag).find(s => s >= raw) || raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function timeTicks(t0, t1, n) {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map(s => s * 1000);
  const step = steps.find(s => (t1 - t0) / s <= n) || 86400000 * Math.ceil((t1 - t0) / n / 86400000);
  const out = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) out.push(t);
  return out;
}

function timeLabel(t, span) {
  const d = new Date(t);
  const two = v => String(v).padStart(2, '0');
  const hm = two(d.getHours()) + ':' + two(d.getMinutes());
  if (span > 2 * 86400000) return (d.getMonth() + 1) + '/' + d.getDate() + ' ' + hm;
  return span < 600000 ? hm + ':' + two(d.getSeconds()) : hm;
}
