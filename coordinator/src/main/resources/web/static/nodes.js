'use strict';
/* The nodes page: /api/nodes every 5 s, one row per donated machine. */
(() => {
  SH.activeNav('nav-nodes');
  const rows = document.getElementById('node-rows');

  async function refresh() {
    try {
      const data = await SH.getJson('/api/nodes');
      SH.error('');
      const nodes = data.nodes || [];
      rows.replaceChildren(...(nodes.length ? nodes.map(row) : [SH.el('tr', {}, SH.el('td', { colspan: 8, class: 'muted' },
        'No nodes yet. Donate a machine with ', SH.el('code', { text: 'swarm node --coordinator HOST:PORT' }), '.'))]));
    } catch (e) {
      SH.error('Cannot load the nodes: ' + e.message);
    }
  }

  function row(n) {
    const hw = n.hardware || {};
    const gpus = hw.gpus || [];
    const live = !!n.live;
    return SH.el('tr', { 'data-node': n.nodeId },
      SH.el('td', { class: 'mono strong', text: n.nodeId }),
      SH.el('td', {}, SH.el('span', { class: 'dot' + (live ? ' on' : ''), title: live ? 'lease held' : 'lease expired' }),
        ' ', live ? 'live' : 'gone'),
      SH.el('td', {},
        SH.el('div', { text: hw.cpuModel || 'unknown CPU' }),
        SH.el('div', { class: 'muted small', text: [hw.cores ? hw.cores + ' cores' : '', SH.bytes(SH.num(hw.memoryBytes)),
          gpus.length ? gpus.length + ' GPU: ' + gpus.join(', ') : 'no GPU'].filter(Boolean).join(' · ') })),
      SH.el('td', { class: 'num', text: n.slots ? n.slots : '—' }),
      SH.el('td', { class: 'num', text: SH.count(SH.num(n.experiments)) }),
      SH.el('td', { class: 'num', text: SH.count(SH.num(n.kept)) }),
      SH.el('td', { class: 'num', text: n.experimentsPerHour ? SH.fmt(Number(SH.num(n.experimentsPerHour).toFixed(1))) : '—' }),
      SH.el('td', { class: 'nowrap', title: SH.time(SH.num(n.lastSeenMs)), text: SH.ago(SH.num(n.lastSeenMs)) }));
  }

  refresh();
  setInterval(refresh, 5000);
})();
