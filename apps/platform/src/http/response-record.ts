/** One response the platform sent, as seen by {@link PlatformOptions.onResponse}. */
export interface ResponseRecord {
  /** The operation the request matched; `null` for pages and unknown routes. */
  operationId: string | null;
  method: string;
  /** The request path (without the query). */
  path: string;
  status: number;
  headers: Record<string, string>;
  /** The response body as text. */
  body: string;
}
