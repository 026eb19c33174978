import { z } from 'zod';
import { eventIdSchema, eventSchema, listEventsQuerySchema } from '../schemas/event.js';
import { listOf } from '../schemas/pagination.js';
import { defineOperation } from './define-operation.js';
import { exampleEvent, examplePage } from './examples.js';

export const listEvents = defineOperation({
  operationId: 'listEvents',
  method: 'get',
  path: '/v1/events',
  tag: 'Events',
  summary: 'List events',
  description:
    'Lists events oldest first. This is the catch-up path: after downtime, page from the last event id you handled (`starting_after`) and feed the events through the same handlers as webhooks; ids match the `webhook-id` of deliveries, so nothing is handled twice.',
  query: listEventsQuerySchema,
  paginated: true,
  cursor: { idPrefix: 'evt', noun: 'event' },
  response: {
    status: 200,
    description: 'A page of events.',
    schema: listOf('Event', eventSchema),
    example: examplePage([exampleEvent]),
  },
});

export const getEvent = defineOperation({
  operationId: 'getEvent',
  method: 'get',
  path: '/v1/events/{event_id}',
  tag: 'Events',
  summary: 'Retrieve an event',
  description: 'Retrieves an event by id, as it was first published.',
  pathParams: z.object({ event_id: eventIdSchema }),
  response: { status: 200, description: 'The event.', schema: eventSchema, example: exampleEvent },
});
