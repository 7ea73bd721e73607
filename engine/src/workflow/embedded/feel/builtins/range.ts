// Range functions (DMN 1.3, 10.3.4.9), as feel-scala evaluates them; feelin 8.2.0 declares several
// of them without parameters, so a call fails there.
// https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-range/
import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isRange } from 'feelin';
import { builtin, isNumber, isString } from '../values.js';

interface Bounds {
  start: unknown;
  end: unknown;
  startIncluded: boolean;
  endIncluded: boolean;
}

/** A number, string, temporal value as something `<` compares; undefined when not comparable. */
function key(value: unknown): number | string | undefined {
  if (isNumber(value) || isString(value)) return value;
  if (value instanceof FeelDate) return value.toString();
  if (value instanceof FeelDuration) return value.unwrap().total({ unit: 'seconds', relativeTo: '2000-01-01' });
  if (value instanceof FeelDateTime || value instanceof FeelTime) {
    const offset = value['time offset'] as FeelDuration | null;
    if (!offset) return value.toString();
    const local = value.unwrap();
    const base = value instanceof FeelDateTime ? Date.UTC(value.year, (value.month) - 1, value.day) : 0;
    return base + ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond - offset.unwrap().total({ unit: 'milliseconds' });
  }
  return undefined;
}

class NotComparable extends Error {}

function cmp(a: unknown, b: unknown): number {
  const x = key(a);
  const y = key(b);
  if (x === undefined || y === undefined || typeof x !== typeof y) throw new NotComparable();
  return x < y ? -1 : x > y ? 1 : 0;
}
const lt = (a: unknown, b: unknown) => cmp(a, b) < 0;
const gt = (a: unknown, b: unknown) => cmp(a, b) > 0;
const eq = (a: unknown, b: unknown) => cmp(a, b) === 0;

function bounds(value: unknown): Bounds | null {
  if (!isRange(value)) return null;
  const r = value as unknown as Record<string, unknown>;
  return { start: r.start, end: r.end, startIncluded: r['start included'] === true, endIncluded: r['end included'] === true };
}

type Overloads = {
  pp?: (a: unknown, b: unknown) => boolean;
  pr?: (p: unknown, r: Bounds) => boolean;
  rp?: (r: Bounds, p: unknown) => boolean;
  rr?: (a: Bounds, b: Bounds) => boolean;
};

/** A range function: positional (a, b), or named by any of the parameter names feel-scala uses. */
function rangeFunction(overloads: Overloads) {
  return builtin(['point1', 'point2', 'point', 'range', 'range1', 'range2'], (point1, point2, point, range, range1, range2) => {
    const named = point !== undefined || range !== undefined;
    const a = named ? (point ?? range) : (point1 ?? range1);
    const b = named ? (point !== undefined ? range : point) : (point2 ?? range2);
    const ra = bounds(a);
    const rb = bounds(b);
    try {
      if (ra && rb) return overloads.rr ? overloads.rr(ra, rb) : null;
      if (ra) return overloads.rp ? overloads.rp(ra, b) : null;
      if (rb) return overloads.pr ? overloads.pr(a, rb) : null;
      return overloads.pp ? overloads.pp(a, b) : null;
    } catch (error) {
      if (error instanceof NotComparable) return null;
      throw error;
    }
  });
}

const includesPoint = (r: Bounds, p: unknown) => (lt(r.start, p) && gt(r.end, p)) || (eq(r.start, p) && r.startIncluded) || (eq(r.end, p) && r.endIncluded);
const includesRange = (a: Bounds, b: Bounds) =>
  (lt(a.start, b.start) || (eq(a.start, b.start) && (a.startIncluded || !b.startIncluded))) &&
  (gt(a.end, b.end) || (eq(a.end, b.end) && (a.endIncluded || !b.endIncluded)));

