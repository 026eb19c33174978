import type { CryptoSteps } from './crypto/crypto-steps.js';
import type { HeadersLike } from './headers-like.js';
import type { SecretInput } from './secret-list.js';

/** A signature scheme written once as crypto steps; bound to a backend by the entries. */
export interface SchemeDefinition<Result, SignInput, SignHeaders, Options> {
  verify(
    payload: unknown,
    headers: HeadersLike,
    secret: SecretInput,
    options?: Options,
  ): CryptoSteps<Result>;
  sign(input: SignInput): CryptoSteps<SignHeaders>;
}
