/** The part of a playwright-core `Page` these helpers use. */
export interface PageLike {
  on(event: 'console', listener: (message: { text(): string }) => void): unknown;
  evaluate<R>(fn: () => R): Promise<R>;
}

/**
 * Collects what Chromium refused on `page` under its Content-Security-Policy (it logs each
 * refusal to the console). A page that works must leave the list empty.
 */
export function cspRefusals(page: PageLike): string[] {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refused.push(message.text());
  });
  return refused;
}

/**
 * Injects an inline `<script>` and an inline event handler into `page`, waits until both were
 * refused (in `refused`, from {@link cspRefusals}; at most `timeoutMs`), and returns what they
 * managed to write to `document.body.dataset`: `{}` when the page's policy stopped them.
 */
export async function injectInlineScripts(
  page: PageLike,
  refused: readonly string[],
  timeoutMs = 5000,
): Promise<Record<string, string | undefined>> {
  const before = refused.length;
  await page.evaluate(() => {
    const injected = document.createElement('script');
    injected.textContent = 'document.body.dataset.injected = "yes"';
    document.body.append(injected);
    document.body.insertAdjacentHTML(
      'beforeend',
      '<img src="x" onerror="document.body.dataset.attr = \'yes\'">',
    );
  });
  const deadline = Date.now() + timeoutMs;
  while (refused.length < before + 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return page.evaluate(() => ({ ...document.body.dataset }));
}
