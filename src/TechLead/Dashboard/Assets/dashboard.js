// The dashboard: signals with 12-week charts, the review queue, the SBI form. Text is always set as text, never as HTML.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const CATEGORIES = [
  ['delivery', 'Delivery (DORA)'],
  ['flow', 'Pull request flow'],
  ['ci', 'CI health'],
  ['tech_debt', 'Tech debt'],
  ['team_health', 'Team health'],
  ['jira', 'Jira'],
];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options, headers: { Accept: 'application/json', ...(options.headers || {}) } });
  let body = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) body = await response.json();
  return { ok: response.ok, status: response.status, body };
}

function problemText(result) {
  const body = result.body || {};
  const errors = body.errors ? Object.values(body.errors).flat().join(' ') : '';
  return [body.title || `HTTP ${result.status}`, body.detail, errors].filter(Boolean).join(': ');
}

// The big number on a card, as the API words it ("3.5 days", "14.6%"), and the unit when the words lack it.
function headline(signal) {
  return el('p', { class: 'value' }, signal.valueText, signal.unitText ? el('span', { class: 'unit', text: ` ${signal.unitText}` }) : null);
}

function shortWeek(week) { return week.replace(/^\d{4}-/, ''); }

function chart(series, median) {
  const width = 240, height = 64, pad = 6;
  const values = series.points.map((p) => p.value);
  const known = values.filter((v) => v !== null && v !== undefined);
  const label = `${series.name}, last ${series.points.length} weeks: ` +
    series.points.map((p) => `${p.week} ${p.text}`).join('; ');
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': label, preserveAspectRatio: 'none' });
  const title = svg('title');
  title.textContent = label;
  root.append(title);
  if (known.length === 0) return root;
  const all = median === null || median === undefined ? known : known.concat([median]);
  let min = Math.min(0, ...all), max = Math.max(...all);
  if (max === min) max = min + 1;
  const x = (i) => pad + (i * (width - 2 * pad)) / Math.max(1, values.length - 1);
  const y = (v) => height - pad - ((v - min) * (height - 2 * pad)) / (max - min);
  // A week without data breaks the line: "not enough data" is never drawn as zero.
  let run = [];
  const runs = [];
  values.forEach((v, i) => {
    if (v === null || v === undefined) { if (run.length) runs.push(run); run = []; } else run.push([x(i), y(v)]);
  });
  if (run.length) runs.push(run);
  for (const points of runs) {
    if (points.length > 1) {
      const area = `M${points[0][0]},${height - pad} ` + points.map((p) => `L${p[0]},${p[1]}`).join(' ') + ` L${points[points.length - 1][0]},${height - pad} Z`;
      root.append(svg('path', { d: area, class: 'area' }));
      root.append(svg('polyline', { points: points.map((p) => p.join(',')).join(' '), class: 'line' }));
    }
  }
  if (median !== null && median !== undefined) {
    root.append(svg('line', { x1: pad, x2: width - pad, y1: y(median), y2: y(median), class: 'median' }));
  }
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    const lastPoint = i === values.length - 1;
    root.append(svg('circle', { cx: x(i), cy: y(v), r: lastPoint ? 3.5 : 2, class: lastPoint ? 'last' : 'dot' }));
  });
  return root;
}

// A working agreement the team set on this signal: kept or broken, and since which week.
function agreementLine(agreement) {
  const state = agreement.state === 'no_data' ? 'no data this week' : agreement.sinceText;
  return el('p', { class: `agreement ${agreement.state}`, 'data-agreement': agreement.state },
    el('strong', { text: agreement.state === 'broken' ? 'Agreement broken' : agreement.state === 'kept' ? 'Agreement kept' : 'Agreement' }),
    ` · ${agreement.statistic === 'p90' ? 'p90 ' : ''}${agreement.bounds} · ${agreement.detail} · ${state}`);
}

