/**
 * PNG export: sigma's own drawing (all layers) on a canvas, with a legend of
 * the kinds and claim statuses drawn in the picture's corner, so the image
 * explains itself when pasted into a report.
 */
import { drawOnCanvas } from '@sigma/export-image';
import type Sigma from 'sigma';
import type { CameraState } from 'sigma/types';
import { kindColor, statusStyle, UI } from '../theme/index.ts';

export interface LegendEntries {
  kinds: { kind: string; label: string }[];
  statuses: string[];
  title: string;
  note: string;
}

/** Width of the legend column on the left of the picture, in CSS pixels. */
const LEGEND_W = 210;

function drawLegend(ctx: CanvasRenderingContext2D, legend: LegendEntries, height: number): void {
  const pad = 16;
  const line = 19;
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, LEGEND_W, height);
  ctx.fillStyle = '#dde2e8';
  ctx.fillRect(LEGEND_W - 1, 0, 1, height);
  ctx.textBaseline = 'middle';
  let y = pad + 8;
  // The title wraps on words over at most three lines.
  ctx.fillStyle = UI.labelColor;
  ctx.font = `600 14px ${UI.font}`;
  const words = legend.title.split(/\s+/);
  let current = '';
  let lines = 0;
  for (const w of words) {
    const next = current ? `${current} ${w}` : w;
    if (ctx.measureText(next).width > LEGEND_W - pad * 2 && current) {
      ctx.fillText(current, pad, y);
      y += 18;
      current = w;
      if (++lines === 2) break;
    } else current = next;
  }
  if (current) ctx.fillText(current, pad, y);
  y += 28;
  ctx.font = `600 10.5px ${UI.font}`;
  ctx.fillStyle = '#637080';
  ctx.fillText('ENTITIES', pad, y);
  y += line;
  ctx.font = `12.5px ${UI.font}`;
  for (const k of legend.kinds) {
    ctx.fillStyle = kindColor(k.kind);
    ctx.beginPath();
    ctx.arc(pad + 6, y, 5.5, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = UI.labelColor;
    ctx.fillText(k.label, pad + 20, y);
    y += line;
  }
  y += 10;
  ctx.font = `600 10.5px ${UI.font}`;
  ctx.fillStyle = '#637080';
  ctx.fillText('CLAIM STATUS', pad, y);
  y += line;
  ctx.font = `12.5px ${UI.font}`;
  for (const s of legend.statuses) {
    const st = statusStyle(s);
    ctx.strokeStyle = st.color;
    ctx.lineWidth = Math.max(1.2, st.size);
    ctx.setLineDash(st.dash);
    ctx.beginPath();
    ctx.moveTo(pad, y);
    ctx.lineTo(pad + 30, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = st.color;
    ctx.beginPath();
    ctx.moveTo(pad + 30, y - 4);
    ctx.lineTo(pad + 38, y);
    ctx.lineTo(pad + 30, y + 4);
    ctx.fill();
    ctx.fillStyle = UI.labelColor;
    ctx.fillText(s, pad + 48, y);
    y += line;
  }
  ctx.fillStyle = '#8a949e';
  ctx.font = `11px ${UI.font}`;
  y += 8;
  for (const l of legend.note.split('\n')) {
    ctx.fillText(l, pad, y);
    y += 15;
  }
  ctx.fillText(`claimgraph · ${new Date().toISOString().slice(0, 10)}`, pad, height - pad);
  ctx.restore();
}

/**
 * sigma draws at the device pixel ratio: a PNG `scale` times the size is
 * drawn as on a screen of that ratio (labels, sizes and widths scaled with
 * it, not a bigger canvas with small text). @sigma/export-image reads the
 * ratio from `window.devicePixelRatio`, as sigma does, when it builds its
 * renderer: set for that synchronous step only.
 */
async function drawScaled(sigma: Sigma, scale: number, opts: Parameters<typeof drawOnCanvas>[1]): Promise<HTMLCanvasElement> {
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  const base = window.devicePixelRatio || 1;
  Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => base * scale });
  let drawing: Promise<HTMLCanvasElement>;
  try {
    drawing = drawOnCanvas(sigma, opts);
  } finally {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
  return drawing;
}

/**
 * The picture (all layers) with a legend column on its left: the canvas's
 * size in CSS pixels times `scale` (times the screen's pixel ratio), seen
 * from `cameraState` (the whole graph when it is sigma's default, x 0.5,
 * y 0.5, ratio 1), or as the canvas shows it when none is given.
 */
export async function pngWithLegend(sigma: Sigma, legend: LegendEntries, cameraState?: CameraState, scale = 1): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const picture = await drawScaled(sigma, scale, { backgroundColor: UI.background, width, height, ...(cameraState ? { cameraState } : {}) });
  // drawOnCanvas draws at the (scaled) device pixel ratio; lay out the legend in CSS pixels.
  const ratio = picture.width / width;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round((width + LEGEND_W) * ratio);
  canvas.height = picture.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('the browser gave no 2D canvas for the PNG');
  ctx.drawImage(picture, Math.round(LEGEND_W * ratio), 0);
  ctx.save();
  ctx.scale(ratio, ratio);
  drawLegend(ctx, legend, height);
  ctx.restore();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}

/** The PNG's size in pixels for a canvas of this size at a scale (on this screen). */
export function pngSize(canvas: { width: number; height: number }, scale: number): { width: number; height: number } {
  const r = (window.devicePixelRatio || 1) * scale;
  return { width: Math.round((canvas.width + LEGEND_W) * r), height: Math.round(canvas.height * r) };
}
