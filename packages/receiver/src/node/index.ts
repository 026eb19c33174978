import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Receiver } from '../create-receiver.js';
import { errorResponse } from '../json-response.js';
import { ReceiverError } from '../receiver-error.js';
import { receiveNodeRequest, sendWebResponse } from './node-request.js';

/**
 * A `node:http` request listener for a receiver. Mount it on the webhook path; every
 * request it gets is treated as a delivery.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { createNodeHandler } from '@hookline/receiver/node'
 *
 * createServer(createNodeHandler(receiver)).listen(3000)
 * ```
 */
export function createNodeHandler(
  receiver: Receiver,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      await sendWebResponse(req, res, await receiveNodeRequest(receiver, req));
    } catch {
      // receiver.fetch answers every failure itself; this is the adapter's own (a response
      // that could not be written). A request listener's rejection would end the process.
      if (!res.headersSent) {
        await sendWebResponse(
          req,
          res,
          errorResponse(
            new ReceiverError('handler_failed', 'The receiver failed unexpectedly.', {
              status: 500,
            }),
          ),
        ).catch(() => res.destroy());
      } else res.destroy();
    }
  };
}

export { receiveNodeRequest, sendWebResponse, toWebRequest } from './node-request.js';
