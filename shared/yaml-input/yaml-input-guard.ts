import { type Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { inexactNumber } from './exact-number.js';
import { type YamlInputLimits } from './input-limits.js';
import { type YamlInputProblem } from './input-problem.js';

const CORE = 'tag:yaml.org,2002:';
const COLLECTION_TAGS = new Set([`${CORE}seq`, `${CORE}map`]);
const SCALAR_TAGS = new Set([`${CORE}str`, `${CORE}int`, `${CORE}float`, `${CORE}bool`, `${CORE}null`]);

interface Frame {
  node: unknown;
  depth: number;
  /** Children are pushed once; the frame is finished when it is seen again. */
  expanded: boolean;
  size: number;
  parent: Frame | undefined;
}

/**
 * Checks a parsed YAML document before anything reads its value, without recursion (so depth itself cannot
 * overflow the stack): nesting within `limits.maxDepth`; no alias inside the node it refers to (`&s [x, *s]`
 * would be an endless value); the size with every alias expanded within `limits.maxExpandedBytes`; only tags a
 * Kubernetes manifest can hold (`!!binary`, `!!set` or custom tags would be lost or changed); numbers a 64-bit
 * float keeps exactly. Returns the problems found, first the ones that stop the walk.
 */
export function checkYamlDocument(doc: Document, limits: YamlInputLimits): YamlInputProblem[] {
  const problems: YamlInputProblem[] = [];
  const anchors = new Map<string, unknown>();
  const open = new Set<unknown>();
  const sizes = new Map<unknown, number>();
  let expandedBytes = 0;
  const stack: Frame[] = [{ node: doc.contents, depth: 0, expanded: false, size: 0, parent: undefined }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const { node } = frame;
    if (frame.expanded) {
      stack.pop();
      open.delete(node);
      sizes.set(node, frame.size);
      if (frame.parent !== undefined) frame.parent.size += frame.size;
      continue;
    }
    frame.expanded = true;
    const offset = offsetOf(node);
    if (frame.depth > limits.maxDepth) {
      return [
        {
          offset,
          message: `the document nests collections deeper than ${limits.maxDepth} levels`,
          hint: 'a Kubernetes manifest never nests this deep: check the indentation and brackets',
        },
      ];
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) {
        return [{ offset, message: `the alias *${node.source} refers to no anchor (&${node.source}) before it`, hint: `define &${node.source} earlier in the same document, or write the value out` }];
      }
      if (open.has(target)) {
        return [{ offset, message: `the alias *${node.source} refers to a node that contains it, so its value never ends`, hint: 'write the value out instead of the alias' }];
      }
      frame.size = sizes.get(target) ?? 0;
    } else if (isScalar(node)) {
      frame.size = scalarSize(node.source ?? node.value);
      problems.push(...scalarProblems(node));
    } else if (isPair(node)) {
      frame.size = 2;
    } else if (isCollection(node)) {
      frame.size = 2;
      if (node.tag !== undefined && !COLLECTION_TAGS.has(node.tag)) problems.push(tagProblem(node.tag, offset));
    }
    if (isScalar(node) || isCollection(node)) {
      if (node.anchor !== undefined) anchors.set(node.anchor, node);
    }
    expandedBytes += isAlias(node) ? frame.size : 0;
    if (expandedBytes > limits.maxExpandedBytes) {
      return [
        {
          offset,
          message: `the document's aliases expand it beyond ${limits.maxExpandedBytes} bytes (a "billion laughs" document?)`,
          hint: 'write the values out, or use fewer aliases of large nodes',
        },
      ];
    }
    open.add(node);
    for (const child of childrenOf(node).reverse()) {
      if (child !== null && child !== undefined) stack.push({ node: child, depth: frame.depth + (isPair(node) ? 0 : 1), expanded: false, size: 0, parent: frame });
    }
  }
  const own = sizes.get(doc.contents) ?? 0;
  if (own > limits.maxExpandedBytes) {
    problems.unshift({ offset: offsetOf(doc.contents), message: `the document's aliases expand it beyond ${limits.maxExpandedBytes} bytes (a "billion laughs" document?)`, hint: 'write the values out, or use fewer aliases of large nodes' });
  }
  return problems;
}

function childrenOf(node: unknown): unknown[] {
  if (isMap(node) || isSeq(node)) return [...(node.items as unknown[])];
  if (isPair(node)) return [node.key, node.value];
  return [];
}

function offsetOf(node: unknown): number {
  const range = (node as Partial<Node> | null | undefined)?.range;
  return range?.[0] ?? 0;
}

function scalarSize(value: unknown): number {
  return typeof value === 'string' ? value.length + 1 : 8;
}

function scalarProblems(node: { tag?: string; value: unknown; source?: string; range?: [number, number, number] | null }): YamlInputProblem[] {
  const offset = node.range?.[0] ?? 0;
  if (node.tag !== undefined && !SCALAR_TAGS.has(node.tag)) return [tagProblem(node.tag, offset)];
  if (typeof node.value === 'number' && typeof node.source === 'string') {
    const reason = inexactNumber(node.source, node.value);
    if (reason !== undefined) return [{ offset, message: reason, hint: 'quote it if it is a string; Kubernetes reads numbers as 64-bit floats or integers' }];
  }
  return [];
}

function tagProblem(tag: string, offset: number): YamlInputProblem {
  const shown = tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag;
  return {
    offset,
    message: `the tag ${shown} cannot be kept in a Kubernetes manifest (its value would be lost or changed)`,
    hint: 'remove the tag and write the value as a plain string, number, list or mapping',
  };
}
