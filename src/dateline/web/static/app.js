// dateline web: the only script. Clicking an event button marks its evidence span in the text;
// on /events it draws the map's event points on one canvas and shows a point's events on click
// or, from the keyboard, steps through the markers (a ring on a second canvas marks the current).
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.show-ev");
  if (!button) return;
  const n = button.dataset.ev;
  document.querySelectorAll(".evidence-on").forEach((el) => el.classList.remove("evidence-on"));
  const spans = document.querySelectorAll(`.text span.ev[data-ev~="${CSS.escape(n)}"]`);
  spans.forEach((el) => el.classList.add("evidence-on"));
  if (spans.length) spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
});

// Marker shapes (the same as charts.MARKERS), added to one Path2D per quad class.
const SHAPES = {
  circle: (p, x, y, r) => { p.moveTo(x + r, y); p.arc(x, y, r, 0, 2 * Math.PI); },
  square: (p, x, y, r) => { p.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8); },
  triangle: (p, x, y, r) => {
    p.moveTo(x, y - r * 1.1); p.lineTo(x + r * 1.1, y + r * 0.9); p.lineTo(x - r * 1.1, y + r * 0.9);
    p.closePath();
  },
  diamond: (p, x, y, r) => {
    p.moveTo(x, y - r * 1.2); p.lineTo(x + r * 1.2, y); p.lineTo(x, y + r * 1.2);
    p.lineTo(x - r * 1.2, y); p.closePath();
  },
  plus: (p, x, y, r) => {
    const a = r * 0.35;
    p.rect(x - r, y - a, 2 * r, 2 * a); p.rect(x - a, y - r, 2 * a, 2 * r);
  },
};
const CELL = 16; // px: the hit-test grid

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// How often each value occurs, most frequent first (ties in first-seen order).
function tally(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map((e) => e[0]);
}

const plural = (n, word) => (n === 1 ? `1 ${word}` : `${n.toLocaleString("en")} ${word}s`);

// Keyboard moves over markers sorted west to east (ties north to south); `at` is -1 before any.
function step(list, at, by) {
  if (at < 0) return by > 0 ? 0 : list.length - 1;
  return Math.max(0, Math.min(list.length - 1, at + by));
}

// The nearest marker north (dir -1) or south (dir 1) of the current one, favouring straight
// up or down; with none current, the northernmost (going south) or southernmost (going north).
function vertical(list, at, dir) {
  if (at < 0) return list.reduce((best, m, i) => (m.y * dir < list[best].y * dir ? i : best), 0);
  let best = at, score = Infinity;
  list.forEach((m, i) => {
    const dy = (m.y - list[at].y) * dir, s = dy + 2 * Math.abs(m.x - list[at].x);
    if (dy > 0.5 && s < score) { score = s; best = i; }
  });
  return best;
}

const MOVES = {
  ArrowRight: (list, at) => step(list, at, 1),
  ArrowLeft: (list, at) => step(list, at, -1),
  ArrowDown: (list, at) => vertical(list, at, 1),
  ArrowUp: (list, at) => vertical(list, at, -1),
  Home: () => 0,
  End: (list) => list.length - 1,
};

// The focus ring: a thick dark circle with a white halo and four ticks, findable on any map.
function ringPath(x, y, r) {
  const p = new Path2D(), out = r + 8;
  p.moveTo(x + r, y); p.arc(x, y, r, 0, 2 * Math.PI);
  p.moveTo(x, y - r); p.lineTo(x, y - out); p.moveTo(x, y + r); p.lineTo(x, y + out);
  p.moveTo(x - r, y); p.lineTo(x - out, y); p.moveTo(x + r, y); p.lineTo(x + out, y);
  return p;
}

