import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LoginThrottle } from '../../src/identity/login-throttle.js';

/**
 * The lockout follows Keycloak's brute force detection (Server Administration Guide, "Brute force
 * attacks", temporary lockout): failures below the failure factor cost nothing; from the factor on,
 * each failure disables the account for one more wait increment, up to the maximum wait; a
 * successful login clears the count.
 */
describe('login throttle', () => {
  test('locks from the failure factor on, one wait increment more per failure, up to the maximum', () => {
    let now = 0;
    const throttle = new LoginThrottle(3, 60, 150, () => now);
    throttle.failed('citizen1');
    throttle.failed(' Citizen1 ');
    assert.equal(throttle.waitSeconds('citizen1'), 0, 'two failures: no wait yet');
    throttle.failed('citizen1');
    assert.equal(throttle.waitSeconds('CITIZEN1'), 60, 'the third failure locks for one increment, whatever the case');
    now += 60_000;
    assert.equal(throttle.waitSeconds('citizen1'), 0, 'the lock ends after the increment');
    throttle.failed('citizen1');
    assert.equal(throttle.waitSeconds('citizen1'), 120, 'the next failure waits two increments');
    now += 120_000;
    throttle.failed('citizen1');
    assert.equal(throttle.waitSeconds('citizen1'), 150, 'never more than the maximum wait');
    assert.equal(throttle.waitSeconds('citizen2'), 0, 'other usernames are not affected');
  });

  test('a successful login clears the count', () => {
    const throttle = new LoginThrottle(2, 60, 900, () => 0);
    throttle.failed('a');
    throttle.succeeded('a');
    throttle.failed('a');
    assert.equal(throttle.waitSeconds('a'), 0);
  });
});
