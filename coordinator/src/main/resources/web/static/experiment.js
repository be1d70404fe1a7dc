'use strict';
/*
 * The experiment page: /api/campaigns/{id}/experiments/{eid} (patch, metrics, log tail), its
 * lineage as a breadcrumb (.../breadcrumb, compact), and the `swarm checkout` command for this
 * coordinator (/api/server). The diff is drawn line by line as text, coloured by its first char.
 */
(() => {
  SH.activeNav('nav-campaigns');
  const parts = SH.pathParts();
  const cid = parts[1];
  const eid = parts[3];
  const api = '/api/campaigns/' + encodeURIComponent(cid);
  const $ = id => document.getElementById(id);
  const MAX_LINES = 4000;

  async function start() {
    try {
      const [exp, info, lineage, server] = await Promise.all([
        SH.getJson(api + '/experiments/' + encodeURIComponent(eid)),
        SH.getJson(api),
        SH.getJson(api + '/experiments/' + encodeURIComponent(eid) + '/breadcrumb'),
        SH.getJson('/api/server'),
      ]);
      render(exp.experiment, info.campaign, lineage.experiments || [], server);
    } catch (e) {
      SH.error('Cannot load experiment ' + eid + ': ' + e.message);
    }
  }

  function render(e, info, lineage, server) {
    const def = info.campaign || {};
    const goal = def.goal || {};
    const metricName = goal.metric || 'metric';
    const status = e.status || 'STATUS_UNSPECIFIED';
    document.title = SH.shortId(e.id) + ' · ' + (def.name || cid) + ' · Swarmhub';
    $('crumbs').replaceChildren(SH.el('a', { href: '/', text: 'Campaigns' }), ' / ',
      SH.el('a', { href: SH.campaignHref(cid), text: def.name || cid }), ' / ', SH.el('span', { text: SH.shortId(e.id) }));
    $('exp-title').textContent = e.description || (e.parentId ? 'Experiment' : 'Baseline');
    $('exp-status').replaceChildren(SH.chip(status));
    $('exp-id').textContent = e.id;
    tiles(e, metricName, lineage);
    crumbs(lineage, e.id);
    const flag = server.isDefault ? '' : ' --coordinator ' + server.coordinator;
    $('checkout-cmd').textContent = 'swarm checkout ' + e.id + flag;
    $('copy-cmd').addEventListener('click', copy);
    details(e);
    metrics(e, metricName);
    $('diff').replaceChildren(e.patch ? diff(e.patch) : SH.el('p', { class: 'muted',
      text: e.parentId ? 'No patch: this experiment changed nothing.' : 'The baseline: the campaign base, unchanged.' }));
    if (e.lineagePatch) {
      $('lineage-patch-card').hidden = false;
      $('lineage-patch').replaceChildren(diff(e.lineagePatch));
    }
    $('log-tail').textContent = e.logTail || '(no log)';
  }

  function tiles(e, metricName, lineage) {
    const tile = (label, value, id) => SH.el('div', { class: 'tile' },
      SH.el('div', { class: 'label', text: label }), SH.el('div', { class: 'value', id, text: value }));
    const parent = lineage.length > 1 ? lineage[lineage.length - 2] : null;
    const m = SH.num(e.metric);
    let delta = '—';
    if (parent && Number.isFinite(m) && Number.isFinite(SH.metric(parent.metric))) {
      const d = m - SH.metric(parent.metric);
      delta = (d > 0 ? '+' : '') + SH.fmt(d);
    }
    $('exp-tiles').replaceChildren(
      tile(metricName, SH.fmt(m), 'exp-metric'),
      tile('vs parent', delta),
      tile('Run time', SH.fmt(Number(SH.num(e.seconds).toPrecision(3))) + ' s'),
      tile('Depth', String(lineage.length)),
      tile('Finished', SH.ago(SH.num(e.finishedAtMs))));
  }

  /** The lineage as links; long ones show their start and end with the middle behind a button. */
  function crumbs(lineage, id) {
    const link = x => SH.el('a', { class: 'crumb' + (x.id === id ? ' here' : ''), href: SH.experimentHref(cid, x.id),
      title: (x.description || '') + ' · ' + SH.fmt(SH.metric(x.metric)) }, SH.chip(x.status), ' ', SH.shortId(x.id),
    SH.el('span', { class: 'muted', text: ' ' + SH.fmt(SH.metric(x.metric)) }));
    const box = $('lineage');
    const sep = () => SH.el('span', { class: 'sep', text: '›' });
    const all = lineage.map(link);
    if (all.length <= 14) {
      box.replaceChildren(...all.flatMap((a, i) => (i ? [sep(), a] : [a])));
      return;
    }
    const head = all.slice(0, 3); const tail = all.slice(-8);
    const more = SH.el('button', { class: 'more', text: (all.length - 11) + ' more…' });
    more.addEventListener('click', () => box.replaceChildren(...all.flatMap((a, i) => (i ? [sep(), a] : [a]))));
    box.replaceChildren(...head.flatMap((a, i) => (i ? [sep(), a] : [a])), sep(), more,
      ...tail.flatMap(a => [sep(), a]));
  }

  function details(e) {
    const hw = e.hardware || {};
    const rows = [
      ['Node', e.nodeId + (e.slot ? ' · slot ' + e.slot : '')],
      ['Hardware', [hw.cpuModel, hw.cores ? hw.cores + ' cores' : '', SH.bytes(SH.num(hw.memoryBytes)),
        (hw.gpus || []).join(', '), hw.device].filter(Boolean).join(' · ') || '—'],
      ['Proposer', e.proposer || '—'],
      ['Parent', e.parentId ? SH.el('a', { class: 'mono', href: SH.experimentHref(cid, e.parentId), text: e.parentId }) : 'none (baseline)'],
      ['Started', SH.time(SH.num(e.startedAtMs))],
      ['Finished', SH.time(SH.num(e.finishedAtMs))],
      ['Commit', e.commit ? SH.el('span', { class: 'mono', text: e.commit }) : '—'],
      ['Memory', e.memoryGb ? SH.fmt(SH.num(e.memoryGb)) + ' GB' : '—'],
    ];
    if (e.message) rows.push(['Message', e.message]);
    $('details').replaceChildren(...rows.flatMap(([k, v]) => [SH.el('dt', { text: k }), SH.el('dd', {}, v)]));
  }

  function metrics(e, metricName) {
    const entries = Object.entries(e.metrics || {}).sort(([a], [b]) => (a === metricName ? -1 : b === metricName ? 1 : a.localeCompare(b)));
    $('metric-rows').replaceChildren(...(entries.length ? entries.map(([k, v]) => SH.el('tr', {},
      SH.el('td', { class: k === metricName ? 'strong' : '', text: k }), SH.el('td', { class: 'num mono', text: SH.fmt(SH.num(v)) })))
      : [SH.el('tr', {}, SH.el('td', { class: 'muted', text: 'No metrics recorded.' }))]));
  }

  /** A unified diff as coloured lines of text. */
  function diff(patch) {
    const pre = SH.el('pre', { class: 'diff' });
    const lines = patch.replace(/\n$/, '').split('\n');
    const show = lines.length > MAX_LINES ? lines.slice(0, MAX_LINES) : lines;
    for (const line of show) {
      let kind = 'ctx';
      if (/^(diff |index |--- |\+\+\+ |new file|deleted file|similarity|rename )/.test(line)) kind = 'meta';
      else if (line.startsWith('@@')) kind = 'hunk';
      else if (line.startsWith('+')) kind = 'add';
      else if (line.startsWith('-')) kind = 'del';
      pre.append(SH.el('span', { class: 'line ' + kind, text: line + '\n' }));
    }
    if (show.length < lines.length) {
      pre.append(SH.el('span', { class: 'line meta', text: '… ' + (lines.length - show.length) + ' more lines not shown' }));
    }
    return pre;
  }

  async function copy() {
    const text = $('checkout-cmd').textContent;
    try {
      await navigator.clipboard.writeText(text);
      $('copy-cmd').textContent = 'Copied';
    } catch (err) {
      const range = document.createRange();
      range.selectNodeContents($('checkout-cmd'));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      $('copy-cmd').textContent = 'Selected: press Ctrl+C';
    }
  }

  start();
})();
