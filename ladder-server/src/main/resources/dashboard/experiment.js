// Ladder dashboard: one experiment.
(() => {
  const {el, fmt, api} = Ladder;
  const name = Ladder.param('name');
  const base = '/experiments/' + encodeURIComponent(name);
  Ladder.header('Experiment ' + name);
  let detail = null, table = {sort: 'value', order: 'asc', offset: 0};
  const LIMIT = 50;

  function summary(d) {
    const s = d.summary;
    document.getElementById('summary').replaceChildren(el('table', {},
      el('tr', {}, el('th', {}, 'status'), el('td', {id: 'status', class: 'status ' + s.status}, s.status)),
      el('tr', {}, el('th', {}, 'metric'), el('td', {}, (s.metric || '-') + ' (' + (s.mode || '-') + ')')),
      el('tr', {}, el('th', {}, 'best'), el('td', {id: 'best-value'}, s.best ? fmt(s.best.value) + ' (trial ' + s.best.trial + ' at ' + s.best.resource + ')' : '-')),
      el('tr', {}, el('th', {}, 'trials'), el('td', {id: 'trial-count'}, fmt(s.trials) + ' (' + Object.entries(d.byStatus).map(([k, v]) => v + ' ' + k.toLowerCase()).join(', ') + ')')),
      el('tr', {}, el('th', {}, 'resource used'), el('td', {}, fmt(s.resourceUsed))),
      el('tr', {}, el('th', {}, 'scheduler'), el('td', {}, d.scheduler)),
      el('tr', {}, el('th', {}, 'created'), el('td', {}, s.created + (d.owner ? ', run by ' + d.owner : '')))));
    const st = s.status;
    document.getElementById('pause').disabled = st !== 'RUNNING';
    document.getElementById('resume').disabled = !(st === 'PAUSED' || st === 'INTERRUPTED' || st === 'CREATED');
    document.getElementById('extend').disabled = !(st === 'PAUSED' || st === 'INTERRUPTED' || st === 'FINISHED');
    document.getElementById('stop').disabled = st === 'FINISHED';
  }

  function rungs(r) {
    document.querySelector('#rungs tbody').replaceChildren(...r.rungs.map(x => el('tr', {},
      el('td', {class: 'num'}, fmt(x.level)), el('td', {class: 'num'}, fmt(x.reached)), el('td', {class: 'num'}, fmt(x.pausedHere)),
      el('td', {class: 'num'}, fmt(x.stoppedHere)), el('td', {class: 'num'}, fmt(x.promoted)))));
    Charts.promotions(document.getElementById('promotions'), r);
  }

  async function trials() {
    const q = new URLSearchParams({sort: table.sort, order: table.order, offset: table.offset, limit: LIMIT});
    const st = document.getElementById('f-status').value, text = document.getElementById('f-q').value, min = document.getElementById('f-min').value;
    if (st) q.set('status', st);
    if (text) q.set('q', text);
    if (min) q.set('minResource', min);
    let page;
    try { page = await api(base + '/trials?' + q); } catch (e) { Ladder.toast(e.message, true); return; }
    document.getElementById('f-count').textContent = page.matched + ' of ' + page.total + ' trials; showing ' +
      (page.matched ? page.offset + 1 : 0) + '–' + (page.offset + page.trials.length);
    document.querySelector('#trials tbody').replaceChildren(...page.trials.map(t => el('tr', {'data-trial': t.id},
      el('td', {class: 'num'}, el('a', {href: '/trial.html?name=' + encodeURIComponent(name) + '&id=' + t.id}, t.id)),
      el('td', {class: 'status ' + t.status}, t.status), el('td', {class: 'num'}, fmt(t.resource)),
      el('td', {class: 'num'}, fmt(t.value)), el('td', {class: 'num'}, fmt(t.reports)),
      el('td', {class: 'config'}, Object.entries(t.config).map(([k, v]) => k + '=' + (typeof v === 'number' ? fmt(v) : v)).join(', ')),
      el('td', {}, t.reason))));
  }

  async function load() {
    const [d, best, curves, r, p, f] = await Promise.all([api(base), api(base + '/best'), api(base + '/curves'),
      api(base + '/rungs'), api(base + '/parallel'), api(base + '/front')]);
    detail = d;
    summary(d);
    Charts.bestOverTime(document.getElementById('best'), [best], 't', 'seconds');
    Charts.learningCurves(document.getElementById('curves'), curves);
    document.getElementById('curves-note').textContent = '(' + curves.shown + ' of ' + curves.total + ' trials: running, then best)';
    document.getElementById('curves-legend').replaceChildren(...Object.entries(Ladder.STATUS_COLOR).map(([k, c]) =>
      el('span', {style: 'color:' + c}, '— ' + k.toLowerCase())));
    rungs(r);
    Charts.parallel(document.getElementById('parallel'), p, d.summary.mode);
    document.getElementById('parallel-note').textContent = '(' + p.lines.length + ' of ' + p.total + ' trials, best)';
    if (f.objectives.length >= 2) { // several objectives: the front of the first two, and its hypervolume
      document.getElementById('front-row').hidden = false;
      Charts.front(document.getElementById('front'), f);
      document.getElementById('front-note').textContent = '(' + f.members.length + ' trials at ' + f.resource
        + ', hypervolume ' + fmt(f.hypervolume) + ')';
      Charts.bestOverTime(document.getElementById('hypervolume'), [{experiment: 'hypervolume', metric: 'hypervolume',
        points: f.points.map(x => ({t: x.t, value: x.hypervolume}))}], 't', 'seconds');
    }
    await trials();
    if (!window.ladderPainted) {
      window.ladderPainted = performance.now();
      document.body.dataset.loaded = 'yes';
    }
  }

  document.getElementById('pause').onclick = async () => { if (await Ladder.act(base + '/pause', 'Pause experiment ' + name + '?')) load(); };
  document.getElementById('resume').onclick = async () => { if (await Ladder.act(base + '/resume', 'Resume experiment ' + name + '?')) load(); };
  document.getElementById('stop').onclick = async () => {
    if (await Ladder.act(base + '/stop', 'Stop experiment ' + name + ' for good? (it can be extended later)')) load();
  };
  document.getElementById('extend').onclick = async () => {
    const n = prompt('Extend ' + name + ' to how many trials in all?', detail ? detail.summary.trials * 2 : '');
    if (n === null) return;
    if (await Ladder.act(base + '/extend', 'Extend experiment ' + name + ' to ' + n + ' trials?', {trials: Number(n)})) load();
  };
  document.getElementById('f-apply').onclick = () => { table.offset = 0; trials(); };
  document.getElementById('f-prev').onclick = () => { table.offset = Math.max(0, table.offset - LIMIT); trials(); };
  document.getElementById('f-next').onclick = () => { table.offset += LIMIT; trials(); };
  document.querySelectorAll('#trials th.sortable').forEach(th => th.addEventListener('click', () => {
    table.order = table.sort === th.dataset.key && table.order === 'asc' ? 'desc' : 'asc';
    table.sort = th.dataset.key; table.offset = 0; trials();
  }));
  load().catch(e => Ladder.toast(e.message, true));
  Ladder.live(c => { if (c.experiment === name) load().catch(e => Ladder.toast(e.message, true)); }, 1000);
})();
