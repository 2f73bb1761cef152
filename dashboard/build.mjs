// Builds the web app into target/classes/static (served by gateway-service from its jar); with
// --tests bundles test/*.test.ts and runs them with node's own test runner; with --bench bundles the
// bench pages under bench/ into target/bench (never served; ./dev/bench dashboard opens them).
// Runs on Node 18 and newer.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const target = join(root, 'target');

if (process.argv.includes('--tests')) {
  process.exit(await runTests());
}
if (process.argv.includes('--bench')) {
  await buildBench();
  process.exit(0);
}
await buildApp();

async function buildApp() {
  const out = join(target, 'classes', 'static');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'icons'), { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/main.ts'],
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['chrome100', 'firefox100', 'safari15'],
    outdir: join(out, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  const web = (file) => '/' + relative(out, join(root, file)).split('\\').join('/');
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint === 'src/main.ts');
  const css = outputs[entry].cssBundle;
  const html = readFileSync(join(root, 'src', 'index.html'), 'utf8')
    .replace('{{script}}', web(entry))
    .replace('{{style}}', css ? web(css) : '');
  writeFileSync(join(out, 'index.html'), html);

  writeIcons(out);
  writeFileSync(join(out, 'manifest.webmanifest'), JSON.stringify(manifest(), null, 2));
  const shell = ['/', '/manifest.webmanifest', '/icons/icon.svg', ...Object.keys(outputs).filter((f) => !f.endsWith('.map')).map(web)];
  const version = createHash('sha256').update(shell.join('\n')).update(html).digest('hex').slice(0, 12);
  const worker = readFileSync(join(root, 'src', 'sw.js'), 'utf8')
    .replace("'{{version}}'", JSON.stringify(version))
    .replace("'{{shell}}'", JSON.stringify(shell));
  writeFileSync(join(out, 'sw.js'), worker);

  // First load: one bundle (no code splitting) and its CSS.
  const firstLoad = css ? [entry, css] : [entry];
  let compressed = 0;
  for (const file of firstLoad) {
    compressed += gzipSync(readFileSync(join(root, file)), { level: 9 }).length;
  }
  console.log(`web app built into ${relative(process.cwd(), out)}: first load ${firstLoad.length} files, ${(compressed / 1024).toFixed(1)} KiB gzip`);
}

function manifest() {
  return {
    name: 'Connected Home',
    short_name: 'Home',
    description: 'Your home’s sensors, live.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#101418',
    theme_color: '#1f6feb',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}

function writeIcons(out) {
  writeFileSync(join(out, 'icons', 'icon.svg'), readFileSync(join(root, 'src', 'icon.svg')));
  for (const size of [192, 512]) {
    writeFileSync(join(out, 'icons', `icon-${size}.png`), housePng(size));
  }
}

/** The app icon as a PNG: a white house on the theme's blue, drawn pixel by pixel (no image tools needed). */
function housePng(size) {
  const blue = [0x1f, 0x6f, 0xeb];
  const white = [0xff, 0xff, 0xff];
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      const roof = v >= 0.22 && v <= 0.5 && Math.abs(u - 0.5) <= (v - 0.22) * 1.25;
      const body = v > 0.5 && v <= 0.8 && u >= 0.27 && u <= 0.73;
      const door = v > 0.6 && v <= 0.8 && u >= 0.45 && u <= 0.55;
      const colour = (roof || body) && !door ? white : blue;
      raw.set(colour, y * (size * 3 + 1) + 1 + x * 3);
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) {
      crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
  }
  return ~crc >>> 0;
}

/** Classic scripts with fixed names, so the pages also work opened as file:// URLs. */
async function buildBench() {
  const out = join(target, 'bench');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['bench/draw.ts'],
    bundle: true,
    format: 'iife',
    minify: true,
    target: ['chrome100'],
    outdir: out,
    legalComments: 'none',
    logLevel: 'warning',
  });
  writeFileSync(join(out, 'draw.html'), readFileSync(join(root, 'bench', 'draw.html')));
  console.log(`bench pages built into ${relative(process.cwd(), out)}`);
}

async function runTests() {
  const out = join(target, 'test-js');
  rmSync(out, { recursive: true, force: true });
  const tests = readdirSync(join(root, 'test'))
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join('test', file));
  if (tests.length === 0) {
    console.error('no tests under test/');
    return 1;
  }
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: tests,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    outdir: out,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  const files = readdirSync(out).filter((file) => file.endsWith('.test.mjs')).map((file) => join(out, file));
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
  return run.status ?? 1;
}
