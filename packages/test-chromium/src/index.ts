/**
 * Launch options for the headless Chromium that Hookline's browser tests drive with
 * playwright-core: Debian's build at `/usr/bin/chromium` (or `CHROMIUM_PATH`), with the flags
 * these machines need (no sandbox as root, no GPU, and no background networking, whose
 * connections the closed network refuses).
 *
 * @example
 * ```ts
 * import { chromium } from 'playwright-core';
 * import { chromiumLaunchOptions } from '@hookline/test-chromium';
 *
 * const browser = await chromium.launch(chromiumLaunchOptions());
 * const context = await chromium.launchPersistentContext(profileDir, chromiumLaunchOptions());
 * ```
 */

export type { ChromiumLaunchOptions } from './chromium-launch-options.js';
export { chromiumLaunchOptions } from './chromium-launch-options.js';
export { cspRefusals, injectInlineScripts, type PageLike } from './content-security.js';
