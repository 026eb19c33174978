import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Receiver } from '../create-receiver.js';
import { sendWebResponse, toWebRequest } from './node-request.js';

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
    const response = await receiver.fetch(toWebRequest(req), {
      ...(req.socket.remoteAddress === undefined
        ? {}
        : { remoteAddress: req.socket.remoteAddress }),
    });
    await sendWebResponse(req, res, response);
  };
}

export { sendWebResponse, toWebRequest } from './node-request.js';