function initMap(wrap) {
  const svg = wrap.querySelector("svg.map");
  const canvas = wrap.querySelector("canvas.points");
  const ring = wrap.querySelector("canvas.ring");
  const popup = wrap.querySelector(".popup");
  const status = document.getElementById("map-status");
  const current = document.getElementById("map-current");
  const quad = JSON.parse(wrap.dataset.quad);
  const classes = JSON.parse(wrap.dataset.classes);
  const state = {
    data: null, xs: null, ys: null, grid: new Map(), r: 3, dpr: 1,
    clusters: new Map(), markers: null, at: -1, keep: -1, keyboard: false,
  };
  const radius = (n) => state.r * Math.min(2, 1 + Math.log2(n) / 6);

  function draw() {
    const t0 = performance.now();
    const box = svg.getBoundingClientRect();
    const w = box.width, h = box.height, dpr = (state.dpr = window.devicePixelRatio || 1);
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.style.width = w + "px";
    canvas.style.height = h + "px";
    const ctx = canvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const pts = state.data.points, types = state.data.types, k = w / 360;
    const r = (state.r = Math.max(2.5, Math.min(4.5, w / 240)));
    const xs = (state.xs = new Float32Array(pts.length));
    const ys = (state.ys = new Float32Array(pts.length));
    const grid = (state.grid = new Map());
    // Cluster by pixel: points of one class that fall in the same marker-sized cell are drawn
    // as one marker, a little larger the more it holds; every point stays clickable.
    const clusters = new Map(), size = 2 * r;
    for (let i = 0; i < pts.length; i++) {
      const x = (xs[i] = (pts[i][0] + 180) * k), y = (ys[i] = (90 - pts[i][1]) * k);
      const c = quad[types[pts[i][2]]] || 0;
      const key = Math.floor(x / CELL) + "," + Math.floor(y / CELL);
      let cell = grid.get(key);
      if (!cell) grid.set(key, (cell = []));
      cell.push(i);
      const ckey = c + ":" + Math.floor(x / size) + "," + Math.floor(y / size);
      const cluster = clusters.get(ckey);
      if (cluster) { cluster[0] += x; cluster[1] += y; cluster[2] += 1; cluster[4].push(i); }
      else clusters.set(ckey, [x, y, 1, c, [i]]);
    }
    const paths = {};
    for (const [sx, sy, n, c] of clusters.values()) {
      SHAPES[classes[c].shape]((paths[c] ||= new Path2D()), sx / n, sy / n, radius(n));
    }
    ctx.lineWidth = 0.8;
    ctx.strokeStyle = "#1a1a1a";
    for (const c of [1, 2, 3, 4, 0]) {
      if (!paths[c]) continue;
      ctx.fillStyle = classes[c].colour;
      ctx.fill(paths[c], "nonzero");
      ctx.stroke(paths[c]);
    }
    state.clusters = clusters;
    state.markers = null; // rebuilt for the keyboard when first needed
    wrap.dataset.markers = String(clusters.size);
    wrap.dataset.drawMs = (performance.now() - t0).toFixed(1);
  }

  function near(x, y) {
    const reach = state.r + 4, found = [];
    for (let gx = Math.floor((x - reach) / CELL); gx <= Math.floor((x + reach) / CELL); gx++) {
      for (let gy = Math.floor((y - reach) / CELL); gy <= Math.floor((y + reach) / CELL); gy++) {
        for (const i of state.grid.get(gx + "," + gy) || []) {
          const d = Math.hypot(state.xs[i] - x, state.ys[i] - y);
          if (d <= reach) found.push([d, i]);
        }
      }
    }
    return found.sort((a, b) => a[0] - b[0]).map((f) => f[1]);
  }

  function hide() {
    popup.hidden = true;
    popup.replaceChildren();
  }

  // Hide the popup; if the focus was in it, give it back to the map.
  function dismiss() {
    const inside = popup.contains(document.activeElement);
    hide();
    if (inside) canvas.focus();
  }

  function show(hits, x, y, gap = 10) {
    const pts = state.data.points, types = state.data.types;
    popup.replaceChildren();
    const close = el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", dismiss);
    popup.append(close, el("p", "head", hits.length === 1 ? "1 event here" : `${hits.length} events here`));
    const list = el("ul");
    for (const i of hits.slice(0, 8)) {
      const [, , t, date, place, article, seq, actor, recipient, said] = pts[i];
      const type = types[t], c = classes[quad[type] || 0];
      const item = el("li", "q" + (quad[type] || 0));
      const link = el("a", "rec");
      link.href = "/articles/" + encodeURIComponent(article) + "#event-" + encodeURIComponent(seq);
      link.append(el("span", "mark", c.symbol + " "), el("strong", null, type), " · " + (said || date || "undated"));
      const who = recipient ? `${actor || "?"} → ${recipient}` : actor || "?";
      item.append(link, el("span", "meta", ` ${place || ""} · ${who}`));
      item.title = c.label;
      list.append(item);
    }
    popup.append(list);
    if (hits.length > 8) popup.append(el("p", "meta", `and ${hits.length - 8} more here`));
    popup.hidden = false;
    const maxX = wrap.clientWidth - popup.offsetWidth - 4;
    popup.style.left = Math.max(4, Math.min(x + 10, maxX)) + "px";
    popup.style.top = Math.max(4, y - popup.offsetHeight - gap < 0 ? y + gap + 2 : y - popup.offsetHeight - gap) + "px";
  }

  // The markers as drawn, west to east; the current one is found again after a redraw.
  function markers() {
    if (state.markers) return state.markers;
    const list = [];
    for (const [sx, sy, n, c, members] of state.clusters.values()) {
      list.push({ x: sx / n, y: sy / n, r: radius(n), c, members });
    }
    list.sort((a, b) => a.x - b.x || a.y - b.y);
    state.at = state.keep < 0 ? -1 : list.findIndex((m) => m.members.includes(state.keep));
    return (state.markers = list);
  }

  // Clear the ring canvas (sized like the points canvas) and ring the current marker if asked.
  function drawRing(shown) {
    if (ring.width !== canvas.width || ring.height !== canvas.height) {
      ring.width = canvas.width;
      ring.height = canvas.height;
      ring.style.width = canvas.style.width;
      ring.style.height = canvas.style.height;
    }
    const ctx = ring.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, ring.width, ring.height);
    const m = shown && state.keyboard && markers()[state.at];
    if (!m) return;
    const path = ringPath(m.x, m.y, m.r + 5);
    ctx.setTransform(state.dpr, 0, 0, state.dpr, 0, 0);
    ctx.lineCap = "round";
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 7;
    ctx.stroke(path);
    ctx.strokeStyle = "#1a1a1a";
    ctx.lineWidth = 3;
    ctx.stroke(path);
  }

  // "3 events near Kyiv · ASSAULT · 2024-03-02 · material conflict · 5 of 182"
  function describe(m, at, total) {
    const pts = state.data.points, types = state.data.types;
    const places = tally(m.members.map((i) => pts[i][4]).filter(Boolean));
    const kinds = tally(m.members.map((i) => types[pts[i][2]]));
    const dates = m.members.map((i) => pts[i][3]).filter(Boolean).sort();
    const where = !places.length ? " at an unnamed place"
      : ` near ${places[0]}` + (places.length > 1 ? ` and ${plural(places.length - 1, "other place")}` : "");
    const what = kinds.slice(0, 2).join(", ") + (kinds.length > 2 ? ` and ${plural(kinds.length - 2, "other type")}` : "");
    const when = !dates.length ? "undated" : dates[0] === dates.at(-1) ? dates[0] : `${dates[0]} to ${dates.at(-1)}`;
    return `${plural(m.members.length, "event")}${where} · ${what} · ${when} · ${classes[m.c].label} · ${at + 1} of ${total}`;
  }

  function moveTo(move) {
    const list = markers();
    if (!list.length) { current.textContent = "No event with a located place."; return; }
    const at = move(list, state.at);
    const edge = at === state.at;
    state.at = at;
    state.keep = list[at].members[0];
    state.keyboard = true;
    if (!popup.hidden) hide(); // it showed another marker's events
    drawRing(true);
    wrap.dataset.current = String(at);
    current.textContent = describe(list[at], at, list.length) + (edge ? " · no further marker that way" : "");
  }

  // A popup that would hang below the map goes beside the marker instead (clear of its ring),
  // so it covers neither the ring nor the live line under the map.
  function keepInside(x, y, gap) {
    const w = wrap.clientWidth, h = wrap.clientHeight, pw = popup.offsetWidth, ph = popup.offsetHeight;
    if (popup.offsetTop + ph <= h - 4) return;
    popup.style.left = (x + gap + pw <= w - 4 ? x + gap : Math.max(4, x - gap - pw)) + "px";
    popup.style.top = Math.max(4, Math.min(y - ph / 2, h - ph - 4)) + "px";
  }

  // Enter or Space: the current marker's events in the popup, the focus on the first link.
  function openCurrent() {
    const m = markers()[state.at];
    if (!m) { current.textContent = "Use the arrow keys to choose a marker first."; return; }
    const gap = m.r + 16; // past the ring's ticks
    show(m.members, m.x, m.y, gap);
    keepInside(m.x, m.y, gap);
    popup.querySelector("a").focus();
  }

  canvas.addEventListener("click", (event) => {
    if (!state.data) return;
    const hits = near(event.offsetX, event.offsetY);
    if (!hits.length) return hide();
    show(hits, event.offsetX, event.offsetY);
    const stamp = event.timeStamp;
    requestAnimationFrame(() => { wrap.dataset.popupMs = (performance.now() - stamp).toFixed(1); });
  });
  canvas.addEventListener("mousemove", (event) => {
    if (state.data) canvas.classList.toggle("over", near(event.offsetX, event.offsetY).length > 0);
  });
  canvas.addEventListener("mousedown", () => { state.keyboard = false; drawRing(false); });
  canvas.addEventListener("keydown", (event) => {
    if (!state.data || event.altKey || event.ctrlKey || event.metaKey) return;
    if (MOVES[event.key]) moveTo(MOVES[event.key]);
    else if (event.key === "Enter" || event.key === " ") openCurrent();
    else return;
    event.preventDefault(); // no page scroll
  });
  wrap.addEventListener("focusin", () => drawRing(true));
  wrap.addEventListener("focusout", (event) => { if (!wrap.contains(event.relatedTarget)) drawRing(false); });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") dismiss(); });

  const started = performance.now();
  fetch(wrap.dataset.src, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.status))))
    .then((data) => {
      const fetched = performance.now();
      state.data = data;
      draw();
      const n = data.points.length;
      status.textContent = n
        ? (data.more
          ? `The newest ${n.toLocaleString("en")} located events (more match: narrow the filters to see them).`
          : `${n.toLocaleString("en")} located event${n === 1 ? "" : "s"}.`) + " Click a point to list its events."
        : "No event with a located place.";
      canvas.setAttribute("aria-label", `Map of event places: ${plural(state.clusters.size, "marker")}`);
      wrap.dataset.readyAt = performance.now().toFixed(1);
      wrap.dataset.points = String(n);
      wrap.dataset.fetchMs = (fetched - started).toFixed(1);
      wrap.dataset.renderMs = (performance.now() - fetched).toFixed(1);
      let pending = false;
      new ResizeObserver(() => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          dismiss();
          draw();
          drawRing(wrap.contains(document.activeElement));
        });
      }).observe(svg);
    })
    .catch((error) => { status.textContent = "The map's events could not be loaded (" + error.message + ")."; });
}

document.querySelectorAll(".map-wrap[data-src]").forEach(initMap);
