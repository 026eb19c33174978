export { bestEffort } from './best-effort.js';
export { parseHttpDate } from './http-date.js';
