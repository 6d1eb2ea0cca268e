"use strict";
// The training page: the "state" event sets everything, the others add to it.
const state = { steps: [], finished: [] };
const $ = (id) => document.getElementById(id);

function fmt(x, d) { return x === undefined || x === null ? "" : Number(x).toFixed(d); }
function duration(s) {
  s = Math.round(s);
  const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
  return (h ? h + " h " : "") + (h || m ? m + " min " : "") + (s % 60) + " s";
}

function drawLosses() {
  const c = $("losses"), g = c.getContext("2d"), pts = state.steps;
  g.clearRect(0, 0, c.width, c.height);
  if (pts.length === 0) return;
  let hi = 0;
  for (const p of pts) hi = Math.max(hi, p[2], p[3]);
  const first = pts[0][0], last = pts[pts.length - 1][0], w = c.width - 40, h = c.height - 20;
  const x = (s) => 35 + (last > first ? (s - first) / (last - first) : 0) * w;
  const y = (v) => 5 + h - (v / (hi || 1)) * h;
  g.strokeStyle = "#999"; g.fillStyle = "#555"; g.font = "11px sans-serif";
  g.beginPath(); g.moveTo(35, 5); g.lineTo(35, 5 + h); g.lineTo(35 + w, 5 + h); g.stroke();
  g.fillText(hi.toFixed(2), 0, 12); g.fillText("0", 20, 5 + h);
  g.fillText("step " + first, 35, c.height - 2); g.fillText("step " + last, 35 + w - 60, c.height - 2);
  // At most one point a pixel column.
  const stride = Math.max(1, Math.floor(pts.length / w));
  for (const [k, color] of [[2, "#1565c0"], [3, "#c62828"]]) {
    g.strokeStyle = color; g.beginPath();
    for (let i = 0; i < pts.length; i += stride) {
      const p = pts[i];
      if (i === 0) g.moveTo(x(p[0]), y(p[k])); else g.lineTo(x(p[0]), y(p[k]));
    }
    g.stroke();
  }
}

function showGrid(grid) {
  if (!grid) return;
  $("grid").src = grid.png;
  $("grid").dataset.epoch = grid.epoch;
  $("grid").dataset.step = grid.step;
  $("gridwhen").textContent = "epoch " + grid.epoch + ", step " + grid.step;
}

function showLast(e) {
  if (!e) return;
  const total = state.epochs * state.steps_per_epoch;
  $("progress").textContent = "epoch " + e.epoch + " of " + state.epochs + ", step " + e.step + " of " + total +
    ": gen_loss " + fmt(e.gen_loss, 4) + ", disc_loss " + fmt(e.disc_loss, 4) + ", " + fmt(e.images_per_s, 0) +
    " images/s" + (e.seconds_left > 0 ? ", about " + duration(e.seconds_left) + " left" : "");
}

function showEpochs() {
  const body = $("epochs").tBodies[0];
  body.textContent = "";
  const alarms = [];
  for (const r of state.finished) {
    const q = r.quality, tr = body.insertRow();
    const cells = [r.epoch, fmt(r.seconds, 1), fmt(r.images_per_s, 0), fmt(r.gen_loss, 4), fmt(r.disc_loss, 4),
      q ? fmt(q.fid, 1) : "", q ? fmt(q.generated.classifier_score, 2) : "", q ? q.generated.coverage + "/10" : ""];
    for (const v of cells) tr.insertCell().textContent = v;
    for (const a of r.alarms || []) alarms.push(a);
  }
  const box = $("alarms");
  box.textContent = "";
  for (const a of alarms) {
    const p = document.createElement("p"); p.className = "alarm"; p.textContent = a; box.appendChild(p);
  }
}

function showEnd(e) {
  if (!e) return;
  $("status").textContent = e.error ? "training stopped: " + e.error : "training finished";
  $("status").className = e.error ? "error" : "";
}

const source = new EventSource("/events");
source.addEventListener("state", (m) => {
  Object.assign(state, JSON.parse(m.data));
  state.steps = state.steps || [];
  $("status").textContent = state.device ? "training on " + state.device : "waiting for training to start";
  $("flags").textContent = JSON.stringify({ device: state.device, images: state.images, flags: state.flags }, null, 1);
  drawLosses(); showGrid(state.grid); showLast(state.last); showEpochs(); showEnd(state.ended);
  if (state.ended) source.close();
});
source.addEventListener("step", (m) => {
  const e = JSON.parse(m.data);
  state.steps.push([e.step, e.epoch, e.gen_loss, e.disc_loss]);
  state.last = e;
  showLast(e);
  if (!drawLosses.pending) {
    drawLosses.pending = true;
    requestAnimationFrame(() => { drawLosses.pending = false; drawLosses(); });
  }
});
source.addEventListener("grid", (m) => showGrid(JSON.parse(m.data)));
source.addEventListener("epoch", (m) => { state.finished.push(JSON.parse(m.data)); showEpochs(); });
source.addEventListener("end", (m) => { showEnd(JSON.parse(m.data)); source.close(); });
source.onerror = () => { if (!state.ended) $("status").textContent = "connection lost; retrying…"; };
