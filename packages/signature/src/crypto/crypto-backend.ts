/** The two primitives every scheme is built from. */
export type SignatureAlgorithm = 'hmac-sha256' | 'ed25519';

/**
 * Key bytes plus a stable id derived from the configured secret, used to cache imported keys.
 * The id encodes the scheme's key rule, so the same text decoded two ways never collides.
 */
export interface KeyMaterial {
  readonly id: string;
  readonly bytes: Uint8Array;
}

/** An Ed25519 key pair as raw bytes: the 32-byte seed and the 32-byte public key. */
export interface RawEd25519KeyPair {
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
}

/**
 * What an HMAC is computed over: bytes, or text (its UTF-8 bytes). Text lets node:crypto hash a
 * string without first copying it into a byte array (half the cost of signing a small payload).
 */
export type HmacData = Uint8Array | string;

/** Asynchronous crypto, implemented with WebCrypto (everywhere) or node:crypto (Node). */
export interface CryptoBackend {
  hmacSha256(key: KeyMaterial, data: HmacData): Promise<Uint8Array>;
  ed25519Sign(seed: KeyMaterial, data: Uint8Array): Promise<Uint8Array>;
  ed25519Verify(publicKey: KeyMaterial, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  generateEd25519KeyPair(): Promise<RawEd25519KeyPair>;
}

/** Synchronous crypto, only where the platform has it (node:crypto). */
export interface SyncCryptoBackend {
  hmacSha256(key: KeyMaterial, data: HmacData): Uint8Array;
  ed25519Sign(seed: KeyMaterial, data: Uint8Array): Uint8Array;
  ed25519Verify(publicKey: KeyMaterial, data: Uint8Array, signature: Uint8Array): boolean;
  generateEd25519KeyPair(): RawEd25519KeyPair;
}

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. */
export const ED25519_PKCS8_PREFIX = Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
);

/** DER prefix of an SPKI Ed25519 public key; the 32-byte key follows. */
export const ED25519_SPKI_PREFIX = Uint8Array.of(
  0x30,
  0x2a,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x03,
  0x21,
  0x00,
);
