// The dashboard: an overview first, and behind it one view per address (#/signals/CATEGORY, #/review, #/review/ID,
// #/feedback, #/teams), the team in the address too. Text is always set as text; only the drafts' HTML, rendered and
// sanitised by the server, is inserted as HTML.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const CATEGORIES = [
  ['delivery', 'Delivery (DORA)'],
  ['flow', 'Pull request flow'],
  ['ci', 'CI health'],
  ['work_items', 'Work items (Jira)'],
  ['tech_debt', 'Tech debt'],
  ['team_health', 'Team health'],
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
    el('h2', { text: signal.name }),
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
// Addresses -------------------------------------------------------------------------------------------------

// "#/review/ID?team=Search". The team may also come from the page's own query (?team=), as the digest links it.
// The digest's older anchors (#signal-ID, #signals, #review, #sbi) still open the view they meant.
function parseRoute() {
  const hash = window.location.hash;
  const legacyTeam = new URLSearchParams(window.location.search).get('team') || '';
  if (!hash.startsWith('#/')) {
    const legacy = { '#signals': 'signals', '#review': 'review', '#sbi': 'feedback', '#feedback': 'feedback', '#teams': 'teams' }[hash];
    if (hash.startsWith('#signal-')) return { view: 'signals', param: '', signal: decodeURIComponent(hash.slice(8)), team: legacyTeam };
    return { view: legacy || 'overview', param: '', team: legacyTeam };
  }
  const at = hash.indexOf('?');
  const path = at < 0 ? hash.slice(2) : hash.slice(2, at);
  const query = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
  const parts = path.split('/').filter(Boolean).map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
  const team = query.get('team') || legacyTeam;
  const [view = 'overview', param = ''] = parts;
  if (view === 'review' && param) return { view: 'draft', param, team };
  if (['overview', 'signals', 'review', 'feedback', 'teams'].includes(view) && (view === 'signals' || !param)) {
    return { view, param, signal: query.get('signal') || '', team };
  }
  return { view: 'missing', param: path, team };
}

function address(path, team) {
  return `#/${path}${team ? `?team=${encodeURIComponent(team)}` : ''}`;
}

// The API's links are this page's addresses ("#/review", "#/signals/tech-debt"): the shown team goes along unless
// the link names one. Anything else (a pull request on GitHub) is left as it is.
function pageLink(link, fallback) {
  if (typeof link !== 'string' || !link) return fallback;
  const hashAt = link.indexOf('#/');
  if (hashAt < 0) return link;
  const local = link.slice(hashAt);
  const team = chosenTeam();
  return !team || /[?&]team=/.test(local) ? local : `${local}${local.includes('?') ? '&' : '?'}team=${encodeURIComponent(team)}`;
}

// A category in an address is written with hyphens (#/signals/tech-debt); the API's ids use underscores.
function categorySlug(id) { return String(id).replace(/_/g, '-'); }

function externalLink(url, text, attrs = {}) {
  return url ? el('a', { href: url, rel: 'noopener noreferrer', ...attrs, text }) : el('span', { ...attrs, text });
}

let route = parseRoute();
let navigation = 0;
let teams = [];

// Several teams: the page shows one at a time, named in its address, so a link or a reload keeps it.
function chosenTeam() {
  return route.team;
}

function teamQuery(separator) {
  const team = chosenTeam();
  return team ? `${separator}team=${encodeURIComponent(team)}` : '';
}

function currentTeam() {
  if (teams.length === 0) return null;
  const wanted = chosenTeam().toLowerCase();
  return teams.find((t) => t.name.toLowerCase() === wanted) || (wanted ? null : teams[0]);
}

async function loadTeams() {
  const result = await api('/api/teams');
  if (!result.ok) return;
  teams = result.body;
  document.getElementById('nav-teams').hidden = teams.length < 2;
  showTeam();
  if (teams.length < 2) return;
  const current = (currentTeam() || teams[0]).name;
  const picker = el('select', {
    id: 'team-picker',
    onchange: (event) => { window.location.hash = address(routePath(route), event.target.value); },
  }, teams.map((t) => el('option', { value: t.name, selected: t.name === current, text: t.name })));
  // A label beside (not around) the list, so the list's name is "Team" and not "Team" plus the chosen option.
  document.getElementById('team').after(el('p', { class: 'team-pick' }, el('label', { for: 'team-picker', text: 'Team' }), ' ', picker));
}

