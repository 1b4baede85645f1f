// Probe files for the layering rules of eslint.config.mjs: each import a layer must not make is
// linted as if it were written in that folder, and must be refused; the imports it may make pass.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The probes are not files of the TypeScript project, so they are linted without type information
// (the layering rules need none).
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [{ ...tseslint.configs.disableTypeChecked, files: ['**/*probe.ts', '**/*probe.tsx'] }] });

async function importProblems(file: string, from: string): Promise<string[]> {
  const code = `import { x } from '${from}';\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const refused: Array<[string, string, RegExp]> = [
  ['renderer/src/probe.ts', '../../electron/service', /shared/],
  ['renderer/src/probe.ts', 'electron', /shared/],
  ['shared/probe.ts', 'electron', /shared/],
  ['shared/probe.ts', '../electron/ews', /shared/],
  ['shared/probe.ts', '../renderer/src/App', /neither side/],
  ['electron/ews/probe.ts', '../sim', /share no code/],
  ['electron/ews/probe.ts', '../sim/store', /share no code/],
  ['electron/ews/probe.ts', '../jobs', /job engine/],
  ['electron/ews/probe.ts', '../service/mailboxSession', /service layer/],
  ['electron/ews/probe.ts', 'electron', /plain Node/],
  ['electron/sim/probe.ts', '../ews', /share no code/],
  ['electron/sim/ops/probe.ts', '../../ews/auth', /share no code/],
  ['electron/sim/probe.ts', '../service', /service layer/],
  ['electron/jobs/probe.ts', '../ews', /domain types/],
  ['electron/jobs/probe.ts', '../service/sweeperService', /service layer/],
  ['electron/jobs/probe.ts', '../sim', /simulator/],
  ['electron/service/probe.ts', '../ews', /domain types/],
  ['electron/service/probe.ts', '../sim', /simulator/],
  ['electron/service/probe.ts', 'electron', /plain Node/],
  ['electron/main-probe.ts', '../renderer/src/App', /renderer/],
  ['electron/cli/probe.ts', 'electron', /plain Node/],
  ['electron/cli/probe.ts', '../ews', /domain types/],
  ['electron/cli/probe.ts', '../sim', /simulator/],
  ['electron/cli/probe.ts', '../jobs/engine', /job engine/],
  ['electron/cli/probe.ts', '../../renderer/src/App', /renderer/],
  ['electron/graph/probe.ts', '../ews', /shares no code/],
  ['electron/graph/operations/probe.ts', '../../ews/operations/move-item', /shares no code/],
  ['electron/graph/probe.ts', '../sim', /simulators share no code/],
  ['electron/graph/auth/probe.ts', '../../sim-graph/authority', /simulators share no code/],
  ['electron/graph/probe.ts', '../sim-graph', /simulators share no code/],
  ['electron/graph/probe.ts', '../jobs/engine', /job engine/],
  ['electron/graph/probe.ts', '../service', /service layer/],
  ['electron/graph/auth/probe.ts', 'electron', /plain Node/],
  ['electron/graph/probe.ts', '../../renderer/src/App', /renderer/],
  ['electron/sim-graph/probe.ts', '../ews', /share no code/],
  ['electron/sim-graph/probe.ts', '../graph/client', /share no code/],
  ['electron/sim-graph/authority/probe.ts', '../../graph', /share no code/],
  ['electron/sim-graph/probe.ts', '../jobs', /job engine/],
  ['electron/sim-graph/probe.ts', '../service', /service layer/],
  ['electron/sim-graph/probe.ts', 'electron', /plain Node/],
  // An exception names its files and reasons; it does not open everything.
  ['electron/backends/ews/jobBackend.ts', '../../service', /service layer/],
  ['electron/service/demoMailbox.ts', '../ews', /domain types/],
  ['electron/backends/ews/session.ts', '../../sim', /simulator/],
];

const allowed: Array<[string, string]> = [
  ['renderer/src/probe.ts', '../../shared/ipc'],
  ['electron/ews/probe.ts', '../../shared/domain'],
  ['electron/jobs/probe.ts', './backend'],
  ['electron/service/probe.ts', '../jobs'],
  ['electron/backends/ews/jobBackend.ts', '../../ews'],
  ['electron/backends/ews/session.ts', '../../ews'],
  ['electron/service/demoMailbox.ts', '../sim'],
  ['electron/main-probe.ts', 'electron'],
  ['electron/cli/probe.ts', '../service/multiMailbox'],
  ['electron/cli/probe.ts', '../../shared/domain'],
  ['electron/graph/probe.ts', '../../shared/domain'],
  ['electron/graph/operations/probe.ts', '../client'],
  ['electron/graph/auth/probe.ts', '@azure/msal-node'],
  ['electron/sim-graph/probe.ts', '../sim/store'],
  ['electron/sim-graph/authority/probe.ts', '../../sim/model'],
  ['electron/sim-graph/probe.ts', '../../shared/domain'],
];

describe('layering lint', () => {
  it.each(refused)('%s may not import %s', async (file, from, reason) => {
    const problems = await importProblems(file, from);
    expect(problems.length, `${file} importing ${from} was allowed`).toBe(1);
    expect(problems[0]).toMatch(reason);
  });

  it.each(allowed)('%s may import %s', async (file, from) => {
    expect(await importProblems(file, from)).toEqual([]);
  });
});
