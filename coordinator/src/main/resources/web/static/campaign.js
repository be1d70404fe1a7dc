'use strict';
/*
 * The campaign page: the campaign (/api/campaigns/{id}), its progress (/progress, thinned past
 * 5,000 points but with every KEEP), findings (/findings) and lineage tree, then live updates
 * from /api/campaigns/{id}/events starting at the progress cursor, so nothing is missed or
 * counted twice. Nothing reloads: counters, chart, findings and tree follow the stream.
 */
(() => {
  SH.activeNav('nav-campaigns');
  const cid = SH.pathParts()[1];
  const api = '/api/campaigns/' + encodeURIComponent(cid);
  const $ = id => document.getElementById(id);
  const chart = new ProgressChart($('progress-chart'), $('chart-tip'), $('chart-legend'));
  const s = { count: 0, keeps: 0, best: null, minimize: true, metric: 'metric', last: 0, sampled: false, shown: 0 };
  let tree = null;
  let findingsTimer = null;

  async function start() {
    try {
      const info = (await SH.getJson(api)).campaign;
      header(info);
      const progress = await SH.getJson(api + '/progress?max=5000');
      const points = progress.points.map(p => [p[0], p[1], SH.metric(p[2]), p[3], p[4]]);
      s.count = progress.nextCursor;
      s.sampled = progress.sampled;
      s.shown = points.length;
      for (const p of points) {
        s.last = Math.max(s.last, p[1]);
        if (p[3] !== 1) continue;
        s.keeps++;
        if (Number.isFinite(p[2]) && (!s.best || SH.better(p[2], s.best.metric, s.minimize))) s.best = { metric: p[2], id: null };
      }
      chart.set(points, progress.nodes, s.minimize, s.metric);
      tiles();
      await bestId();
      tree = new LineageTree($('tree'), cid, s.metric);
      await Promise.all([findings(), tree.load()]);
      listen(progress.nextCursor);
      setInterval(async () => header((await SH.getJson(api)).campaign), 10000);
      setInterval(tiles, 5000); // keeps "last experiment … ago" current
    } catch (e) {
      SH.error('Cannot load campaign ' + cid + ': ' + e.message);
    }
  }

  function header(info) {
    const def = info.campaign || {};
    const goal = def.goal || {};
    s.minimize = goal.direction !== 'MAXIMIZE';
    s.metric = goal.metric || 'metric';
    document.title = (def.name || cid) + ' · Swarmhub';
    $('campaign-name').textContent = def.name || cid;
    $('crumb-name').textContent = def.name || cid;
    $('campaign-state').replaceChildren(SH.chip(info.state === 'STOPPED' ? 'STOPPED' : 'ACTIVE'));
    const proposers = (def.proposers || []).map(p => p.name || p.kind).join(', ');
    $('campaign-goal').textContent = cid + ' · ' + (s.minimize ? 'minimize ' : 'maximize ') + s.metric
      + (proposers ? ' · proposers: ' + proposers : '');
    $('best-label').textContent = 'Best ' + s.metric + (s.minimize ? ' ↓' : ' ↑');
    $('lb-metric').textContent = s.metric;
  }

  async function bestId() {
    const b = await SH.getJson(api + '/best');
    if (b.found && b.experiment) {
      const m = SH.num(b.experiment.metric);
      if (!s.best || !SH.better(s.best.metric, m, s.minimize)) s.best = { metric: m, id: b.experiment.id };
    }
  }

  function tiles() {
    $('experiment-count').textContent = SH.count(s.count);
    $('keep-count').textContent = SH.count(s.keeps);
    $('keep-rate').textContent = s.count ? (100 * s.keeps / s.count).toFixed(1) + ' %' : '—';
    const best = $('best-metric');
    best.textContent = s.best ? SH.fmt(s.best.metric) : '—';
    if (s.best && s.best.id) best.setAttribute('href', SH.experimentHref(cid, s.best.id));
    $('last-seen').textContent = SH.ago(s.last);
    $('chart-note').textContent = s.sampled
      ? 'every KEEP; other experiments thinned to ' + SH.count(s.shown) + ' dots at load' : '';
  }

  async function findings() {
    const data = await SH.getJson(api + '/findings?limit=15');
    const rows = data.findings.map((f, i) => SH.el('tr', {},
      SH.el('td', { class: 'num muted', text: i + 1 }),
      SH.el('td', { class: 'num strong', text: SH.fmt(SH.metric(f.metric)) }),
      SH.el('td', { class: 'clip' },
        SH.el('a', { class: 'mono', href: SH.experimentHref(cid, f.id), text: SH.shortId(f.id) }), ' ',
        SH.el('span', { class: 'muted', text: f.description || (f.parentId ? '' : 'baseline') })),
      SH.el('td', { class: 'nowrap', text: f.nodeId }),
      SH.el('td', { class: 'muted nowrap', text: SH.ago(f.finishedAtMs) })));
    $('leaderboard-rows').replaceChildren(...(rows.length ? rows
      : [SH.el('tr', {}, SH.el('td', { colspan: 5, class: 'muted', text: 'No findings yet.' }))]));
  }

  function listen(cursor) {
    const events = new EventSource(api + '/events?cursor=' + cursor);
    events.addEventListener('open', () => SH.live(true));
    events.addEventListener('error', () => SH.live(false)); // EventSource reconnects with Last-Event-ID
    events.addEventListener('failure', m => SH.error('Live events stopped: ' + JSON.parse(m.data).error));
    events.addEventListener('experiment', m => {
      const r = JSON.parse(m.data);
      onExperiment(r.experiment || {}, SH.num(r.nextCursor));
    });
  }

  function onExperiment(e, next) {
    const status = e.status || 'STATUS_UNSPECIFIED';
    const metric = SH.num(e.metric);
    const finished = SH.num(e.finishedAtMs);
    s.count = Math.max(s.count, next);
    s.last = Math.max(s.last, finished);
    chart.add([next - 1, finished, metric, Math.max(0, SH.STATUS.indexOf(status)), chart.nodeIndex(e.nodeId || '')]);
    let bestChanged = false;
    if (status === 'KEEP') {
      s.keeps++;
      if (Number.isFinite(metric) && (!s.best || SH.better(metric, s.best.metric, s.minimize))) {
        s.best = { metric, id: e.id };
        bestChanged = true;
      }
      if (!findingsTimer) {
        findingsTimer = setTimeout(() => {
          findingsTimer = null;
          findings().catch(err => SH.error('Cannot refresh the findings: ' + err.message));
        }, 500);
      }
    }
    tiles();
    if (tree) tree.onExperiment(e, bestChanged);
  }

  SH.toggle($('x-mode'), v => chart.mode(v, null));
  SH.toggle($('color-mode'), v => chart.mode(null, v));
  start();
})();
