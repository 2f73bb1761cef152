/**
 * Drawing a chart with uPlot: each sensor a translucent min–max band with its mean line. Kept apart
 * from the page so a bench can draw large data the same way ({@link drawSeries}).
 */
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartLine {
  label: string;
  colour: string;
  /** Dash pattern, so colour is not the only way to tell lines apart. */
  dash: number[];
}

export interface ChartLook {
  dark: boolean;
  unit: string;
  width: number;
  height: number;
  /** Charts with the same key move their cursors together. */
  syncKey?: string;
  /** Called with the selected x range (epoch seconds) when the person drags across the chart. */
  onSelect?: (min: number, max: number) => void;
}

// Okabe–Ito: told apart by people with the common colour-vision deficiencies.
const LIGHT = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#6b6b00', '#000000'];
const DARK = ['#56b4e9', '#f0a35e', '#2fd1a1', '#e39bc4', '#f5c542', '#9fd3f5', '#d6d66b', '#e6edf3'];
const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3]];

export function lineStyle(index: number, dark: boolean): Pick<ChartLine, 'colour' | 'dash'> {
  const palette = dark ? DARK : LIGHT;
  return { colour: palette[index % palette.length], dash: DASHES[Math.floor(index / palette.length) % DASHES.length] };
}

function translucent(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

export function chartOptions(lines: ChartLine[], look: ChartLook): Options {
  const text = look.dark ? '#e6edf3' : '#17202a';
  const grid = look.dark ? 'rgba(230,237,243,0.12)' : 'rgba(23,32,42,0.1)';
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const series: Options['series'] = [{}];
  const bands: NonNullable<Options['bands']> = [];
  lines.forEach((line, i) => {
    const minIndex = 1 + i * 3;
    series.push(
      { label: `${line.label} min`, stroke: 'transparent', points: { show: false } },
      { label: `${line.label} max`, stroke: 'transparent', points: { show: false } },
      {
        label: line.label,
        stroke: line.colour,
        width: 2,
        dash: line.dash,
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v == null ? '–' : `${formatNumber(v)} ${look.unit}`.trim()),
      },
    );
    bands.push({ series: [minIndex + 1, minIndex], fill: translucent(line.colour, look.dark ? 0.22 : 0.16) });
  });
  return {
    width: look.width,
    height: look.height,
    series,
    bands,
    scales: { x: { time: true } },
    axes: [axis, { ...axis, label: look.unit, size: 60 }],
    legend: { live: true },
    cursor: {
      drag: { x: true, y: false, setScale: false },
      sync: look.syncKey === undefined ? undefined : { key: look.syncKey },
    },
    hooks: {
      setSelect: [
        (u: uPlot) => {
          if (u.select.width > 4 && look.onSelect) {
            const min = u.posToVal(u.select.left, 'x');
            const max = u.posToVal(u.select.left + u.select.width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            look.onSelect(min, max);
          }
        },
      ],
    },
  };
}

/** Draws {@code data} (uPlot's aligned arrays: x then min, max, mean per line) into {@code el}. */
export function drawSeries(el: HTMLElement, data: AlignedData, lines?: ChartLine[], look?: Partial<ChartLook>): uPlot {
  const count = Math.floor((data.length - 1) / 3);
  const chartLines = lines ?? Array.from({ length: count }, (_, i) => ({ label: `Series ${i + 1}`, ...lineStyle(i, false) }));
  const options = chartOptions(chartLines, {
    dark: false,
    unit: '',
    width: el.clientWidth || 800,
    height: 300,
    ...look,
  });
  return new uPlot(options, data, el);
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

function formatNumber(value: number): string {
  return numberFormat.format(value);
}
