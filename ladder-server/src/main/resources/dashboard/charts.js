// Ladder dashboard: the charts (uPlot, and a canvas for the parallel coordinates).
const Charts = (() => {
  const WIDTH = 600, HEIGHT = 300;

  function replace(holder, opts, data) {
    holder.replaceChildren();
    return new uPlot(opts, data, holder);
  }

  function bestOverTime(holder, series, xKey, xLabel) {
    const colors = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
    const tables = series.map(s => [s.points.map(p => p[xKey]), s.points.map(p => p.value)]);
    const data = tables.length ? uPlot.join(tables) : [[]];
    const opts = {width: WIDTH, height: HEIGHT, scales: {x: {time: false}},
      axes: [{label: xLabel}, {label: series.length ? (series[0].metric || '') : ''}],
      series: [{label: xLabel}, ...series.map((s, i) => ({label: s.experiment, stroke: colors[i % colors.length], width: 2,
        spanGaps: true, paths: uPlot.paths.stepped({align: 1}), points: {show: true, size: 4}}))]};
    holder.dataset.points = series.reduce((n, s) => n + s.points.length, 0);
    return replace(holder, opts, data);
  }

  function learningCurves(holder, curves) {
    const tables = curves.curves.map(c => [c.resources, c.values]);
    const data = tables.length ? uPlot.join(tables) : [[]];
    const levels = curves.levels;
    const opts = {width: WIDTH, height: HEIGHT, scales: {x: {time: false}}, legend: {show: false},
      axes: [{label: 'resource'}, {label: 'metric'}],
      series: [{}, ...curves.curves.map(c => ({label: 'trial ' + c.trial, stroke: Ladder.STATUS_COLOR[c.status] || '#999',
        width: c.status === 'RUNNING' ? 2 : 1, spanGaps: true, points: {show: false}}))],
      hooks: {draw: [u => {
        const ctx = u.ctx;
        ctx.save(); ctx.strokeStyle = '#bbb'; ctx.setLineDash([4, 4]);
        for (const l of levels) {
          const x = u.valToPos(l, 'x', true);
          ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
        }
        ctx.restore();
      }]}};
    holder.dataset.points = curves.curves.reduce((n, c) => n + c.resources.length, 0);
    holder.dataset.trials = curves.curves.length;
    return replace(holder, opts, data);
  }

  function promotions(holder, rungs) {
    const byLevel = new Map();
    for (const p of rungs.promotions) {
      if (!byLevel.has(p.from)) byLevel.set(p.from, [[], []]);
      const s = byLevel.get(p.from);
      s[0].push(p.t); s[1].push(s[1].length + 1);
    }
    const levels = [...byLevel.keys()].sort((a, b) => a - b);
    const data = levels.length ? uPlot.join(levels.map(l => byLevel.get(l))) : [[]];
    const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
    return replace(holder, {width: WIDTH, height: 200, scales: {x: {time: false}}, axes: [{label: 'seconds'}, {label: 'promotions'}],
      series: [{label: 's'}, ...levels.map((l, i) => ({label: 'from ' + l, stroke: colors[i % colors.length], spanGaps: true,
        paths: uPlot.paths.stepped({align: 1})}))]}, data);
  }

  /** Parallel coordinates: one vertical axis per parameter, one line per trial, coloured from best (dark blue) to worst (yellow). */
  function parallel(canvas, p, mode) {
    const ctx = canvas.getContext('2d');
    const W = canvas.width, H = canvas.height, top = 30, bottom = H - 30;
    ctx.clearRect(0, 0, W, H);
    const axes = p.axes, n = axes.length;
    if (!n || !p.lines.length) { ctx.fillText('no trials yet', 10, 20); return; }
    const xs = axes.map((a, i) => 40 + i * (W - 80) / Math.max(1, n - 1));
    const values = p.lines.map(l => l.value);
    const lo = Math.min(...values), hi = Math.max(...values);
    const quality = v => hi > lo ? (mode === 'max' ? (hi - v) / (hi - lo) : (v - lo) / (hi - lo)) : 0;
    const lines = p.lines.slice().sort((a, b) => quality(b.value) - quality(a.value));
    for (const l of lines) {
      const q = quality(l.value);
      ctx.strokeStyle = `rgba(${Math.round(40 + 215 * q)},${Math.round(60 + 160 * q)},${Math.round(160 - 120 * q)},0.6)`;
      ctx.beginPath();
      let started = false;
      l.coords.forEach((c, i) => {
        if (c === null) { started = false; return; }
        const y = bottom - c * (bottom - top);
        if (started) ctx.lineTo(xs[i], y); else { ctx.moveTo(xs[i], y); started = true; }
      });
      ctx.stroke();
    }
    ctx.fillStyle = '#222'; ctx.strokeStyle = '#444'; ctx.textAlign = 'center';
    axes.forEach((a, i) => {
      ctx.beginPath(); ctx.moveTo(xs[i], top); ctx.lineTo(xs[i], bottom); ctx.stroke();
      ctx.fillText(a.name, xs[i], top - 12);
      ctx.fillText(a.numeric ? Ladder.fmt(a.max) : (a.choices[a.choices.length - 1] || ''), xs[i], top - 1);
      ctx.fillText(a.numeric ? Ladder.fmt(a.min) : (a.choices[0] || ''), xs[i], bottom + 12);
    });
    canvas.dataset.lines = p.lines.length;
  }

  /** The Pareto front's trials as points: the first objective across, the second up. */
  function front(holder, f) {
    const members = [...f.members].sort((a, b) => a.values[0] - b.values[0]);
    const data = [members.map(m => m.values[0]), members.map(m => m.values[1])];
    const opts = {width: WIDTH, height: HEIGHT, scales: {x: {time: false}}, legend: {show: false},
      axes: [{label: f.objectives[0] + ' (' + f.modes[0] + ')'}, {label: f.objectives[1] + ' (' + f.modes[1] + ')'}],
      series: [{}, {label: 'front', stroke: '#1f77b4', paths: () => null, points: {show: true, size: 7, fill: '#1f77b4'}}]};
    holder.dataset.points = members.length;
    return replace(holder, opts, data);
  }

  return {bestOverTime, learningCurves, promotions, parallel, front};
})();