function showTeam() {
  const team = currentTeam();
  document.getElementById('team').textContent = team
    ? `${team.name} · week ${team.lastCompleteWeek || team.week || ''}`.replace(/ · week $/, '')
    : chosenTeam() ? `No team named “${chosenTeam()}”` : 'TechLead';
  const picker = document.getElementById('team-picker');
  if (picker && team) picker.value = team.name;
}

function routePath(r) {
  if (r.view === 'draft') return `review/${encodeURIComponent(r.param)}`;
  if (r.view === 'signals') return `signals/${encodeURIComponent(r.param || 'delivery')}`;
  if (r.view === 'missing') return 'overview';
  return r.view;
}

function markSample(isSample) {
  if (isSample) document.getElementById('sample-banner').hidden = false;
}

function failed(container, what, result) {
  container.setAttribute('aria-busy', 'false');
  container.replaceChildren(el('p', { class: 'status error', role: 'alert', text: `${what} could not be loaded. ${problemText(result)}` }));
}

// Overview --------------------------------------------------------------------------------------------------

const DIRECTION_WORDS = { up: 'up', down: 'down', flat: 'level' };
const DIRECTION_ARROWS = { up: '▲', down: '▼', flat: '▬' };

function directionLine(signal) {
  if (!signal.direction) return el('p', { class: 'direction none', text: `no direction yet · 4-week median ${signal.baselineText || 'none'}` });
  const judged = signal.better === true ? ' (better)' : signal.better === false ? ' (worse)' : '';
  return el('p', { class: `direction ${signal.better === true ? 'better' : signal.better === false ? 'worse' : ''}` },
    el('span', { 'aria-hidden': 'true', text: `${DIRECTION_ARROWS[signal.direction] || ''} ` }),
    `${DIRECTION_WORDS[signal.direction] || signal.direction}${judged} · 4-week median ${signal.baselineText}`);
}

function tierBadge(tier) {
  return tier ? el('span', { class: `tier tier-${String(tier).toLowerCase()}`, text: `DORA: ${tier}` }) : null;
}

function doraTile(signal, team) {
  const link = pageLink(signal.link, address(`signals/delivery`, team));
  const hasValue = signal.valueText && signal.value !== null;
  return el('article', { class: 'card tile', 'data-dora': signal.id },
    el('h3', {}, el('a', { class: 'stretch', href: link, text: signal.name })),
    el('div', { class: 'tile-line' },
      el('p', { class: hasValue ? 'value' : 'value none' }, signal.valueText, signal.unitText ? el('span', { class: 'unit', text: ` ${signal.unitText}` }) : null),
      tierBadge(signal.tier)),
    directionLine(signal),
    signal.trend && signal.trend.length ? chart({ name: signal.name, points: signal.trend }, signal.previous4WeekMedian ?? null) : null);
}

const AGREEMENT_STATES = { kept: 'Kept', broken: 'Broken', no_data: 'No data' };

function agreementItem(agreement, team) {
  const link = pageLink(agreement.link, address('signals/delivery', team));
  return el('li', { class: `agreement ${agreement.state}`, 'data-agreement': agreement.state },
    el('span', { class: `state ${agreement.state}`, text: AGREEMENT_STATES[agreement.state] || agreement.state }), ' ',
    el('a', { href: link, text: agreement.description }),
    el('span', { class: 'agreement-detail', text: [agreement.detail, agreement.sinceText].filter(Boolean).join(' · ') }));
}

