import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignTarget, evaluateExpression, ExpressionError } from '../../../src/workflow/embedded/runtime/feel.js';

const polluted = () => ({}) as Record<string, unknown>;

test('a mapping target through __proto__, prototype or constructor is refused and pollutes nothing', () => {
  for (const target of ['x.__proto__.y', '__proto__.y', 'constructor.prototype.y', 'a.prototype.y', 'a.b.constructor']) {
    assert.throws(
      () => assignTarget(target, 'polluted', () => undefined),
      (error: unknown) => error instanceof ExpressionError && error.message.includes(`'${target}'`),
      target,
    );
    assert.equal(polluted().y, undefined);
    assert.equal((Object.prototype as Record<string, unknown>).y, undefined);
  }
});

test('a nested mapping target builds objects with own properties and leaves the current value alone', () => {
  const current = { b: { d: 2 } };
  const { name, value } = assignTarget('a.b.c', 1, () => current);
  assert.equal(name, 'a');
  assert.deepEqual(value, { b: { d: 2, c: 1 } });
  assert.deepEqual(current, { b: { d: 2 } });
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
});

test('a variable with a "__proto__" key stays data when a FEEL result is converted to JSON', () => {
  const x = JSON.parse('{"__proto__": {"y": 1}, "z": 2}');
  const result = evaluateExpression('= x', { x }) as Record<string, unknown>;
  assert.ok(Object.hasOwn(result, '__proto__'));
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.equal(polluted().y, undefined);
  const nested = evaluateExpression('= {a: x, b: [x]}', { x }) as { a: object; b: object[] };
  assert.equal(Object.getPrototypeOf(nested.a), Object.prototype);
  assert.equal(polluted().y, undefined);
  evaluateExpression('= {"__proto__": {"y": 1}}', {});
  evaluateExpression('= context put({}, "__proto__", {y: 1})', {});
  evaluateExpression('= from json("{\\"__proto__\\": {\\"y\\": 1}}")', {});
  assert.equal(polluted().y, undefined);
});

test('a date-time with a zone id evaluates and is stored as Zeebe stores it', () => {
  assert.equal(evaluateExpression('= date and time("2026-12-02T10:00:00@Asia/Ho_Chi_Minh")', {}), '2026-12-02T10:00:00+07:00[Asia/Ho_Chi_Minh]');
  assert.equal(evaluateExpression('= @"2026-12-02T10:00:00@Asia/Ho_Chi_Minh" + duration("P1D")', {}), '2026-12-03T10:00:00+07:00[Asia/Ho_Chi_Minh]');
  assert.equal(evaluateExpression('= date and time("2026-12-02T10:00:00+07:00")', {}), '2026-12-02T10:00:00+07:00');
  assert.equal(evaluateExpression('= date and time("2026-12-02T03:00:00Z")', {}), '2026-12-02T03:00:00Z');
  assert.equal(evaluateExpression('= date and time("2026-12-02T10:00:00")', {}), '2026-12-02T10:00:00');
  assert.equal(evaluateExpression('= time("10:00:00")', {}), '10:00');
  assert.match(String(evaluateExpression('= now()', {})), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}(\[.+\])?)$/);
  assert.match(String(evaluateExpression('= today()', {})), /^\d{4}-\d{2}-\d{2}$/);
});

test('cycle() gives the ISO-8601 repeating interval of a timer cycle, as Zeebe does', () => {
  assert.equal(evaluateExpression('= cycle(duration("PT1H"))', {}), 'R/PT1H');
  assert.equal(evaluateExpression('= cycle(3, duration("PT1H"))', {}), 'R3/PT1H');
  assert.equal(evaluateExpression('= cycle(null, duration("P1D"))', {}), 'R/P1D');
  assert.equal(evaluateExpression('= cycle(2, duration("P1M"))', {}), 'R2/P1M');
  assert.throws(() => evaluateExpression('= cycle("PT1H")', {}), ExpressionError);
});
