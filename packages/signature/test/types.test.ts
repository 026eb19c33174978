import { describe, expectTypeOf, it } from 'vitest';
import {
  github,
  type HeadersLike,
  safeVerifyWebhook,
  signWebhook,
  stripe,
  type VerifiedWebhook,
  type VerifyResult,
  verifyWebhook,
  type WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from '../src/index.js';
import * as node from '../src/node/index.js';

// These run through tsc (the package's typecheck script); the runtime body is trivial.
describe('public types', () => {
  it('verifyWebhook resolves a VerifiedWebhook and takes the raw payload only', () => {
    expectTypeOf(verifyWebhook).returns.toEqualTypeOf<Promise<VerifiedWebhook>>();
    expectTypeOf(safeVerifyWebhook).returns.toEqualTypeOf<Promise<VerifyResult<VerifiedWebhook>>>();
    expectTypeOf<VerifiedWebhook>().toEqualTypeOf<{
      id: string;
      timestamp: number;
      payload: string;
    }>();
    const check = () => {
      // @ts-expect-error a parsed object is not a payload
      void verifyWebhook({ event: 'x' }, {}, 'whsec_x');
      // @ts-expect-error secrets are strings
      void verifyWebhook('{}', {}, new Uint8Array());
      // @ts-expect-error the tolerance is a number of seconds
      void verifyWebhook('{}', {}, 'whsec_x', { toleranceSeconds: '300' });
    };
    void check;
  });

  it('accepts fetch Headers, Node IncomingHttpHeaders and plain records', () => {
    expectTypeOf<Headers>().toMatchTypeOf<HeadersLike>();
    expectTypeOf<import('node:http').IncomingHttpHeaders>().toMatchTypeOf<HeadersLike>();
    expectTypeOf<{ 'webhook-id': string }>().toMatchTypeOf<HeadersLike>();
  });

  it('signWebhook returns headers usable as HeadersInit and as HeadersLike', () => {
    type Signed = Awaited<ReturnType<typeof signWebhook>>;
    expectTypeOf<Signed>().toMatchTypeOf<HeadersInit>();
    expectTypeOf<Signed>().toMatchTypeOf<HeadersLike>();
  });

  it('narrows the result form on ok', () => {
    const use = (result: VerifyResult<VerifiedWebhook>) => {
      if (result.ok) expectTypeOf(result.webhook).toEqualTypeOf<VerifiedWebhook>();
      else {
        expectTypeOf(result.error).toEqualTypeOf<WebhookVerificationError>();
        expectTypeOf(result.error.code).toEqualTypeOf<WebhookVerificationErrorCode>();
        expectTypeOf(result.error.status).toEqualTypeOf<400 | 401 | 500>();
      }
    };
    void use;
  });

  it('types provider results and keeps sync variants to the node entry', () => {
    expectTypeOf(stripe.verify).returns.resolves.toEqualTypeOf<{
      timestamp: number;
      payload: string;
    }>();
    expectTypeOf(github.verify).returns.resolves.toEqualTypeOf<{
      payload: string;
      deliveryId: string | undefined;
      event: string | undefined;
    }>();
    expectTypeOf(node.stripe.verifySync).returns.toEqualTypeOf<{
      timestamp: number;
      payload: string;
    }>();
    const check = () => {
      // @ts-expect-error the WebCrypto build has no synchronous variants
      void stripe.verifySync;
      // @ts-expect-error GitHub does not sign a timestamp, so it takes no tolerance
      void github.verify('{}', {}, 's', { toleranceSeconds: 5 });
    };
    void check;
  });
});

describe('options under exactOptionalPropertyTypes', () => {
  it('accept an explicit undefined, as config objects often carry', () => {
    const check = (tolerance: number | undefined, now: (() => number) | undefined) => {
      void verifyWebhook('{}', {}, 'whsec_x', { toleranceSeconds: tolerance, now });
      void signWebhook({ id: 'msg', timestamp: undefined, payload: '{}', secret: 'whsec_x' });
    };
    void check;
  });
});
