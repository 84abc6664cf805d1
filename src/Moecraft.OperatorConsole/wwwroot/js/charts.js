// Charts are uPlot (vendored from npm under ../vendor/uplot); this module only chooses series and sizes.
import uPlot from "../vendor/uplot/uPlot.esm.js";

const palette = ["#3461c1", "#c0392b", "#2e7d32", "#8e44ad", "#d68910", "#16a085", "#7f8c8d", "#e84393"];

/**
 * A time-series line chart in `container` with one line per label. set(x, ...ys) replaces the data (x in seconds);
 * the container's data-points attribute says how many x values it shows, so a reader (or a test) sees it move.
 * `markers` (seconds) are drawn as dashed vertical lines: the routers page marks where epochs began.
 */
export function lineChart(container, title, labels, { money = false, markers = [] } = {}) {
  const width = () => Math.max(320, container.clientWidth - 12);
  const options = {
    title,
    width: width(),
    height: 220,
    series: [{}, ...labels.map((label, i) => ({ label, stroke: palette[i % palette.length], width: 2, points: { show: false },
      value: (_, v) => (v === null ? "—" : money ? `$${v.toFixed(6)}` : v.toFixed(2)) }))],
    axes: [{}, { size: 70, values: (_, ticks) => ticks.map((t) => (money ? `$${t.toPrecision(3)}` : t.toPrecision(3))) }],
    hooks: { draw: [(u) => drawMarkers(u, markers)] },
  };
  const empty = [[], ...labels.map(() => [])];
  const plot = new uPlot(options, empty, container);
  container.dataset.points = "0";
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
  resize.observe(container);
  return {
    set(x, ...ys) {
      plot.setData([x, ...ys]);
      container.dataset.points = String(x.length);
    },
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}

function drawMarkers(u, markers) {
  const [min, max] = [u.scales.x.min, u.scales.x.max];
  if (markers.length === 0 || min === undefined || max === undefined) return;
  const { ctx, bbox } = u;
  ctx.save();
  ctx.strokeStyle = "#999";
  ctx.setLineDash([4, 4]);
  ctx.lineWidth = 1;
  for (const at of markers) {
    if (at < min || at > max) continue;
    const x = Math.round(u.valToPos(at, "x", true));
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}