function needsGroup(group, team) {
  const link = pageLink(group.link, address('review', team));
  const items = group.items || [];
  return el('li', { class: 'need', 'data-need': group.title },
    el('h3', {}, el('a', { href: link, text: group.title }), ' ', el('span', { class: 'count', text: String(group.count) })),
    group.note ? el('p', { class: 'meta', text: group.note }) : null,
    items.length ? el('ul', { class: 'need-items' }, items.map((item) => el('li', {},
      externalLink(item.url ? pageLink(item.url, item.url) : null, item.text),
      item.detail ? el('span', { class: 'meta', text: ` · ${item.detail}` }) : null)),
    group.more ? el('li', { class: 'more' }, el('a', { href: link, text: `and ${group.more} more` })) : null) : null);
}

function winBlock(win, team) {
  if (!win) return el('p', { class: 'meta', text: 'No win to show this week.' });
  if (typeof win === 'string') return el('p', { class: 'win-text', text: win });
  const text = win.text || win.title || win.description || '';
  return el('div', { class: 'win-body' },
    el('p', { class: 'win-text' }, el('a', { href: pageLink(win.link, address('signals/delivery', team)), text })),
    win.detail ? el('p', { class: 'meta', text: win.detail }) : null);
}

async function renderOverview(token) {
  const container = document.getElementById('overview');
  const result = await api(`/api/overview${teamQuery('?')}`);
  if (token !== navigation) return false;
  if (!result.ok) { failed(container, 'The overview', result); return true; }
  const data = result.body;
  const team = chosenTeam();
  markSample(data.isSampleData);
  document.getElementById('overview-meta').textContent = `${data.team} · week ${data.week}${data.open ? ' (still open)' : ''}`;
  const agreements = data.agreements || [];
  const broken = agreements.filter((a) => a.state === 'broken').length;
  const needs = data.needsYou || [];
  container.replaceChildren(el('div', { class: 'glance' },
    data.delivery ? el('p', { class: 'delivery', text: data.delivery }) : null,
    el('section', { class: 'glance-dora', 'aria-labelledby': 'ov-dora' },
      el('h2', { id: 'ov-dora', class: 'visually-hidden', text: 'Delivery (DORA)' }),
      el('div', { class: 'dora-grid' }, (data.dora || []).map((s) => doraTile(s, team)))),
    el('section', { class: 'glance-agreements card', 'aria-labelledby': 'ov-agreements' },
      el('h2', { id: 'ov-agreements', text: 'Working agreements' }),
      el('p', { class: 'meta', text: agreements.length ? `${broken} of ${agreements.length} broken` : 'No agreements set (Signals:Agreements).' }),
      agreements.length ? el('ul', { class: 'agreements' }, agreements.map((a) => agreementItem(a, team))) : null),
    el('section', { class: 'glance-needs card', 'aria-labelledby': 'ov-needs' },
      el('h2', { id: 'ov-needs', text: 'Needs you' }),
      needs.length ? el('ul', { class: needs.length > 3 ? 'needs two' : 'needs' }, needs.map((g) => needsGroup(g, team))) : el('p', { class: 'meta', text: 'Nothing needs you right now.' })),
    el('section', { class: 'glance-win card', 'aria-labelledby': 'ov-win' },
      el('h2', { id: 'ov-win', text: 'Win of the week' }),
      winBlock(data.win, team))));
  container.setAttribute('aria-busy', 'false');
  return true;
}

// Signals ---------------------------------------------------------------------------------------------------

