// Camunda extensions and overloads: conversion functions.
// https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-conversion/
import { FeelDuration } from 'feelin';
import { toJson } from '../json.js';
import { builtin, isContext, isString, newContext } from '../values.js';
import { feelinBuiltin } from './fallback.js';

/** A parsed JSON value as a FEEL value; objects become contexts with own keys only. */
function fromJsonValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJsonValue);
  if (value && typeof value === 'object') return newContext(Object.keys(value).map((k) => [k, fromJsonValue((value as never)[k])]));
  return value;
}

/** feel-scala's string form of lists and contexts: "[1, 2]", "{a:1, b:2}". */
function format(value: unknown, nested: boolean): string | null {
  if (value === null || value === undefined) return nested ? 'null' : null;
  if (isString(value)) return nested ? JSON.stringify(value) : value;
  if (Array.isArray(value)) return `[${value.map((v) => format(v, true)).join(', ')}]`;
  if (value instanceof FeelDuration && value.unwrap().sign === 0) return value.yearsMonths ? 'P0Y' : 'P0D';
  if (isContext(value)) return `{${Object.keys(value).map((k) => `${k}:${format(value[k], true)}`).join(', ')}}`;
  return feelinBuiltin('string', value) as string | null;
}

export const conversionBuiltins = {
  'from json': builtin(['value'], (value) => {
    if (!isString(value)) return null;
    try {
      return fromJsonValue(JSON.parse(value));
    } catch {
      return null;
    }
  }),
  'to json': builtin(['value'], (value) => JSON.stringify(toJson(value))),
  string: builtin(['from'], (from) => format(from, false)),
};
