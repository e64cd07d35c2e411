/**
 * What a parsed expression can get wrong beyond its syntax: a transform that does not exist
 * (UNKNOWN_TRANSFORM; at run time it would render nothing), a function call (the language
 * has none), and a `matches` against a regex that does not compile (BAD_PATTERN).
 */
import { TRANSFORMS, TRANSFORM_NAMES } from '../template/transforms.js';
import { checkSafePattern } from '../template/safe-regex.js';
import { isRecord } from './flow-model.js';
import { didYouMean } from './suggest-name.js';
import type { FlowErrorCode } from './flow-diagnostic.js';

/** One problem found in an expression's tree. */
export interface AstProblem {
  code: FlowErrorCode;
  message: string;
}

/** Walks an expression's tree and returns its problems (empty when it is fine). */
export function inspectExpressionAst(ast: unknown, expr: string): AstProblem[] {
  const out: AstProblem[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    if (node.type === 'FunctionCall' && typeof node.name === 'string') {
      if (node.pool === 'transforms' && !Object.hasOwn(TRANSFORMS, node.name)) {
        out.push({
          code: 'UNKNOWN_TRANSFORM',
          message: `\`${expr}\` uses the transform \`${node.name}\`, which does not exist${didYouMean(node.name, TRANSFORM_NAMES, `; use one of ${TRANSFORM_NAMES.join(', ')}`)}.`,
        });
      } else if (node.pool === 'functions') {
        out.push({ code: 'UNKNOWN_TRANSFORM', message: `\`${expr}\` calls \`${node.name}(…)\`, but templates have no functions; write it as a transform, \`value|${node.name}\`.` });
      }
    }
    if (node.type === 'BinaryExpression' && node.operator === 'matches' && isRecord(node.right) && node.right.type === 'Literal' && typeof node.right.value === 'string') {
      const refused = checkSafePattern(node.right.value);
      if (refused) out.push({ code: refused.code === 'PATTERN_SYNTAX' ? 'BAD_PATTERN' : 'UNSAFE_PATTERN', message: `\`${expr}\`: ${refused.message}` });
    }
    for (const v of Object.values(node)) if (typeof v === 'object') walk(v);
  };
  walk(ast);
  return out;
}