async function renderSignals(token) {
  const groups = document.getElementById('signal-groups');
  const [report, trend] = await Promise.all([api(`/api/signals${teamQuery('?')}`), api(`/api/signals/trend?weeks=12${teamQuery('&')}`)]);
  if (token !== navigation) return false;
  groups.setAttribute('aria-busy', 'false');
  if (!report.ok) { failed(groups, 'Signals', report); return true; }
  const data = report.body;
  document.getElementById('week-meta').textContent =
    `${data.week}, ${data.start.slice(0, 10)} to ${lastDay(data.end)} (${data.timeZone}) · ${data.repositories.length} ${data.repositories.length === 1 ? 'repository' : 'repositories'}`;
  if (data.isSampleData) {
    markSample(true);
    document.getElementById('week-meta').append(' · ', el('strong', { text: 'sample data' }));
  }
  const seriesById = new Map(trend.ok ? trend.body.series.map((s) => [s.id, s]) : []);
  const known = new Set(CATEGORIES.map(([id]) => id));
  const categories = CATEGORIES.concat([...new Set(data.signals.map((s) => s.category))].filter((c) => !known.has(c)).map((c) => [c, c]))
    .filter(([id]) => data.signals.some((s) => s.category === id));
  const linked = route.signal ? data.signals.find((s) => s.id === route.signal) : null;
  const current = linked ? linked.category : (categories.find(([id]) => categorySlug(id) === categorySlug(route.param)) || categories[0] || ['', ''])[0];
  const title = (categories.find(([id]) => id === current) || ['', current])[1];
  document.getElementById('signals-title').textContent = `Signals: ${title}`;
  document.title = `Signals: ${title} · TechLead`;
  document.getElementById('category-nav').replaceChildren(...categories.map(([id, name]) => el('li', {},
    el('a', { href: address(`signals/${encodeURIComponent(categorySlug(id))}`, chosenTeam()), 'aria-current': id === current ? 'page' : null, text: name }))));
  const signals = data.signals.filter((s) => s.category === current);
  groups.replaceChildren(
    el('section', { class: 'group', 'aria-label': title },
      el('div', { class: 'grid' }, signals.map((s) => signalCard(s, seriesById.get(s.id), (data.agreements || []).filter((a) => a.signal === s.id))))),
    ...data.notes.map((n) => el('p', { class: 'meta', text: n })));
  if (!trend.ok) groups.prepend(el('p', { class: 'status error', text: `Trend charts could not be loaded. ${problemText(trend)}` }));
  if (linked) {
    const card = document.getElementById(`signal-${linked.id}`);
    card.querySelector('details.definition')?.setAttribute('open', '');
    card.scrollIntoView();
  }
  return true;
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

function draftBadges(draft) {
  return el('div', { class: 'badges' },
    el('span', { class: 'badge', text: KIND_NAMES[draft.kind] || draft.kind }),
    el('span', { class: 'badge', text: `drafter: ${draft.drafterKind || 'not drafted'}` }),
    draft.repository ? el('span', { class: 'badge', text: draft.repository }) : null,
    el('span', { class: 'badge', text: draft.tokens.text }));
}

function setWaiting(count) {
  const badge = document.getElementById('nav-waiting');
  badge.textContent = String(count);
  badge.hidden = count === 0;
}

function queueRow(draft) {
  return el('li', { class: 'card queue-row', 'data-draft': draft.id },
    el('h2', {}, el('a', { href: address(`review/${encodeURIComponent(draft.id)}`, chosenTeam()), text: draft.subject })),
    el('p', { class: 'meta', text: `drafted ${new Date(draft.draftedAt || draft.createdAt).toLocaleString()} · ${draft.findings.length} ${draft.findings.length === 1 ? 'finding' : 'findings'}` }),
    draftBadges(draft));
}

function decidedTable(drafts) {
  if (drafts.length === 0) return el('p', { class: 'empty', text: 'No decisions yet.' });
  const head = el('thead', {}, el('tr', {}, ['Draft', 'Decision', 'By', 'When', 'Note'].map((h) => el('th', { scope: 'col', text: h }))));
  const rows = drafts.map((d) => el('tr', { 'data-draft': d.id },
    el('td', { 'data-label': 'Draft' }, el('a', { href: address(`review/${encodeURIComponent(d.id)}`, chosenTeam()), text: d.subject })),
    el('td', { 'data-label': 'Decision' }, el('span', { class: `badge ${d.status}`, text: d.status })),
    el('td', { 'data-label': 'By', text: d.decision.by }),
    el('td', { 'data-label': 'When', text: new Date(d.decision.at).toLocaleString() }),
    el('td', { 'data-label': 'Note', text: d.decision.note || (d.status === 'edited' ? 'approved with edits; drafted text kept' : '') })));
  return el('table', { class: 'decided' }, el('caption', { class: 'meta', text: 'Latest decisions, newest first' }), head, el('tbody', {}, rows));
}

async function loadDrafts() {
  const result = await api(`/api/drafts?status=all${teamQuery('&')}`);
  if (result.ok) setWaiting(result.body.drafts.filter((d) => d.status === 'pending-review').length);
  return result;
}

async function renderReview(token) {
  const queue = document.getElementById('queue');
  const result = await loadDrafts();
  if (token !== navigation) return false;
  if (!result.ok) { failed(queue, 'The review queue', result); return true; }
  queue.setAttribute('aria-busy', 'false');
  const drafts = result.body.drafts;
  const waiting = drafts.filter((d) => d.status === 'pending-review');
  const decided = drafts.filter((d) => d.decision && ['approved', 'edited', 'rejected'].includes(d.status))
    .sort((a, b) => b.decision.at.localeCompare(a.decision.at)).slice(0, 10);
  const pending = drafts.filter((d) => d.status === 'pending').length;
  document.getElementById('review-meta').textContent =
    `${waiting.length} waiting for review` + (pending ? ` · ${pending} not drafted yet` : '');
  queue.replaceChildren(waiting.length
    ? el('ul', { class: 'queue' }, waiting.map(queueRow))
    : el('p', { class: 'empty', text: 'Nothing waits for review. New drafts appear here after the next ProcessDrafts run.' }));
  document.getElementById('decided').replaceChildren(decidedTable(decided));
  return true;
}

// One draft -------------------------------------------------------------------------------------------------

let reviewMessage = '';

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
    reviewMessage = `“${draft.subject}” ${done}.`;
    window.location.hash = address('review', chosenTeam());
    return;
  }
  status.className = 'draft-status status error';
  status.setAttribute('role', 'alert');
  status.textContent = result.status === 412
    ? `This draft changed since you loaded it (someone else may have decided). Nothing was changed. Reload it to see it as it is now.`
    : `Not saved. ${problemText(result)}`;
  if (result.status === 412) {
    status.append(' ', el('button', { type: 'button', text: 'Reload the draft', onclick: () => show(false) }));
  }
}

