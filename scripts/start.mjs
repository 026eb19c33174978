// Runs the sandbox: the reference platform and the example shop, in this process, on loopback
// ports, with their SQLite files under .data/. `pnpm start` builds first (turbo run build).
//
//   PLATFORM_PORT (default 4010), SHOP_PORT (default 4020): 0 picks free ports.
//   HOOKLINE_DATA_DIR (default <repo>/.data): where platform.db and shop.db live.
//
// Ctrl-C (SIGINT) or SIGTERM stops the shop (server closed, receiver worker drained), then the
// platform (server closed, delivery worker drained), and exits 0.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

async function importBuilt(app) {
  const entry = join(root, 'apps', app, 'dist', 'index.mjs');
  try {
    return await import(pathToFileURL(entry).href);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry)) {
      console.error(
        `${entry} is missing: build first with \`pnpm build\` (or run \`pnpm start\`).`,
      );
      process.exit(1);
    }
    throw error;
  }
}

function portFrom(name, fallback) {
  const raw = process.env[name];
  const port = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`${name} must be a port number (0 picks a free one); got ${raw}`);
    process.exit(2);
  }
  return port;
}

const platformPort = portFrom('PLATFORM_PORT', 4010);
const shopPort = portFrom('SHOP_PORT', 4020);
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this run script only, never by a turbo task
const dataDir = process.env.HOOKLINE_DATA_DIR || join(root, '.data');
mkdirSync(dataDir, { recursive: true });

const { startPlatform } = await importBuilt('platform');
const { startShop } = await importBuilt('shop');

const log = (source) => (level, message, fields) => {
  if (level === 'info') return;
  const line = `[${source}] ${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
  console.error(line);
};

let platform;
let shop;
try {
  platform = await startPlatform({
    port: platformPort,
    database: join(dataDir, 'platform.db'),
    log: log('platform'),
  });
  shop = await startShop({
    platformUrl: platform.url,
    apiKey: platform.apiKey,
    port: shopPort,
    database: join(dataDir, 'shop.db'),
    log: log('shop'),
  });
} catch (error) {
  if (error?.code === 'EADDRINUSE') {
    console.error(
      `Port ${error.port} is in use. Stop whatever holds it, or pick others: PLATFORM_PORT=0 SHOP_PORT=0 pnpm start`,
    );
  } else {
    console.error('Could not start:', error);
  }
  await platform?.stop();
  process.exit(1);
}

console.log(`Hookline platform: ${platform.url}  (dashboard; API key ${platform.apiKey})`);
console.log(
  `Webhook endpoint ${shop.endpoint.id} (${shop.endpoint.outcome}) -> ${shop.webhookUrl}; caught up ${shop.catchUp.new} missed events`,
);
console.log(`Data: ${dataDir}`);
console.log('');
console.log(`  Open the shop: ${shop.url}`);
console.log('');
console.log('Ctrl-C stops both.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the shop, then the platform (draining workers)...`);
    (async () => {
      await shop.stop();
      await platform.stop();
    })().then(
      () => {
        console.log('stopped');
        process.exit(0);
      },
      (error) => {
        console.error('stop failed', error);
        process.exit(1);
      },
    );
  });
}
