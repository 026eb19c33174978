// Ids and timestamps come from the dispatcher, so events the platform writes and events the
// dispatcher fills in sort and read the same way.
export { createId, isoSeconds } from '@hookline/dispatcher';
