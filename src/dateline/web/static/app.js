// dateline web: the only script. Clicking an event button marks its evidence span in the text;
// on /events it draws the map's event points on one canvas and shows a point's events on click.
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

function initMap(wrap) {
  const svg = wrap.querySelector("svg.map");
  const canvas = wrap.querySelector("canvas.points");
  const popup = wrap.querySelector(".popup");
  const status = document.getElementById("map-status");
  const quad = JSON.parse(wrap.dataset.quad);
  const classes = JSON.parse(wrap.dataset.classes);
  const state = { data: null, xs: null, ys: null, grid: new Map(), r: 3 };

  function draw() {
    const t0 = performance.now();
    const box = svg.getBoundingClientRect();
    const w = box.width, h = box.height, dpr = window.devicePixelRatio || 1;
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
      if (cluster) { cluster[0] += x; cluster[1] += y; cluster[2] += 1; } else clusters.set(ckey, [x, y, 1, c]);
    }
    const paths = {};
    for (const [sx, sy, n, c] of clusters.values()) {
      SHAPES[classes[c].shape]((paths[c] ||= new Path2D()), sx / n, sy / n, r * Math.min(2, 1 + Math.log2(n) / 6));
    }
    ctx.lineWidth = 0.8;
    ctx.strokeStyle = "#1a1a1a";
    for (const c of [1, 2, 3, 4, 0]) {
      if (!paths[c]) continue;
      ctx.fillStyle = classes[c].colour;
      ctx.fill(paths[c], "nonzero");
      ctx.stroke(paths[c]);
    }
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

  function show(hits, x, y) {
    const pts = state.data.points, types = state.data.types;
    popup.replaceChildren();
    const close = el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", hide);
    popup.append(close, el("p", "head", hits.length === 1 ? "1 event here" : `${hits.length} events here`));
    const list = el("ul");
    for (const i of hits.slice(0, 8)) {
      const [, , t, date, place, article, seq, actor, recipient] = pts[i];
      const type = types[t], c = classes[quad[type] || 0];
      const item = el("li", "q" + (quad[type] || 0));
      const link = el("a", "rec");
      link.href = "/articles/" + encodeURIComponent(article) + "#event-" + encodeURIComponent(seq);
      link.append(el("span", "mark", c.symbol + " "), el("strong", null, type), " · " + (date || "undated"));
      item.append(link, el("span", "meta", ` ${place || ""} · ${actor || "?"} → ${recipient || "–"}`));
      item.title = c.label;
      list.append(item);
    }
    popup.append(list);
    if (hits.length > 8) popup.append(el("p", "meta", `and ${hits.length - 8} more here`));
    popup.hidden = false;
    const maxX = wrap.clientWidth - popup.offsetWidth - 4;
    popup.style.left = Math.max(4, Math.min(x + 10, maxX)) + "px";
    popup.style.top = Math.max(4, y - popup.offsetHeight - 10 < 0 ? y + 12 : y - popup.offsetHeight - 10) + "px";
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
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });

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
      wrap.dataset.readyAt = performance.now().toFixed(1);
      wrap.dataset.points = String(n);
      wrap.dataset.fetchMs = (fetched - started).toFixed(1);
      wrap.dataset.renderMs = (performance.now() - fetched).toFixed(1);
      let pending = false;
      new ResizeObserver(() => {
        if (pending) return;
        pending = true;
        requestAnimationFrame(() => { pending = false; hide(); draw(); });
      }).observe(svg);
    })
    .catch((error) => { status.textContent = "The map's events could not be loaded (" + error.message + ")."; });
}

document.querySelectorAll(".map-wrap[data-src]").forEach(initMap);