// The rendered text (HTML the server rendered from markdown and sanitised), with its source a switch away.
function draftText(label, text, html) {
  const rendered = el('div', { class: 'md rendered', role: 'region', tabindex: '0', 'aria-label': `${label}, rendered` });
  if (typeof html === 'string') rendered.innerHTML = html;
  else rendered.append(el('pre', { class: 'text', text }));
  const source = el('pre', { class: 'text source', role: 'region', tabindex: '0', 'aria-label': `${label}, source`, hidden: true, text });
  const toggle = el('button', {
    type: 'button', class: 'small', 'aria-pressed': 'false', text: 'Show source',
    onclick: () => {
      const showSource = source.hidden;
      source.hidden = !showSource;
      rendered.hidden = showSource;
      toggle.setAttribute('aria-pressed', String(showSource));
      toggle.textContent = showSource ? 'Show rendered' : 'Show source';
    },
  });
  return el('section', { class: 'draft-text', 'aria-label': label },
    el('div', { class: 'text-head' }, el('h2', { text: label }), toggle),
    rendered, source);
}

function debounce(action, ms) {
  let timer = 0;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => action(...args), ms); };
}

function editorBlock(draft, card) {
  const editId = `edit-${draft.id}`;
  const editArea = el('textarea', { id: editId, class: 'edit' });
  editArea.value = draft.editedText || draft.text;
  const preview = el('div', { class: 'md preview', role: 'region', tabindex: '0', id: `preview-${draft.id}`, 'aria-live': 'polite', 'aria-busy': 'false' });
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    preview.setAttribute('aria-busy', 'true');
    const result = await api('/api/drafts/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'techlead-dashboard' },
      body: JSON.stringify({ text: editArea.value }),
    });
    if (mine !== asked) return;
    preview.setAttribute('aria-busy', 'false');
    if (result.ok && typeof result.body.html === 'string') preview.innerHTML = result.body.html;
    else preview.replaceChildren(el('p', { class: 'status error', text: `No preview. ${problemText(result)}` }));
    preview.dataset.previewOf = String(mine);
  };
  editArea.addEventListener('input', debounce(refresh, 250));
  const editor = el('div', { class: 'editor', hidden: true },
    el('div', { class: 'edit-panes' },
      el('div', { class: 'pane' }, el('label', { for: editId, text: 'Edited text (the drafted text is kept beside it)' }), editArea),
      el('div', { class: 'pane' }, el('p', { class: 'pane-title', id: `preview-title-${draft.id}`, text: 'Preview' }), preview)),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Approve edited text', onclick: () => decide(draft, 'approve', { editedText: editArea.value }, card) }),
      el('button', { type: 'button', text: 'Cancel', onclick: () => { editor.hidden = true; } })));
  preview.setAttribute('aria-labelledby', `preview-title-${draft.id}`);
  return { editor, editArea, refresh };
}