function signalCard(signal, series, agreements = []) {
  const hasValue = signal.value !== null && signal.value !== undefined;
  const definition = el('details', { class: 'definition' },
    el('summary', { text: 'Definition' }),
    el('p', { text: signal.definition }),
    el('p', { text: `Source: ${signal.source}` }),
    signal.note ? el('p', { text: signal.note }) : null);
  return el('article', { class: 'card signal', id: `signal-${signal.id}`, 'data-signal': signal.id },
    el('h4', { text: signal.name }),
    hasValue ? headline(signal) : el('p', { class: 'value none', text: signal.valueText }),
    el('p', { class: 'display', text: signal.display }),
    signal.tier ? el('span', { class: 'tier', text: `DORA: ${signal.tier}` }) : null,
    ...agreements.map(agreementLine),
    el('p', { class: 'baseline', text: `Previous 4-week median: ${signal.baselineText} · n = ${signal.sampleSize}` }),
    series ? chart(series, signal.previous4WeekMedian) : null,
    series ? el('div', { class: 'chart-axis', 'aria-hidden': 'true' }, el('span', { text: shortWeek(series.points[0].week) }), el('span', { text: shortWeek(series.points[series.points.length - 1].week) })) : null,
    definition);
}


// The report's end is the exclusive midnight after the week; people read the week's last day (as the digest shows it).
function lastDay(end) {
  const day = new Date(`${end.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

// Several teams: the page shows one at a time, named in its address (?team=), so a link or a reload keeps it.
function chosenTeam() {
  return new URLSearchParams(window.location.search).get('team') || '';
}

function teamQuery(separator) {
  const team = chosenTeam();
  return team ? `${separator}team=${encodeURIComponent(team)}` : '';
}

async function loadTeams() {
  const result = await api('/api/teams');
  if (!result.ok || result.body.length < 2) return;
  const current = (chosenTeam() || result.body[0].name).toLowerCase();
  const picker = el('select', {
    id: 'team-picker',
    onchange: (event) => {
      const address = new URL(window.location.href);
      address.searchParams.set('team', event.target.value);
      window.location.assign(address);
    },
  }, result.body.map((t) => el('option', { value: t.name, selected: t.name.toLowerCase() === current, text: t.name })));
  // A label beside (not around) the list, so the list's name is "Team" and not "Team" plus the chosen option.
  document.getElementById('team').after(el('p', { class: 'team-pick' }, el('label', { for: 'team-picker', text: 'Team' }), ' ', picker));
}

// The digest links each signal here (#signal-ID) for its full definition: the cards arrive after the browser looked
// for the anchor, so the page opens and shows the card itself (and again when only the anchor changes).
function openLinkedSignal() {
  const linked = window.location.hash.startsWith('#signal-') ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
  if (!linked) return;
  linked.querySelector('details.definition')?.setAttribute('open', '');
  linked.scrollIntoView();
}

async function loadSignals() {
  const groups = document.getElementById('signal-groups');
  const [report, trend] = await Promise.all([api(`/api/signals${teamQuery('?')}`), api(`/api/signals/trend?weeks=12${teamQuery('&')}`)]);
  groups.setAttribute('aria-busy', 'false');
  if (!report.ok) {
    groups.replaceChildren(el('p', { class: 'status error', role: 'alert', text: `Signals could not be loaded. ${problemText(report)}` }));
    return;
  }
  const data = report.body;
  document.getElementById('team').textContent = `${data.team} · week ${data.week}`;
  document.getElementById('week-meta').textContent =
    `${data.week}, ${data.start.slice(0, 10)} to ${lastDay(data.end)} (${data.timeZone}) · ${data.repositories.length} ${data.repositories.length === 1 ? 'repository' : 'repositories'}`;
  if (data.isSampleData) {
    document.getElementById('sample-banner').hidden = false;
    document.getElementById('week-meta').append(' · ', el('strong', { text: 'sample data' }));
  }
  const seriesById = new Map(trend.ok ? trend.body.series.map((s) => [s.id, s]) : []);
  const known = new Set(CATEGORIES.map(([id]) => id));
  const categories = CATEGORIES.concat([...new Set(data.signals.map((s) => s.category))].filter((c) => !known.has(c)).map((c) => [c, c]));
  const sections = categories.map(([id, title]) => {
    const signals = data.signals.filter((s) => s.category === id);
    if (signals.length === 0) return null;
    return el('section', { class: 'group', 'aria-label': title },
      el('h2', { text: title }),
      el('div', { class: 'grid' }, signals.map((s) => signalCard(s, seriesById.get(s.id), (data.agreements || []).filter((a) => a.signal === s.id)))));
  });
  groups.replaceChildren(...sections.filter(Boolean), ...data.notes.map((n) => el('p', { class: 'meta', text: n })));
  openLinkedSignal();
  if (!trend.ok) groups.prepend(el('p', { class: 'status error', text: `Trend charts could not be loaded. ${problemText(trend)}` }));
}

// Review queue ----------------------------------------------------------------------------------------------

const KIND_NAMES = { 'release-notes': 'Release notes', 'adr-summary': 'ADR summary' };

function inputsLine(draft) {
  if (draft.inputs.length === 0) return null;
  return el('p', { class: 'inputs' }, 'Inputs: ',
    draft.inputs.map((input) => input.url
      ? el('a', { href: input.url, rel: 'noopener noreferrer', text: input.id })
      : el('span', { class: 'input', text: input.id })));
}

function findingsList(findings) {
  if (findings.length === 0) return el('p', { class: 'meta', text: 'No findings.' });
  return el('ul', { class: 'findings', 'aria-label': 'Findings' },
    findings.map((f) => el('li', {}, el('code', { text: f.code }), ' ', f.message)));
}

async function decide(draft, action, body, card) {
  const status = card.querySelector('.draft-status');
  const buttons = card.querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  const result = await api(`/api/drafts/${encodeURIComponent(draft.id)}/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'If-Match': draft.version, 'X-Requested-With': 'techlead-dashboard' },
    body: JSON.stringify(body),
  });
  buttons.forEach((b) => { b.disabled = false; });
  if (result.ok) {
    const done = result.body.status === 'rejected' ? 'rejected' : result.body.status === 'edited' ? 'approved with your edits' : 'approved';
    document.getElementById('review-status').textContent = `“${draft.subject}” ${done}.`;
    await loadQueue();
    return;
  }
  status.className = 'draft-status status error';
  status.setAttribute('role', 'alert');
  status.textContent = result.status === 412
    ? `This draft changed since you loaded it (someone else may have decided). Nothing was changed. Reload the queue to see it as it is now.`
    : `Not saved. ${problemText(result)}`;
  if (result.status === 412) {
    status.append(' ', el('button', { type: 'button', text: 'Reload the queue', onclick: () => loadQueue() }));
  }
}

