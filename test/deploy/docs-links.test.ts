import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from '@jest/globals';

// The repository stands alone: the README and docs/ link only to files inside it (and to the
// local services' own pages), and every such file exists.

const root = fileURLToPath(new URL('../../', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
  );
}

const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];

it.each(files.map((file) => [relative(root, file), file]))('%s links only to files of the repository that exist', (_name, file) => {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
  for (const target of targets) {
    if (target.startsWith('#') || /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(target)) continue;
    expect(target).not.toMatch(/^[a-z]+:/);
    const path = resolve(dirname(file), target.split('#')[0] ?? '');
    expect(relative(root, path).startsWith('..')).toBe(false);
    expect([target, existsSync(path)]).toEqual([target, true]);
  }
});
