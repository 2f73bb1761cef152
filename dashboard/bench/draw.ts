/**
 * Times drawSeries (the explorer's own drawing) on 100,000 points of one min–max band with its mean,
 * from the call until uPlot's first draw has finished, several times. Not part of the app: bundled by
 * `node build.mjs --bench` into target/bench and read by `./dev/bench dashboard` from window.benchResults.
 */
import type uPlot from 'uplot';
import { drawSeries } from '../src/explorer/draw.js';

const POINTS = 100_000;
const RUNS = 5;

interface BenchResults {
  points: number;
  millis: number[];
  error?: string;
}

declare global {
  interface Window {
    benchResults?: BenchResults;
  }
}

function points(): [Float64Array, Float64Array, Float64Array, Float64Array] {
  const x = new Float64Array(POINTS);
  const min = new Float64Array(POINTS);
  const max = new Float64Array(POINTS);
  const mean = new Float64Array(POINTS);
  const start = Math.floor(Date.now() / 1000) - POINTS * 60;
  for (let i = 0; i < POINTS; i++) {
    const value = 20 + 3 * Math.sin(i / 500) + Math.sin(i / 7);
    x[i] = start + i * 60;
    mean[i] = value;
    min[i] = value - 0.5 - (i % 5) / 10;
    max[i] = value + 0.5 + (i % 3) / 10;
  }
  return [x, min, max, mean];
}

/** One run: a fresh container, drawSeries, resolved at the end of the first draw. */
function timeOneDraw(container: HTMLElement, data: ReturnType<typeof points>): Promise<number> {
  container.replaceChildren();
  const el = document.createElement('div');
  el.className = 'chart';
  container.append(el);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const plot: uPlot = drawSeries(el, data, undefined, { width: 1200, height: 400 });
    // uPlot draws in a microtask after the constructor returns, so the hook is in place in time.
    (plot.hooks.draw ??= []).push(() => {
      const millis = performance.now() - started;
      queueMicrotask(() => plot.destroy());
      resolve(millis);
    });
    setTimeout(() => reject(new Error('uPlot did not draw within 10 s')), 10_000);
  });
}

async function run(): Promise<void> {
  const status = document.getElementById('status')!;
  const container = document.getElementById('chart')!;
  const millis: number[] = [];
  try {
    const data = points();
    for (let i = 0; i < RUNS; i++) {
      millis.push(await timeOneDraw(container, data));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    window.benchResults = { points: POINTS, millis };
    status.textContent = `Drew ${POINTS} points ${RUNS} times: ${millis.map((m) => m.toFixed(1)).join(', ')} ms`;
  } catch (error) {
    window.benchResults = { points: POINTS, millis, error: String(error) };
    status.textContent = `Failed: ${String(error)}`;
  }
}

void run();
