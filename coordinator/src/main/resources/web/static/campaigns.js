'use strict';
/* The campaigns page: /api/campaigns every 5 s, and each campaign's running best from
   /api/campaigns/{id}/progress?keeps=true (every 15 s) for the trend column. */
(() => {
  SH.activeNav('nav-campaigns');
  const rows = document.getElementById('campaign-rows');
  const trends = new Map(); // campaign id -> { at, values }

  async function refresh() {
    try {
      const data = await SH.getJson('/api/campaigns');
      SH.error('');
      render((data.campaigns || []).slice().reverse());
    } catch (e) {
      SH.error('Cannot load the campaigns: ' + e.message);
    }
  }

  function render(list) {
    if (!list.length) {
      rows.replaceChildren(SH.el('tr', {}, SH.el('td', { colspan: 6, class: 'muted' },
        'No campaigns yet. Launch one with ', SH.el('code', { text: 'swarm campaign launch FILE' }), '.')));
      return;
    }
    rows.replaceChildren(...list.map(row));
  }

  function row(c) {
    const def = c.campaign || {};
    const goal = def.goal || {};
    const minimize = goal.direction !== 'MAXIMIZE';
    const n = SH.num(c.experiments);
    const counts = c.countsByStatus || {};
    const keeps = SH.num(counts.KEEP);
    const spark = SH.el('canvas', { class: 'spark' });
    const delta = SH.el('span', { class: 'muted small' });
    const tr = SH.el('tr', { 'data-campaign': c.campaignId },
      SH.el('td', {},
        SH.el('a', { class: 'strong', href: SH.campaignHref(c.campaignId), text: def.name || c.campaignId }),
        SH.el('div', { class: 'muted mono small', text: c.campaignId })),
      SH.el('td', {}, SH.chip(c.state === 'STOPPED' ? 'STOPPED' : 'ACTIVE')),
      SH.el('td', { class: 'num' }, SH.el('div', { text: SH.count(n) }), statusBar(counts, n)),
      SH.el('td', { class: 'num', text: n ? (100 * keeps / n).toFixed(1) + ' %' : '—' }),
      SH.el('td', { class: 'num' },
        SH.el('div', { class: 'strong', text: c.bestExperimentId ? SH.fmt(SH.num(c.bestMetric)) : '—' }),
        SH.el('div', { class: 'muted small', text: (goal.metric || 'metric') + (minimize ? ' ↓' : ' ↑') })),
      SH.el('td', {}, SH.el('div', { class: 'trend' }, spark, delta)));
    trend(c.campaignId, minimize, spark, delta);
    return tr;
  }

  function statusBar(counts, n) {
    const bar = SH.el('div', { class: 'bar', title: Object.entries(counts).map(([k, v]) => k + ' ' + v).join(', ') });
    for (const s of SH.STATUS) {
      const v = SH.num(counts[s]);
      if (!v || !n) continue;
      const seg = SH.el('span', { class: 'seg s-' + s.toLowerCase() });
      seg.style.width = (100 * v / n) + '%';
      bar.append(seg);
    }
    return bar;
  }

  async function trend(id, minimize, spark, delta) {
    let t = trends.get(id);
    if (!t || Date.now() - t.at > 15000) {
      try {
        const p = await SH.getJson('/api/campaigns/' + encodeURIComponent(id) + '/progress?keeps=true');
        const values = [];
        for (const pt of p.points) {
          const m = SH.metric(pt[2]);
          if (!Number.isFinite(m)) continue;
          if (!values.length || SH.better(m, values[values.length - 1], minimize)) values.push(m);
        }
        t = { at: Date.now(), values };
        trends.set(id, t);
      } catch (e) {
        delta.textContent = 'no trend: ' + e.message;
        return;
      }
    }
    requestAnimationFrame(() => SH.sparkline(spark, t.values));
    const v = t.values;
    if (v.length < 2) {
      delta.textContent = v.length ? 'baseline only' : 'no findings yet';
    } else {
      const first = v[0]; const last = v[v.length - 1];
      const change = first !== 0 ? (100 * (last - first) / Math.abs(first)).toFixed(1) + ' %' : SH.fmt(last - first);
      delta.textContent = (last - first > 0 ? '+' : '') + change + ' since the baseline, ' + (v.length - 1) + ' improvements';
    }
  }

  refresh();
  setInterval(refresh, 5000);
})();