export const rangeBuiltins = {
  before: rangeFunction({
    pp: (a, b) => lt(a, b),
    pr: (p, r) => lt(p, r.start) || (eq(p, r.start) && !r.startIncluded),
    rp: (r, p) => lt(r.end, p) || (eq(r.end, p) && !r.endIncluded),
    rr: (a, b) => lt(a.end, b.start) || ((!a.endIncluded || !b.startIncluded) && eq(a.end, b.start)),
  }),
  after: rangeFunction({
    pp: (a, b) => gt(a, b),
    pr: (p, r) => gt(p, r.end) || (eq(p, r.end) && !r.endIncluded),
    rp: (r, p) => gt(r.start, p) || (eq(r.start, p) && !r.startIncluded),
    rr: (a, b) => gt(a.start, b.end) || ((!a.startIncluded || !b.endIncluded) && eq(a.start, b.end)),
  }),
  meets: rangeFunction({ rr: (a, b) => a.endIncluded && b.startIncluded && eq(a.end, b.start) }),
  'met by': rangeFunction({ rr: (a, b) => a.startIncluded && b.endIncluded && eq(a.start, b.end) }),
  overlaps: rangeFunction({
    rr: (a, b) =>
      (gt(a.end, b.start) || (eq(a.end, b.start) && a.endIncluded && b.startIncluded)) &&
      (lt(a.start, b.end) || (eq(a.start, b.end) && a.startIncluded && b.endIncluded)),
  }),
  'overlaps before': rangeFunction({
    rr: (a, b) =>
      (lt(a.start, b.start) || (eq(a.start, b.start) && a.startIncluded && !b.startIncluded)) &&
      (gt(a.end, b.start) || (eq(a.end, b.start) && a.endIncluded && b.startIncluded)) &&
      (lt(a.end, b.end) || (eq(a.end, b.end) && (!a.endIncluded || b.endIncluded))),
  }),
  'overlaps after': rangeFunction({
    rr: (a, b) =>
      (lt(b.start, a.start) || (eq(b.start, a.start) && b.startIncluded && !a.startIncluded)) &&
      (gt(b.end, a.start) || (eq(b.end, a.start) && b.endIncluded && a.startIncluded)) &&
      (lt(b.end, a.end) || (eq(b.end, a.end) && (!b.endIncluded || a.endIncluded))),
  }),
  finishes: rangeFunction({
    pr: (p, r) => r.endIncluded && eq(r.end, p),
    rr: (a, b) => a.endIncluded === b.endIncluded && eq(a.end, b.end) && (gt(a.start, b.start) || (eq(a.start, b.start) && (!a.startIncluded || b.startIncluded))),
  }),
  'finished by': rangeFunction({
    rp: (r, p) => r.endIncluded && eq(r.end, p),
    rr: (a, b) => a.endIncluded === b.endIncluded && eq(a.end, b.end) && (lt(a.start, b.start) || (eq(a.start, b.start) && (a.startIncluded || !b.startIncluded))),
  }),
  includes: rangeFunction({ rp: includesPoint, rr: includesRange }),
  during: rangeFunction({ pr: (p, r) => includesPoint(r, p), rr: (a, b) => includesRange(b, a) }),
  starts: rangeFunction({
    pr: (p, r) => r.startIncluded && eq(r.start, p),
    rr: (a, b) => eq(a.start, b.start) && a.startIncluded === b.startIncluded && (lt(a.end, b.end) || (eq(a.end, b.end) && (!a.endIncluded || b.endIncluded))),
  }),
  'started by': rangeFunction({
    rp: (r, p) => r.startIncluded && eq(r.start, p),
    rr: (a, b) => eq(a.start, b.start) && a.startIncluded === b.startIncluded && (lt(b.end, a.end) || (eq(b.end, a.end) && (!b.endIncluded || a.endIncluded))),
  }),
  coincides: rangeFunction({
    pp: (a, b) => eq(a, b),
    rr: (a, b) => eq(a.start, b.start) && a.startIncluded === b.startIncluded && eq(a.end, b.end) && a.endIncluded === b.endIncluded,
  }),
};
