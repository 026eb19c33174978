import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { packageRoot, renderGeneratedFiles } from './generated-files.js';

// Writes generated/openapi.{json,yaml} and src/generated/openapi-types.ts (`pnpm generate`).
const files = await renderGeneratedFiles();
for (const [path, contents] of Object.entries(files)) {
  const target = join(packageRoot, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, contents);
  console.log(`wrote ${path} (${contents.length} bytes)`);
}
