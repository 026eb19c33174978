import { existsSync } from 'node:fs';

/** What playwright-core's `chromium.launch` / `launchPersistentContext` take from us. */
export interface ChromiumLaunchOptions {
  executablePath: string;
  headless: true;
  args: string[];
}

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Options to launch the machine's Chromium. Throws, so the test fails rather than skips,
 * when no browser is installed, saying how to install it.
 */
export function chromiumLaunchOptions(
  executablePath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
): ChromiumLaunchOptions {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is not installed at ${executablePath}. The browser tests drive a real browser and never skip: install it with \`apt-get update && apt-get install -y chromium\` (Debian/Ubuntu), or point CHROMIUM_PATH at one, then run the tests again.`,
    );
  }
  return { executablePath, headless: true, args: [...FLAGS] };
}
