#!/usr/bin/env node
// Prints the Hookline event catalog as a table: what `pnpm start` shows.
// Imports the BUILT package (the repo root does not depend on @hookline/events);
// run `pnpm --filter @hookline/events build` first (`pnpm start` does).
const built = new URL('../packages/events/dist/index.mjs', import.meta.url);
let events;
try {
  events = await import(built.href);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error(
    `print-catalog: ${built.pathname} does not exist yet. Build it first: pnpm --filter @hookline/events build`,
  );
  process.exit(1);
}
const { eventCatalog, latestVersion } = events;

/** One row per event type: its versions side by side, newest description. */
const rows = [];
for (const entry of eventCatalog) {
  const row = rows.find((candidate) => candidate.event === entry.event);
  if (row === undefined) {
    rows.push({
      event: entry.event,
      versions: [entry.version],
      category: entry.category,
      description: entry.description,
    });
  } else {
    row.versions.push(entry.version);
    if (entry.version === latestVersion(entry.event)) row.description = entry.description;
  }
}

const columns = [
  ['event', (row) => row.event],
  ['versions', (row) => row.versions.map((v) => `v${v}`).join(', ')],
  ['category', (row) => row.category],
  ['description', (row) => row.description],
];
const width = (index) =>
  Math.max(columns[index][0].length, ...rows.map((row) => columns[index][1](row).length));
const widths = columns.map((_, index) => width(index));
const line = (cells) =>
  cells
    .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index])))
    .join('  ')
    .trimEnd();

const output = [
  `Hookline event catalog: ${rows.length} event types, ${eventCatalog.length} contracts`,
  '',
  line(columns.map(([title]) => title)),
  line(widths.map((w) => '-'.repeat(w))),
  ...rows.map((row) => line(columns.map(([, cell]) => cell(row)))),
];
process.stdout.write(`${output.join('\n')}\n`);
