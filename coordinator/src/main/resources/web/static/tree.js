'use strict';
/*
 * The campaign page's lineage tree. Nothing is loaded until shown: the baselines first, then an
 * experiment's children when it is opened, PAGE at a time with "N more…". The server lists the
 * child on the best lineage first, then KEEPs by metric, then the rest in arrival order; only the
 * best lineage opens by itself. Live events update the counts and refresh open branches.
 */
class LineageTree {
  constructor(box, campaignId, metricName) {
    this.box = box;
    this.cid = campaignId;
    this.metricName = metricName;
    this.states = new Map(); // experiment id -> branch state
    this.stale = new Set();
    this.timer = null;
  }

  static get PAGE() { return 25; }

  async load() {
    const ul = SH.el('ul', { class: 'tree' });
    this.box.replaceChildren(ul);
    this.top = { id: '', kids: ul, shown: 0, total: 0, expanded: true, loaded: true, depth: 0 };
    await this.fill(this.top, 0, LineageTree.PAGE);
  }

  url(st, offset, limit) {
    const base = '/api/campaigns/' + encodeURIComponent(this.cid);
    const path = st.id ? '/experiments/' + encodeURIComponent(st.id) + '/children' : '/roots';
    return base + path + '?offset=' + offset + '&limit=' + limit;
  }

  /** Loads children [offset, offset + limit) of a branch; offset 0 replaces what is shown. */
  async fill(st, offset, limit) {
    const page = await SH.getJson(this.url(st, offset, limit));
    const lis = page.experiments.map(item => this.node(item, st.depth + 1).li);
    if (offset === 0) {
      st.kids.replaceChildren(...lis);
    } else {
      if (st.moreLi) st.moreLi.remove();
      st.kids.append(...lis);
    }
    st.total = page.total;
    st.shown = offset + page.experiments.length;
    st.moreLi = null;
    if (st.total > st.shown) {
      const rest = st.total - st.shown;
      const button = SH.el('button', { class: 'more', text: SH.count(rest) + ' more…' });
      button.addEventListener('click', () => this.fill(st, st.shown, LineageTree.PAGE).catch(e => SH.error(e.message)));
      st.moreLi = SH.el('li', {}, button);
      st.kids.append(st.moreLi);
    }
    for (const item of page.experiments) {
      const child = this.states.get(item.id);
      if (item.onBestLineage && item.children > 0 && !child.autoOpened) {
        child.autoOpened = true;
        if (!child.expanded) await this.toggle(child);
      }
    }
  }

  /** The branch state of an experiment, made or brought up to date from a listing item. */
  node(item, depth) {
    let st = this.states.get(item.id);
    if (!st) {
      const twisty = SH.el('button', { class: 'twisty', 'aria-label': 'open or close' });
      const row = SH.el('div', { class: 'trow' });
      const kids = SH.el('ul', { class: depth >= 16 ? 'deep' : '' });
      kids.hidden = true;
      st = { id: item.id, li: SH.el('li', {}, row, kids), row, kids, twisty, depth, expanded: false, loaded: false,
        shown: 0, total: 0 };
      twisty.addEventListener('click', () => this.toggle(st).catch(e => SH.error(e.message)));
      this.states.set(item.id, st);
    }
    st.item = item;
    st.children = item.children;
    this.paint(st);
    return st;
  }

  paint(st) {
    const it = st.item;
    const m = SH.metric(it.metric);
    st.twisty.textContent = st.expanded ? '▾' : '▸';
    st.twisty.classList.toggle('leaf', !st.children);
    st.row.classList.toggle('best', !!it.onBestLineage);
    st.row.title = this.metricName + ' = ' + SH.fmt(m) + ' · ' + it.status.replace('STATUS_', '') + ' · ' + it.nodeId
      + (it.description ? ' · ' + it.description : '');
    st.row.replaceChildren(st.twisty, SH.chip(it.status),
      SH.el('span', { class: 'tmetric', text: SH.fmt(m) }),
      SH.el('a', { class: 'tid mono', href: SH.experimentHref(this.cid, it.id), text: SH.shortId(it.id) }),
      SH.el('span', { class: 'tdesc', text: it.description || '' }),
      SH.el('span', { class: 'tmeta', text: it.nodeId + (st.children ? ' · ' + SH.count(st.children) + (st.children === 1 ? ' child' : ' children') : '') }));
  }

  async toggle(st) {
    st.expanded = !st.expanded;
    st.kids.hidden = !st.expanded;
    this.paint(st);
    if (st.expanded && (!st.loaded || this.stale.has(st))) {
      st.loaded = true;
      this.stale.delete(st);
      await this.fill(st, 0, Math.min(500, Math.max(st.shown, LineageTree.PAGE)));
    }
  }

  /** A live experiment: count it under its parent, and refresh open branches soon. */
  onExperiment(e, bestChanged) {
    const parent = e.parentId ? this.states.get(e.parentId) : this.top;
    if (parent && parent !== this.top) {
      parent.children = (parent.children || 0) + 1;
      this.paint(parent);
    }
    if (parent && parent.loaded) this.stale.add(parent);
    if (bestChanged) {
      // the best lineage moved: every open branch may order or highlight differently
      for (const st of this.states.values()) if (st.loaded) this.stale.add(st);
      this.stale.add(this.top);
    }
    if (!this.timer && this.stale.size) this.timer = setTimeout(() => this.refresh(), 1000);
  }

  async refresh() {
    const todo = [...this.stale].sort((a, b) => a.depth - b.depth);
    for (const st of todo) {
      if (!st.expanded) continue; // refreshed when opened again
      this.stale.delete(st);
      try {
        await this.fill(st, 0, Math.min(500, Math.max(st.shown, LineageTree.PAGE)));
      } catch (err) {
        SH.error('Cannot refresh the tree: ' + err.message);
      }
    }
    this.timer = null;
    if (this.stale.size && [...this.stale].some(s => s.expanded)) this.timer = setTimeout(() => this.refresh(), 1000);
  }
}
