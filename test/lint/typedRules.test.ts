// The type-aware rules of eslint.config.mjs, each shown refusing what it should: a promise nobody
// awaits, a promise used as a condition, await on a plain value, and a switch that forgets a case;
// and the rules of hooks in the renderer.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
// A real file of the TypeScript project (tsconfig includes test/), so the project service types it.
const TYPED_TARGET = 'test/lint/fixtures/typedProbeTarget.ts';

async function rulesHit(code: string, filePath = TYPED_TARGET): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result?.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`probe did not parse: ${fatal.message}`);
  return (result?.messages ?? []).map((m) => m.ruleId ?? '');
}

const probes: Array<[string, string, string]> = [
  ['no-floating-promises', 'async function work(): Promise<void> {}\nexport function run(): void {\n  work();\n}\n', '@typescript-eslint/no-floating-promises'],
  [
    'no-misused-promises',
    'export function check(p: Promise<boolean>): number {\n  if (p) return 1;\n  return 0;\n}\n',
    '@typescript-eslint/no-misused-promises',
  ],
  ['await-thenable', 'export async function wait(n: number): Promise<number> {\n  return await n;\n}\n', '@typescript-eslint/await-thenable'],
  [
    'switch-exhaustiveness-check',
    "type Kind = 'move' | 'copy';\nexport function verb(kind: Kind): string {\n  switch (kind) {\n    case 'move':\n      return 'Move';\n  }\n  return '';\n}\n",
    '@typescript-eslint/switch-exhaustiveness-check',
  ],
];

describe('type-aware lint rules', () => {
  for (const [name, code, rule] of probes) {
    it(`${name} refuses its probe`, async () => {
      expect(await rulesHit(code)).toContain(rule);
    }, 60_000);
  }

  it('the same code written correctly passes', async () => {
    const fine =
      "async function work(): Promise<void> {}\nexport async function run(): Promise<void> {\n  await work();\n}\ntype Kind = 'move' | 'copy';\nexport function verb(kind: Kind): string {\n  switch (kind) {\n    case 'move':\n      return 'Move';\n    case 'copy':\n      return 'Copy';\n  }\n}\n";
    expect(await rulesHit(fine)).toEqual([]);
  }, 60_000);
});

describe('rules of hooks in the renderer', () => {
  const probe = 'renderer/src/hooks-probe.tsx';
  // Not a file of the TypeScript project: linted without type information (these rules need none).
  const linter = new ESLint({ cwd: process.cwd(), overrideConfig: [{ ...tseslint.configs.disableTypeChecked, files: ['**/*probe.tsx'] }] });
  const hits = async (code: string): Promise<string[]> => {
    const [result] = await linter.lintText(code, { filePath: probe });
    return (result?.messages ?? []).map((m) => m.ruleId ?? '');
  };

  it('a hook called conditionally is refused', async () => {
    const code =
      "import { useState } from 'react';\nexport function Box({ on }: { on: boolean }) {\n  if (on) {\n    const [v] = useState(0);\n    return v;\n  }\n  return 0;\n}\n";
    expect(await hits(code)).toContain('react-hooks/rules-of-hooks');
  });

  it('an effect that misses a dependency is refused', async () => {
    const code =
      "import { useEffect } from 'react';\nexport function Box({ id }: { id: string }) {\n  useEffect(() => {\n    console.log(id);\n  }, []);\n  return null;\n}\n";
    expect(await hits(code)).toContain('react-hooks/exhaustive-deps');
  });
});
