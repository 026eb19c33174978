import { timingSafeEqual } from '../encoding/bytes.js';
import type {
  CryptoBackend,
  HmacData,
  KeyMaterial,
  RawEd25519KeyPair,
  SignatureAlgorithm,
  SyncCryptoBackend,
} from './crypto-backend.js';

/*
 * Every scheme is written once, as a generator that yields the crypto operations it needs.
 * `runAsync` drives it with an async backend (WebCrypto, or node:crypto wrapped) and `runSync`
 * with node:crypto directly, so the parsing and matching rules exist in one place and the
 * `*Sync` variants cannot drift from the async ones.
 */

/** One crypto operation requested by a scheme. */
export type CryptoOp =
  | { readonly kind: 'hmac'; readonly key: KeyMaterial; readonly data: HmacData }
  | { readonly kind: 'ed25519-sign'; readonly key: KeyMaterial; readonly data: Uint8Array }
  | {
      readonly kind: 'ed25519-verify';
      readonly key: KeyMaterial;
      readonly data: Uint8Array;
      readonly signature: Uint8Array;
    }
  | { readonly kind: 'ed25519-generate' };

type CryptoOpResult = Uint8Array | boolean | RawEd25519KeyPair;

/** A computation that yields crypto operations and returns `R`. */
export type CryptoSteps<R> = Generator<CryptoOp, R, CryptoOpResult>;

function perform(
  backend: CryptoBackend | SyncCryptoBackend,
  op: CryptoOp,
): CryptoOpResult | Promise<CryptoOpResult> {
  switch (op.kind) {
    case 'hmac':
      return backend.hmacSha256(op.key, op.data);
    case 'ed25519-sign':
      return backend.ed25519Sign(op.key, op.data);
    case 'ed25519-verify':
      return backend.ed25519Verify(op.key, op.data, op.signature);
    case 'ed25519-generate':
      return backend.generateEd25519KeyPair();
  }
}

/** Runs `steps` with an asynchronous backend. */
export async function runAsync<R>(steps: CryptoSteps<R>, backend: CryptoBackend): Promise<R> {
  let step = steps.next();
  while (!step.done) step = steps.next(await perform(backend, step.value));
  return step.value;
}

/** Runs `steps` with a synchronous backend. */
export function runSync<R>(steps: CryptoSteps<R>, backend: SyncCryptoBackend): R {
  let step = steps.next();
  while (!step.done) step = steps.next(perform(backend, step.value) as CryptoOpResult);
  return step.value;
}

/** HMAC-SHA256 of `data`. */
export function* hmacSha256(key: KeyMaterial, data: HmacData): CryptoSteps<Uint8Array> {
  return (yield { kind: 'hmac', key, data }) as Uint8Array;
}

/** Ed25519 signature of `data` with a 32-byte seed. */
export function* ed25519Sign(seed: KeyMaterial, data: Uint8Array): CryptoSteps<Uint8Array> {
  return (yield { kind: 'ed25519-sign', key: seed, data }) as Uint8Array;
}

/** A fresh Ed25519 key pair. */
export function* ed25519Generate(): CryptoSteps<RawEd25519KeyPair> {
  return (yield { kind: 'ed25519-generate' }) as RawEd25519KeyPair;
}

/** A key a verifier may accept, tagged with the algorithm it verifies. */
export interface VerificationKey {
  readonly algorithm: SignatureAlgorithm;
  readonly material: KeyMaterial;
}

/** A signature taken from a header, tagged with the algorithm it claims. */
export interface PresentedSignature {
  readonly algorithm: SignatureAlgorithm;
  readonly bytes: Uint8Array;
}

/**
 * True when any key matches any signature of its algorithm over `content`. HMACs are computed
 * once per key and compared in constant time; Ed25519 signatures are verified per key.
 */
export function* matchesAny(
  content: Uint8Array,
  keys: readonly VerificationKey[],
  signatures: readonly PresentedSignature[],
): CryptoSteps<boolean> {
  for (const key of keys) {
    const candidates = signatures.filter((signature) => signature.algorithm === key.algorithm);
    if (candidates.length === 0) continue;
    if (key.algorithm === 'hmac-sha256') {
      const expected = yield* hmacSha256(key.material, content);
      let matched = false;
      // No early exit: every candidate is compared, so timing does not reveal which matched.
      for (const candidate of candidates) {
        matched = timingSafeEqual(expected, candidate.bytes) || matched;
      }
      if (matched) return true;
    } else {
      for (const candidate of candidates) {
        if (candidate.bytes.length !== 64) continue;
        const valid = (yield {
          kind: 'ed25519-verify',
          key: key.material,
          data: content,
          signature: candidate.bytes,
        }) as boolean;
        if (valid) return true;
      }
    }
  }
  return false;
}
