import { parseArgs } from 'node:util';
import { startShop } from './start-shop.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    database: { type: 'string' },
    'platform-url': { type: 'string' },
    'api-key': { type: 'string' },
    'public-url': { type: 'string' },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 4020);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(
    `--port must be a port number (0 picks a free one); got ${values.port ?? process.env.PORT}`,
  );
  process.exit(2);
}
const publicUrl = values['public-url'] ?? process.env.PUBLIC_URL;
const shop = await startShop({
  port,
  host: values.host ?? process.env.HOST ?? '127.0.0.1',
  database: values.database ?? process.env.SHOP_DATABASE ?? 'hookline-shop.db',
  platformUrl: values['platform-url'] ?? process.env.HOOKLINE_API_URL ?? 'http://127.0.0.1:4010',
  apiKey: values['api-key'] ?? process.env.HOOKLINE_API_KEY ?? 'sk_test_hookline_sandbox',
  ...(publicUrl !== undefined && { publicUrl }),
});
console.log(
  `Hookline example shop on ${shop.url} (webhooks at ${shop.webhookUrl}, endpoint ${shop.endpoint.id} ${shop.endpoint.outcome})`,
);
console.log(`Caught up: ${shop.catchUp.new} new events, ${shop.catchUp.duplicate} already seen`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    shop.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('stop failed', error);
        process.exit(1);
      },
    );
  });
}
