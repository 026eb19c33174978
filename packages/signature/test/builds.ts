import * as web from '../src/index.js';
import * as node from '../src/node/index.js';

/** Both builds, so every behaviour is pinned on WebCrypto and on node:crypto. */
export const builds = [
  { name: 'web (WebCrypto)', api: web },
  { name: 'node (node:crypto)', api: node },
] as const;
