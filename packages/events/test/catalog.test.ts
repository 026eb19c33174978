import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  eventCatalog,
  eventCategories,
  eventMigrations,
  eventTypes,
  eventVersions,
  getEventDefinition,
  isEventType,
  isHooklineEventError,
  latestVersion,
  parseEvent,
} from '../src/index.js';
import { fixtureName, readFixture } from './fixtures.js';

const required = {
  auth: [
    'user.created',
    'user.login',
    'user.deleted',
    'password_reset.requested',
    'mfa.verified',
    'session.revoked',
  ],
  payments: [
    'checkout.completed',
    'payment.succeeded',
    'payment.failed',
    'subscription.created',
    'subscription.cancelled',
  ],
} as const;

describe('eventCatalog', () => {
  it('holds every event type the design asks for, in its category', () => {
    for (const [category, names] of Object.entries(required)) {
      for (const name of names) {
        expect(isEventType(name), name).toBe(true);
        expect(eventCategories[name], name).toBe(category);
      }
    }
    expect(eventTypes).toHaveLength(11);
  });

  it('has user.login and payment.succeeded in versions 1 and 2, the rest in version 1', () => {
    expect(eventVersions('user.login')).toEqual([1, 2]);
    expect(eventVersions('payment.succeeded')).toEqual([1, 2]);
    expect(latestVersion('user.login')).toBe(2);
    expect(latestVersion('payment.succeeded')).toBe(2);
    for (const name of eventTypes.filter((t) => t !== 'user.login' && t !== 'payment.succeeded')) {
      expect(eventVersions(name), name).toEqual([1]);
    }
  });

  it('numbers each type 1..n with a migration step between every consecutive pair', () => {
    for (const name of eventTypes) {
      const versions = eventVersions(name);
      expect(versions).toEqual(versions.map((_, index) => index + 1));
      for (const version of versions.slice(1)) {
        const steps = eventMigrations.filter(
          (step) => step.event === name && step.from === version - 1 && step.to === version,
        );
        expect(steps, `${name} v${version - 1} -> v${version}`).toHaveLength(1);
      }
    }
    expect(eventMigrations).toHaveLength(2);
  });

  it('lists each (event, version) once, with a description and a matching schema', () => {
    const keys = eventCatalog.map((entry) => `${entry.event}@${entry.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of eventCatalog) {
      expect(entry.description.length, entry.event).toBeGreaterThan(20);
      expect(getEventDefinition(entry.event, entry.version)).toBe(entry);
      expect(entry.schema.shape.metadata).toBe(entry.metadata);
    }
  });

  it('ships examples that parse, as full envelopes, into themselves', () => {
    for (const entry of eventCatalog) {
      const result = parseEvent(entry.example);
      expect(result, `${entry.event} v${entry.version}`).toEqual({
        ok: true,
        event: entry.example,
      });
    }
  });

  it('has a fixture in test/fixtures for every (event, version), and every fixture parses', () => {
    const files = new Set(readdirSync(new URL('./fixtures/', import.meta.url)));
    for (const entry of eventCatalog) {
      const name = fixtureName(entry.event, entry.version);
      expect(files.has(name), name).toBe(true);
      const fixture = readFixture(name);
      const result = parseEvent(fixture);
      expect(result.ok ? result.event : result.error.message, name).toEqual(fixture);
      expect(result.ok && result.event.event).toBe(entry.event);
      expect(result.ok && result.event.version).toBe(entry.version);
    }
  });

  it('answers unknown names and versions with undefined or a typed error', () => {
    expect(getEventDefinition('user.login', 3)).toBeUndefined();
    expect(getEventDefinition('user.logout', 1)).toBeUndefined();
    expect(eventVersions('user.logout')).toEqual([]);
    expect(isEventType('user.logout')).toBe(false);
    expect(isEventType(42)).toBe(false);
    try {
      latestVersion('user.logout' as 'user.login');
      expect.unreachable('latestVersion accepted an unknown event type');
    } catch (error) {
      expect(isHooklineEventError(error) && error.code).toBe('unknown_event');
    }
  });

  it('is frozen, so no consumer can change a published contract at runtime', () => {
    expect(Object.isFrozen(eventCatalog)).toBe(true);
    expect(Object.isFrozen(eventCatalog[0])).toBe(true);
    expect(Object.isFrozen(eventTypes)).toBe(true);
  });

  it('deep-freezes the examples, so no consumer can change one for everybody', () => {
    const isDeepFrozen = (value: unknown): boolean =>
      typeof value !== 'object' ||
      value === null ||
      (Object.isFrozen(value) && Object.values(value).every(isDeepFrozen));
    for (const definition of eventCatalog) {
      expect(isDeepFrozen(definition.example), `${definition.event} v${definition.version}`).toBe(
        true,
      );
    }
    const payment = getEventDefinition('payment.succeeded', 2);
    expect(() => {
      if (payment) (payment.example.metadata.amount as { value: number }).value = -1;
    }).toThrow(TypeError);
    expect(payment?.schema.safeParse(payment.example).success).toBe(true);
  });
});