function draftCard(draft) {
  const card = el('article', { class: 'card draft', 'data-draft': draft.id, 'aria-labelledby': 'draft-title' });
  const waiting = draft.status === 'pending-review';
  const { editor, editArea, refresh } = editorBlock(draft, card);
  const reasonId = `reason-${draft.id}`;
  const rejector = el('div', { class: 'rejector', hidden: true });
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
  const decision = draft.decision
    ? el('p', { class: 'decision', text: `${draft.status} by ${draft.decision.by}, ${new Date(draft.decision.at).toLocaleString()}${draft.decision.note ? ` · ${draft.decision.note}` : ''}` })
    : null;
  card.append(...[
    el('header', {},
      el('h1', { id: 'draft-title', tabindex: '-1', text: draft.subject }),
      el('span', { class: 'meta', text: `drafted ${new Date(draft.draftedAt || draft.createdAt).toLocaleString()}` })),
    draftBadges(draft),
    decision,
    inputsLine(draft),
    findingsList(draft.findings),
    draft.editedText ? draftText('Approved text', draft.editedText, draft.editedHtml) : null,
    draftText(draft.editedText ? 'Drafted text' : 'Draft', draft.text, draft.html),
    waiting ? el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', text: 'Approve', onclick: () => decide(draft, 'approve', {}, card) }),
      el('button', {
        type: 'button', text: 'Edit, then approve', 'aria-expanded': 'false', onclick: (e) => {
          editor.hidden = false; rejector.hidden = true; e.target.setAttribute('aria-expanded', 'true'); editArea.focus(); refresh();
        },
      }),
      el('button', { type: 'button', class: 'danger', text: 'Reject…', onclick: () => { rejector.hidden = false; editor.hidden = true; reason.focus(); } })) : null,
    waiting ? editor : null,
    waiting ? rejector : null,
    el('div', { class: 'draft-status', role: 'status' })].filter(Boolean));
  return card;
}

async function renderDraft(token) {
  const container = document.getElementById('draft');
  document.getElementById('draft-back').href = address('review', chosenTeam());
  container.setAttribute('aria-busy', 'true');
  const result = await api(`/api/drafts/${encodeURIComponent(route.param)}`);
  if (token !== navigation) return false;
  container.setAttribute('aria-busy', 'false');
  if (!result.ok) {
    container.replaceChildren(el('h1', { id: 'draft-title', tabindex: '-1', text: 'Draft not found' }),
      el('p', { class: 'status error', role: 'alert', text: `The draft could not be loaded. ${problemText(result)}` }));
    return true;
  }
  container.replaceChildren(draftCard(result.body));
  document.title = `${result.body.subject} · TechLead`;
  return true;
}

// Teams -----------------------------------------------------------------------------------------------------

