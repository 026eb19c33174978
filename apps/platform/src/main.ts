import { parseArgs } from 'node:util';
import { defaultApiKey, startPlatform } from './start-platform.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    database: { type: 'string' },
    'api-key': { type: 'string' },
    'public-url': { type: 'string' },
    'allow-private-networks': { type: 'boolean' },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(
    `--port must be a port number (0 picks a free one); got ${values.port ?? process.env.PORT}`,
  );
  process.exit(2);
}

const publicUrl = values['public-url'] ?? process.env.PUBLIC_URL;
const privateNetworksEnv = process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS;
if (
  privateNetworksEnv !== undefined &&
  !['1', 'true', '0', 'false', ''].includes(privateNetworksEnv)
) {
  console.error(
    `HOOKLINE_ALLOW_PRIVATE_NETWORKS must be 1 or true (or 0, false); got ${privateNetworksEnv}`,
  );
  process.exit(2);
}
// Deliveries go to receivers on this machine only, unless asked to reach the private network.
const privateNetworks =
  values['allow-private-networks'] ?? ['1', 'true'].includes(privateNetworksEnv ?? '');
const platform = await startPlatform({
  port,
  host: values.host ?? process.env.HOST ?? '127.0.0.1',
  database: values.database ?? process.env.DATABASE_URL ?? 'hookline-platform.db',
  apiKey: values['api-key'] ?? process.env.HOOKLINE_API_KEY ?? defaultApiKey,
  ...(publicUrl !== undefined && { publicUrl }),
  ...(privateNetworks && { allowTargets: { loopback: true, privateNetworks: true, http: true } }),
  log: (level, message, fields) => {
    const line = `[${level}] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
    if (level === 'error') console.error(line);
    else console.log(line);
  },
});

console.log(`Hookline platform listening on ${platform.url}`);
console.log(`API key:   ${platform.apiKey}`);
console.log(`Dashboard: ${platform.url}/`);
console.log(`OpenAPI:   ${platform.url}/openapi.json`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining deliveries and closing the database...`);
    platform.stop().then(
      () => {
        console.log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('stop failed', error);
        process.exit(1);
      },
    );
  });
}
