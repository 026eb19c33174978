import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';
import type { Receiver } from '../create-receiver.js';
import { errorResponse } from '../json-response.js';
import { receiveNodeRequest, sendWebResponse } from '../node/node-request.js';
import { ReceiverError } from '../receiver-error.js';

/**
 * Express middleware for a receiver. Mount it before `express.json()` (or give it the raw
 * bytes with `express.raw({ type: 'application/json' })`): signatures are computed over the
 * exact bytes sent, which a parsed body no longer has.
 *
 * @example
 * ```ts
 * import express from 'express'
 * import { createExpressMiddleware } from '@hookline/receiver/express'
 *
 * const app = express()
 * app.post('/webhooks', createExpressMiddleware(receiver))
 * app.use(express.json()) // the rest of the app
 * ```
 */
export function createExpressMiddleware(
  receiver: Receiver,
): (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => Promise<void> {
  return async (req, res, next) => {
    try {
      const body: unknown = req.body;
      const raw = body instanceof Uint8Array ? body : undefined;
      if (!raw && wasConsumed(req, body)) {
        await sendWebResponse(req, res, errorResponse(alreadyParsed()));
        return;
      }
      await sendWebResponse(req, res, await receiveNodeRequest(receiver, req, raw ?? req));
    } catch (error) {
      next(error);
    }
  };
}

/**
 * True when a parser already read the stream. body-parser 1.x (Express 4) sets `req.body = {}`
 * even for requests it skipped, so an empty object with an unread stream is not "parsed".
 */
function wasConsumed(req: ExpressRequest, body: unknown): boolean {
  if (req.readableEnded || (req as { _body?: unknown })._body === true) return true;
  if (body === undefined || body === null) return false;
  return !(typeof body === 'object' && Object.keys(body).length === 0);
}

function alreadyParsed(): ReceiverError {
  return new ReceiverError(
    'body_already_parsed',
    'The request body was already parsed by another middleware, so the exact signed bytes are gone. ' +
      "Mount the webhook route before express.json(), or give it the raw bytes with express.raw({ type: 'application/json' }).",
    { status: 500 },
  );
}
