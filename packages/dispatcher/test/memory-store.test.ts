import { createMemoryStore } from '../src/index.js';
import { describeStoreContract } from './helpers/store-contract.js';

describeStoreContract('memory', async () => ({
  store: createMemoryStore(),
  cleanup: async () => {},
}));