function draftCard(draft) {
  const card = el('article', { class: 'card draft', 'data-draft': draft.id, 'aria-labelledby': `d-${draft.id}` });
  const editor = el('div', { class: 'editor', hidden: true });
  const rejector = el('div', { class: 'rejector', hidden: true });
  const editId = `edit-${draft.id}`, reasonId = `reason-${draft.id}`;
  const editArea = el('textarea', { id: editId, class: 'edit' });
  editArea.value = draft.editedText || draft.text;
  editor.append(
    el('label', { for: editId, text: 'Edited text (the drafted text is kept beside it)' }),
    editArea,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Approve edited text', onclick: () => decide(draft, 'approve', { editedText: editArea.value }, card) }),
      el('button', { type: 'button', text: 'Cancel', onclick: () => { editor.hidden = true; } })));
  const reason = el('input', { type: 'text', id: reasonId, autocomplete: 'off' });
  rejector.append(
    el('label', { for: reasonId, text: 'Reason for rejecting (stored with the decision)' }),
    reason,
    el('div', { class: 'actions' },
      el('button', {
        type: 'button', class: 'danger', text: 'Reject draft', onclick: () => {
          if (!reason.value.trim()) { reason.focus(); reason.setAttribute('aria-invalid', 'true'); return; }
          decide(draft, 'reject', { reason: reason.value }, card);
        },
      }),
      el('button', { type: 'button', text: 'Cancel', onclick: () => { rejector.hidden = true; } })));
  card.append(
    el('header', {},
      el('h3', { id: `d-${draft.id}`, text: draft.subject }),
      el('span', { class: 'meta', text: `drafted ${new Date(draft.draftedAt || draft.createdAt).toLocaleString()}` })),
    el('div', { class: 'badges' },
      el('span', { class: 'badge', text: KIND_NAMES[draft.kind] || draft.kind }),
      el('span', { class: 'badge', text: `drafter: ${draft.drafterKind || 'not drafted'}` }),
      draft.repository ? el('span', { class: 'badge', text: draft.repository }) : null,
      el('span', { class: 'badge', text: draft.tokens.text })),
    inputsLine(draft),
    findingsList(draft.findings),
    el('pre', { class: 'text', tabindex: '0', 'aria-label': `Drafted text of ${draft.subject}`, text: draft.text }),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Approve', onclick: () => decide(draft, 'approve', {}, card) }),
      el('button', { type: 'button', text: 'Edit, then approve', 'aria-expanded': 'false', onclick: (e) => { editor.hidden = false; rejector.hidden = true; e.target.setAttribute('aria-expanded', 'true'); editArea.focus(); } }),
      el('button', { type: 'button', class: 'danger', text: 'Reject…', onclick: () => { rejector.hidden = false; editor.hidden = true; reason.focus(); } })),
    editor,
    rejector,
    el('div', { class: 'draft-status', role: 'status' }));
  return card;
}

