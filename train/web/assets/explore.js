"use strict";
// The explorer: every picture is drawn by the server's generator; the page
// only builds queries in arith's grammar.
const $ = (id) => document.getElementById(id);
const view = { page: 0, pageSize: 64, maxIndex: 65536, picks: [] };

function query(extra) {
  const q = new URLSearchParams(extra);
  q.set("checkpoint", $("checkpoint").value);
  if ($("seed").value !== "") q.set("seed", $("seed").value);
  return q.toString();
}

// show loads url into img, or shows the server's message.
async function show(img, url) {
  const r = await fetch(url);
  if (!r.ok) { $("error").textContent = await r.text(); return false; }
  $("error").textContent = "";
  img.src = URL.createObjectURL(await r.blob());
  await img.decode();
  img.dataset.url = url;
  return true;
}

function showGrid() {
  const first = view.page * view.pageSize;
  $("page").textContent = view.page;
  $("range").textContent = first + " to " + (first + view.pageSize - 1);
  return show($("grid"), "/api/grid.png?" + query({ page: view.page }));
}

function showPicks() {
  $("picks").textContent = view.picks.join(", ");
}

async function drawExpr() {
  const q = query({ expr: $("expr").value });
  $("exprpng").href = "/api/expr.png?" + q;
  $("exprnpy").href = "/api/expr.npy?" + q;
  return show($("exprimg"), "/api/expr.png?" + q);
}

async function drawSlerp() {
  if (view.picks.length < 2) { $("error").textContent = "pick two vectors first"; return false; }
  const q = query({ from: view.picks[0], to: view.picks[1], steps: $("steps").value });
  $("slerppng").href = "/api/slerp.png?" + q;
  $("slerpgif").href = "/api/slerp.gif?" + q;
  $("slerpnpy").href = "/api/slerp.npy?" + q;
  return await show($("strip"), "/api/slerp.png?" + q) && show($("anim"), "/api/slerp.gif?" + q);
}

// The direction slider writes base + t*(dir) as an expression.
function directionExpr() {
  const t = Number($("t").value);
  const scale = Math.abs(t).toFixed(2);
  return "(" + $("base").value + ") " + (t < 0 ? "-" : "+") + " " + scale + "*(" + $("dir").value + ")";
}

async function drawDirection() {
  $("tval").textContent = Number($("t").value).toFixed(2);
  const e = directionExpr();
  $("dirline").textContent = e;
  return show($("dirimg"), "/api/expr.png?" + query({ expr: e }));
}

$("grid").addEventListener("click", (ev) => {
  const img = $("grid"), cols = Math.ceil(Math.sqrt(view.pageSize));
  const scale = img.naturalWidth / img.clientWidth;
  const cell = (img.naturalWidth - 4) / cols;
  const col = Math.floor((ev.offsetX * scale - 4) / cell), row = Math.floor((ev.offsetY * scale - 4) / cell);
  if (col < 0 || row < 0 || col >= cols || row >= cols) return;
  view.picks.push(view.page * view.pageSize + row * cols + col);
  showPicks();
  $("expr").value = view.picks.join("+");
});
$("clear").onclick = () => { view.picks = []; showPicks(); };
$("prev").onclick = () => { if (view.page > 0) { view.page--; showGrid(); } };
$("next").onclick = () => { if ((view.page + 1) * view.pageSize < view.maxIndex) { view.page++; showGrid(); } };
$("draw").onclick = drawExpr;
$("expr").addEventListener("keydown", (ev) => { if (ev.key === "Enter") drawExpr(); });
$("slerp").onclick = drawSlerp;
$("t").addEventListener("input", drawDirection);
$("seed").addEventListener("change", showGrid);
$("checkpoint").addEventListener("change", showGrid);

(async () => {
  const info = await (await fetch("/api/checkpoints")).json();
  for (const name of info.checkpoints) {
    const o = document.createElement("option");
    o.value = o.textContent = name;
    $("checkpoint").appendChild(o);
  }
  $("checkpoint").value = info.current;
  $("seed").value = info.seed;
  view.pageSize = info.page_size;
  view.maxIndex = info.max_vector_index;
  $("steps").max = info.max_steps;
  await showGrid();
  document.body.dataset.ready = "1";
})();
