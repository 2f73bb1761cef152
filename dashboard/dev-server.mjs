// For working on the app: serves the built app (npm run build) with the gateway's history fallback and
// passes /api and /.well-known to a running gateway (./dev/run's by default).
//   node dev-server.mjs [--port 5180] [--gateway http://127.0.0.1:8080]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const port = Number(argument('--port', '5180'));
const gateway = new URL(argument('--gateway', 'http://127.0.0.1:8080'));
const root = join(fileURLToPath(new URL('.', import.meta.url)), 'target', 'classes', 'static');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.json': 'application/json' };

// The gateway refuses cookie sign-in from another origin: to it, the request comes from itself.
const proxied = (headers) => ({ ...headers, host: gateway.host, ...(headers.origin ? { origin: gateway.origin } : {}) });

createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/.well-known/')) {
    const upstream = request(
      { host: gateway.hostname, port: gateway.port, path: req.url, method: req.method, headers: proxied(req.headers) },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end('gateway unreachable');
    });
    req.pipe(upstream);
    return;
  }
  let file = normalize(join(root, url.pathname));
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
    file = join(root, 'index.html');
  }
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`app on http://127.0.0.1:${port}/ → gateway ${gateway}`));
