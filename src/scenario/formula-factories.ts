/**
 * The mathjs pieces the formula engine (values.ts) builds its instance from: `create` and the
 * factories of the parser, the operators and the allowed functions, imported by name from the
 * number-only build. Named imports let the CLI bundle (scripts/bundle.mjs) keep only these and
 * what they depend on instead of all of mathjs's functions, which the number build otherwise
 * instantiates on import; values.ts imports this module only when a value is a formula.
 */
import type { ALLOWED_FUNCTIONS, OPERATOR_FUNCTIONS } from './values.js';
import {
  absDependencies,
  addDependencies,
  ceilDependencies,
  divideDependencies,
  expDependencies,
  floorDependencies,
  log10Dependencies,
  logDependencies,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  roundDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
} from 'mathjs/number';

export { create } from 'mathjs/number';

type Needed = `${(typeof OPERATOR_FUNCTIONS)[number] | (typeof ALLOWED_FUNCTIONS)[number]}Dependencies` | 'parseDependencies';

/** One factory per operator and allowed function (the type fails the build when one is missing). */
export const FACTORIES = {
  parseDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  absDependencies,
  ceilDependencies,
  expDependencies,
  floorDependencies,
  logDependencies,
  log10Dependencies,
  maxDependencies,
  minDependencies,
  roundDependencies,
  sqrtDependencies,
} satisfies Record<Needed, unknown>;
