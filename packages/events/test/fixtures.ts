import { readFileSync } from 'node:fs';

/** The file name of the fixture for one event type and version: `user.login` v2 -> `user-login-v2.json`. */
export function fixtureName(event: string, version: number): string {
  return `${event.replaceAll(/[._]/g, '-')}-v${version}.json`;
}

/** Reads a JSON fixture from test/fixtures/ as the unknown value a receiver would get. */
export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

/** Reads a fixture's raw bytes, as they would arrive on the wire. */
export function readFixtureBytes(name: string): Uint8Array {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}