async function renderTeams(token) {
  const container = document.getElementById('teams');
  const result = await api('/api/overview/teams');
  if (token !== navigation) return false;
  if (!result.ok) { failed(container, 'The teams', result); return true; }
  container.setAttribute('aria-busy', 'false');
  const rows = Array.isArray(result.body) ? result.body : (result.body.teams || result.body.rows || []);
  if (result.body.week) document.getElementById('teams-meta').textContent = `week ${result.body.week}`;
  const signals = rows.length ? rows[0].dora.map((d) => [d.id, d.name]) : [];
  const head = el('thead', {}, el('tr', {},
    el('th', { scope: 'col', text: 'Team' }),
    signals.map(([, name]) => el('th', { scope: 'col', text: name })),
    el('th', { scope: 'col', text: 'Agreements broken' }),
    el('th', { scope: 'col', text: 'Needs you' })));
  const body = el('tbody', {}, rows.map((row) => el('tr', { 'data-team': row.team },
    el('th', { scope: 'row' }, el('a', { href: pageLink(row.link, address('overview', row.team)), text: row.team })),
    signals.map(([id, name]) => {
      const d = row.dora.find((x) => x.id === id) || {};
      return el('td', { 'data-label': name },
        el('span', { class: 'cell-value', text: [d.valueText, d.unitText].filter(Boolean).join(' ') || '—' }), ' ', tierBadge(d.tier));
    }),
    el('td', { 'data-label': 'Agreements broken', text: String(row.agreementsBroken) }),
    el('td', { 'data-label': 'Needs you', text: String(typeof row.needsYou === 'object' && row.needsYou !== null ? row.needsYou.count : row.needsYou) }))));
  container.replaceChildren(rows.length
    ? el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': 'Teams table' }, el('table', { class: 'teams' }, el('caption', { class: 'meta', text: 'Teams by name; each row opens that team’s overview' }), head, body))
    : el('p', { class: 'empty', text: 'No teams configured.' }));
  return true;
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


// Views -----------------------------------------------------------------------------------------------------

const VIEW_TITLES = { overview: 'At a glance', signals: 'Signals', review: 'Review queue', draft: 'Draft', feedback: 'SBI feedback', teams: 'Teams', missing: 'No such view' };
const RENDERERS = { overview: renderOverview, signals: renderSignals, review: renderReview, draft: renderDraft, teams: renderTeams };

function updateNav() {
  const team = chosenTeam();
  for (const link of document.querySelectorAll('#nav a[data-view]')) {
    const view = link.dataset.view;
    link.href = address(view === 'signals' ? 'signals/delivery' : view, team);
    const current = view === route.view || (view === 'review' && route.view === 'draft');
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  document.getElementById('missing-home').href = address('overview', team);
}

// Shows the address's view; focus moves to its heading when a person navigated (not on the first load).
async function show(moveFocus) {
  route = parseRoute();
  const token = ++navigation;
  document.body.dataset.view = route.view;
  delete document.body.dataset.viewReady;
  for (const section of document.querySelectorAll('main > .view')) section.hidden = section.dataset.view !== route.view;
  updateNav();
  showTeam();
  document.title = `${VIEW_TITLES[route.view]} · TechLead`;
  if (route.view === 'missing') document.getElementById('missing-text').textContent = `This page has no view at “#/${route.param}”.`;
  if (route.view === 'review') {
    document.getElementById('review-status').textContent = reviewMessage;
    reviewMessage = '';
  }
  const heading = () => document.querySelector(`#view-${route.view} h1`);
  if (moveFocus) heading()?.focus();
  const render = RENDERERS[route.view];
  const finished = render ? await render(token).catch((error) => { console.error(error); return true; }) : true;
  if (!finished || token !== navigation) return;
  if (moveFocus && route.view === 'draft') heading()?.focus();
  document.body.dataset.viewReady = route.view;
  document.body.dataset.ready = 'true';
  performance.mark(`view-ready:${route.view}`);
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('sbi-form').addEventListener('submit', submitSbi);
  // The skip link moves focus to the view's heading without changing the address (which names the view).
  document.getElementById('skip').addEventListener('click', (event) => {
    event.preventDefault();
    document.querySelector(`#view-${route.view} h1`)?.focus();
  });
  window.addEventListener('hashchange', () => show(true));
  loadTeams().then(() => { if (route.view !== 'review') loadDrafts(); });
  show(false);
});
