// Ladder dashboard: shared helpers. Everything shown is set as text (textContent), never as HTML.
const Ladder = (() => {
  const KEY = 'ladder-token';
  const m = location.hash.match(/token=([^&]+)/);
  if (m) {
    sessionStorage.setItem(KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = () => sessionStorage.getItem(KEY);

  async function api(path, opts = {}) {
    const headers = {};
    if (token()) headers['Authorization'] = 'Bearer ' + token();
    if (opts.method === 'POST') {
      headers['X-Ladder-Confirm'] = 'yes';
      headers['Content-Type'] = 'application/json';
    }
    const r = await fetch('/api/v1' + path, {method: opts.method || 'GET', headers, body: opts.body ? JSON.stringify(opts.body) : undefined});
    const text = await r.text();
    let data;
    try { data = JSON.parse(text); } catch (e) { data = {error: text}; }
    if (!r.ok) throw new Error(data.error || ('HTTP ' + r.status));
    return data;
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function fmt(v) {
    if (v === null || v === undefined) return '-';
    if (typeof v === 'number') {
      if (Number.isInteger(v)) return v.toLocaleString('en-US');
      return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4);
    }
    return String(v);
  }

  function param(name) { return new URLSearchParams(location.search).get(name); }

  /** Calls onChange(change) for every experiment that changed; at most one call per `every` ms per burst. */
  function live(onChange, every = 400) {
    const es = new EventSource('/api/v1/events' + (token() ? '?token=' + encodeURIComponent(token()) : ''));
    let pending = null, timer = null;
    es.addEventListener('change', e => {
      pending = JSON.parse(e.data);
      if (!timer) timer = setTimeout(() => { timer = null; const p = pending; pending = null; onChange(p); }, every);
    });
    es.addEventListener('hello', () => document.body.dataset.live = 'yes');
    return es;
  }

  function toast(text, bad) {
    const t = document.getElementById('toast');
    t.textContent = text;
    t.className = bad ? 'bad' : 'good';
  }

  async function act(path, question, body) {
    if (!confirm(question)) return null;
    try {
      const m = await api(path, {method: 'POST', body});
      toast(m.message);
      return m;
    } catch (e) {
      toast(e.message, true);
      return null;
    }
  }

  const STATUS_COLOR = {RUNNING: '#1f77b4', PAUSED: '#ff7f0e', STOPPED: '#9a9a9a', COMPLETED: '#2ca02c', FAILED: '#d62728', PENDING: '#bcbd22'};

  function header(title) {
    const nav = el('nav', {}, el('a', {href: '/'}, 'Ladder'), ' · ', el('a', {href: '/compare.html'}, 'compare'));
    document.body.prepend(nav, el('h1', {id: 'title'}, title), el('div', {id: 'toast'}));
  }

  return {api, el, fmt, param, live, toast, act, STATUS_COLOR, header, token};
})();