function decidedTable(drafts) {
  if (drafts.length === 0) return el('p', { class: 'empty', text: 'No decisions yet.' });
  const head = el('thead', {}, el('tr', {}, ['Draft', 'Decision', 'By', 'When', 'Note'].map((h) => el('th', { scope: 'col', text: h }))));
  const rows = drafts.map((d) => el('tr', { 'data-draft': d.id },
    el('td', { 'data-label': 'Draft', text: d.subject }),
    el('td', { 'data-label': 'Decision' }, el('span', { class: `badge ${d.status}`, text: d.status })),
    el('td', { 'data-label': 'By', text: d.decision.by }),
    el('td', { 'data-label': 'When', text: new Date(d.decision.at).toLocaleString() }),
    el('td', { 'data-label': 'Note', text: d.decision.note || (d.status === 'edited' ? 'approved with edits; drafted text kept' : '') })));
  return el('table', { class: 'decided' }, el('caption', { class: 'meta', text: 'Latest decisions, newest first' }), head, el('tbody', {}, rows));
}

async function loadQueue() {
  const queue = document.getElementById('queue');
  const result = await api(`/api/drafts?status=all${teamQuery('&')}`);
  queue.setAttribute('aria-busy', 'false');
  if (!result.ok) {
    queue.replaceChildren(el('p', { class: 'status error', role: 'alert', text: `The review queue could not be loaded. ${problemText(result)}` }));
    return;
  }
  const drafts = result.body.drafts;
  const waiting = drafts.filter((d) => d.status === 'pending-review');
  const decided = drafts.filter((d) => d.decision && ['approved', 'edited', 'rejected'].includes(d.status))
    .sort((a, b) => b.decision.at.localeCompare(a.decision.at)).slice(0, 10);
  const pending = drafts.filter((d) => d.status === 'pending').length;
  document.getElementById('review-meta').textContent =
    `${waiting.length} waiting for review` + (pending ? ` · ${pending} not drafted yet` : '');
  const badge = document.getElementById('nav-waiting');
  badge.textContent = String(waiting.length);
  badge.hidden = waiting.length === 0;
  queue.replaceChildren(waiting.length
    ? el('div', { class: 'queue' }, waiting.map(draftCard))
    : el('p', { class: 'empty', text: 'Nothing waits for review. New drafts appear here after the next ProcessDrafts run.' }));
  document.getElementById('decided').replaceChildren(decidedTable(decided));
}

// SBI feedback ----------------------------------------------------------------------------------------------

const PART_NAMES = { situation: 'Situation', behavior: 'Behaviour', impact: 'Impact' };

