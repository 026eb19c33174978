import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Receiver } from '../create-receiver.js';
import { drainRequest, receiveNodeRequest } from '../node/node-request.js';

/** Options for {@link hooklineFastify}. */
export interface HooklineFastifyOptions {
  receiver: Receiver;
  /** Route path. Default `/webhooks`. */
  path?: string;
}

/**
 * A Fastify plugin that routes one path to a receiver. Inside the plugin's scope every
 * content type is handed over as the raw stream (the receiver checks type and size itself);
 * the rest of the app keeps Fastify's JSON parser.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify'
 * import { hooklineFastify } from '@hookline/receiver/fastify'
 *
 * const app = Fastify()
 * await app.register(hooklineFastify, { receiver, path: '/webhooks' })
 * ```
 */
export const hooklineFastify: FastifyPluginAsync<HooklineFastifyOptions> = async (
  fastify: FastifyInstance,
  options: HooklineFastifyOptions,
) => {
  const { receiver } = options;
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  fastify.all(options.path ?? '/webhooks', async (request, reply) => {
    const stream = request.body as Readable | undefined;
    const response = await receiveNodeRequest(receiver, request.raw, stream ?? request.raw);
    reply.status(response.status);
    response.headers.forEach((value, name) => {
      reply.header(name, value);
    });
    // See sendWebResponse: drain an unread upload so the answer is not lost to a TCP reset.
    if (!(await drainRequest(request.raw))) reply.header('connection', 'close');
    return reply.send(Buffer.from(await response.arrayBuffer()));
  });
};