function highlighted(text, findings) {
  // Spans are offsets into the text as checked (the answer's `checked`), which is what is shown: the typed text may
  // hold zero-width characters or extra spaces the checker removed. Overlapping spans keep the first.
  const spans = findings.filter((f) => f.span).map((f) => ({ ...f.span, finding: f })).sort((a, b) => a.start - b.start);
  const out = el('p', {});
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    out.append(text.slice(at, span.start));
    out.append(el('mark', { class: 'finding', 'data-code': span.finding.code, title: `${span.finding.code}: ${span.finding.why}`, text: text.slice(span.start, span.start + span.length) }));
    at = span.start + span.length;
  }
  out.append(text.slice(at));
  return out;
}

function renderSbi(answer) {
  const byPart = (part) => answer.findings.filter((f) => f.part === part);
  const checked = el('article', { class: 'card checked', 'aria-labelledby': 'checked-title' },
    el('h3', { id: 'checked-title', text: 'What the checker found' }),
    Object.entries(PART_NAMES).map(([part, name]) => el('div', { class: 'part' },
      el('p', { class: 'part-name', text: name }),
      highlighted(answer.checked[part], byPart(part)))),
    answer.findings.length
      ? el('ul', { class: 'findings', 'aria-label': 'Findings' }, answer.findings.map((f) => el('li', {},
        el('code', { text: f.code }), ' ', f.span ? el('strong', { text: `“${f.span.text}”` }) : null, f.span ? ' · ' : null,
        `${f.why} ${f.hint}`, f.source ? ` Source: ${f.source}.` : null, f.suggestedRewrite ? el('span', {}, ' Suggested: ', el('em', { text: f.suggestedRewrite })) : null)))
      : el('p', { class: 'meta', text: 'No findings: the feedback is specific and observable.' }));
  const drafts = el('div', { class: 'drafts' }, answer.drafts.map((d, i) => el('article', { class: 'card', 'aria-labelledby': `sbi-d-${i}` },
    el('h3', { id: `sbi-d-${i}`, text: `Draft ${i + 1}: ${d.style}` }),
    el('p', { class: 'meta', text: `drafter: ${d.drafter}` }),
    el('pre', { class: 'text', tabindex: '0', text: d.text }),
    d.findings.length ? findingsList(d.findings.map((f) => ({ code: f.code, message: f.why }))) : null)));
  const kept = answer.kept ? el('p', { class: 'meta', text: `Kept as ${answer.kept.id}, visible only to you until ${answer.kept.expiresAt.slice(0, 10)}. ${answer.kept.delete}` }) : null;
  document.getElementById('sbi-result').replaceChildren(el('div', { class: 'sbi-result' },
    el('p', { class: 'sent-note', text: answer.note }),
    checked,
    el('h3', { class: 'sub', text: 'Drafts, side by side' }),
    drafts,
    el('p', { class: 'meta', text: answer.drafterNote }),
    kept));
}

async function submitSbi(event) {
  event.preventDefault();
  const form = event.target;
  const status = document.getElementById('sbi-status');
  const input = {
    kind: form.elements.kind.value,
    situation: form.elements.situation.value,
    behavior: form.elements.behavior.value,
    impact: form.elements.impact.value,
    keep: form.elements.keep.checked,
  };
  status.className = 'status';
  status.textContent = 'Checking and drafting…';
  const result = await api('/api/feedback/sbi', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'techlead-dashboard' },
    body: JSON.stringify(input),
  });
  if (!result.ok) {
    status.className = 'status error';
    status.textContent = `Nothing was drafted. ${problemText(result)}`;
    return;
  }
  status.textContent = `Drafted. ${result.body.findings.length} ${result.body.findings.length === 1 ? 'finding' : 'findings'}. Nothing was sent.`;
  renderSbi(result.body);
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('sbi-form').addEventListener('submit', submitSbi);
  window.addEventListener('hashchange', openLinkedSignal);
  Promise.all([loadTeams(), loadSignals(), loadQueue()]).finally(() => { document.body.dataset.ready = 'true'; });
});
