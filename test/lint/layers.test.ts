// Probe files for the layering rules of eslint.config.mjs: each import a layer must not make is
// linted as if it were written in that folder, and must be refused; the imports it may make pass.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The probes are not files of the TypeScript project, so they are linted without type information
// (the layering rules need none); nor are the real files a rule names by path, probed here with
// text that is not theirs.
const namedFiles = ['electron/backends/port.ts', 'electron/service/demoMailbox.ts'];
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{ ...tseslint.configs.disableTypeChecked, files: ['**/*probe.ts', '**/*probe.tsx', ...namedFiles] }],
});

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
  ['electron/graph/operations/probe.ts', '../../ews/operations/moveItem', /shares no code/],
  ['electron/graph/probe.ts', '../sim', /simulators share no code/],
  ['electron/graph/auth/probe.ts', '../../simGraph/authority', /simulators share no code/],
  ['electron/graph/probe.ts', '../simGraph', /simulators share no code/],
  ['electron/graph/probe.ts', '../jobs/engine', /job engine/],
  ['electron/graph/probe.ts', '../service', /service layer/],
  ['electron/graph/auth/probe.ts', 'electron', /plain Node/],
  ['electron/graph/probe.ts', '../../renderer/src/App', /renderer/],
  ['electron/simGraph/probe.ts', '../ews', /share no code/],
  ['electron/simGraph/probe.ts', '../graph/client', /share no code/],
  ['electron/simGraph/authority/probe.ts', '../../graph', /share no code/],
  ['electron/simGraph/probe.ts', '../jobs', /job engine/],
  ['electron/simGraph/probe.ts', '../service', /service layer/],
  ['electron/simGraph/probe.ts', 'electron', /plain Node/],
  ['electron/graphSignIn/probe.ts', 'electron', /plain Node/],
  ['electron/graphSignIn/probe.ts', '../backends/ews/session', /shares no code with the EWS adapter/],
  ['electron/graphSignIn/probe.ts', '../simGraph', /never imports the simulators/],
  ['electron/graphSignIn/probe.ts', '../jobs/engine', /job engine/],
  // service/ and jobs/ reach a backend through the port only (issue 10 §1).
  ['electron/service/probe.ts', '../backends/ews/session', /domain types/],
  ['electron/service/probe.ts', '../backends/ews/session', /backends\/port.ts only/],
  ['electron/service/probe.ts', '../backends', /backends\/port.ts only/],
  ['electron/service/probe.ts', '../backends/index', /backends\/port.ts only/],
  ['electron/service/probe.ts', '../backends/connectionParams', /backends\/port.ts only/],
  ['electron/service/probe.ts', '../backends/graph/jobBackend', /Graph adapter/],
  ['electron/service/probe.ts', '../graph/client', /Graph adapter/],
  ['electron/jobs/probe.ts', '../backends/ews/jobBackend', /domain types/],
  ['electron/jobs/probe.ts', '../backends', /backends\/port.ts only/],
  ['electron/jobs/probe.ts', '../graph', /Graph adapter/],
  // The port names no backend, no service, no simulator, no protocol (one transport type excepted).
  ['electron/backends/port.ts', './ews/session', /domain types/],
  ['electron/backends/port.ts', '../backends/ews/session', /names no backend/],
  ['electron/backends/port.ts', './graph/mailbox', /speaks domain types/],
  ['electron/backends/port.ts', '../ews/client', /domain types \(one transport type excepted\)/],
  ['electron/backends/port.ts', '../graph/client', /speaks domain types/],
  ['electron/backends/port.ts', '../service/sweeperService', /service layer/],
  ['electron/backends/port.ts', '../jobs/engine', /engine's port/],
  ['electron/backends/port.ts', '../sim', /simulator/],
  // Each adapter: its own protocol, never the other's, the simulators, the service or the engine.
  ['electron/backends/ews/probe.ts', '../../graph/client', /shares no code with the Graph one/],
  ['electron/backends/ews/probe.ts', '../graph/jobBackend', /shares no code with the Graph one/],
  ['electron/backends/ews/probe.ts', '../../sim', /simulators/],
  ['electron/backends/ews/probe.ts', '../../simGraph', /simulators/],
  ['electron/backends/ews/probe.ts', '../../service/dumpsterHealth', /service layer/],
  ['electron/backends/ews/probe.ts', '../../jobs/engine', /engine's port/],
  ['electron/backends/ews/probe.ts', 'electron', /plain Node/],
  ['electron/backends/graph/probe.ts', '../../ews', /shares no code with the EWS one/],
  ['electron/backends/graph/probe.ts', '../ews/session', /shares no code with the EWS one/],
  ['electron/backends/graph/probe.ts', '../../sim', /simulators/],
  ['electron/backends/graph/probe.ts', '../../service', /service layer/],
  ['electron/backends/graph/probe.ts', '../../jobs/runner', /engine's port/],
  // The command line registers the backends and uses the port, nothing else of backends/.
  ['electron/cli/probe.ts', '../backends/ews/session', /domain types/],
  ['electron/cli/probe.ts', '../backends/connectionParams', /backends\/port.ts/],
  ['electron/cli/probe.ts', '../graph', /Graph adapter/],
  // An exception names its files and reasons; it does not open everything.
  ['electron/service/demoMailbox.ts', '../ews', /domain types/],
  ['electron/service/demoMailbox.ts', '../backends/ews/session', /domain types/],
];

const allowed: Array<[string, string]> = [
  ['renderer/src/probe.ts', '../../shared/ipc'],
  ['electron/ews/probe.ts', '../../shared/domain'],
  ['electron/jobs/probe.ts', './backend'],
  ['electron/service/probe.ts', '../jobs'],
  ['electron/service/probe.ts', '../backends/port'],
  ['electron/jobs/probe.ts', '../backends/port'],
  ['electron/backends/port.ts', '../ews/transportPort'],
  ['electron/backends/port.ts', '../jobs/backend'],
  ['electron/backends/port.ts', './connectionParams'],
  ['electron/backends/ews/probe.ts', '../../ews'],
  ['electron/backends/ews/probe.ts', '../../ews/proxy'],
  ['electron/backends/ews/probe.ts', '../port'],
  ['electron/backends/ews/probe.ts', '../connectionParams'],
  ['electron/backends/ews/probe.ts', '../../jobs/backend'],
  ['electron/backends/ews/probe.ts', '../../../shared/domain'],
  ['electron/backends/graph/probe.ts', '../../graph/client'],
  ['electron/backends/graph/probe.ts', '../../jobs/backend'],
  ['electron/backends/graph/probe.ts', '../port'],
  ['electron/cli/probe.ts', '../backends'],
  ['electron/cli/probe.ts', '../backends/port'],
  ['electron/main-probe.ts', './backends'],
  ['electron/service/demoMailbox.ts', '../sim'],
  ['electron/main-probe.ts', 'electron'],
  ['electron/cli/probe.ts', '../service/multiMailbox'],
  ['electron/cli/probe.ts', '../../shared/domain'],
  ['electron/graph/probe.ts', '../../shared/domain'],
  ['electron/graph/operations/probe.ts', '../client'],
  ['electron/graph/auth/probe.ts', '@azure/msal-node'],
  ['electron/simGraph/probe.ts', '../sim/store'],
  ['electron/simGraph/authority/probe.ts', '../../sim/model'],
  ['electron/simGraph/probe.ts', '../../shared/domain'],
];

describe('layering lint', () => {
  it.each(refused)('%s may not import %s', async (file, from, reason) => {
    const problems = await importProblems(file, from);
    // An import may cross more than one rule (backends/ews from service/: a protocol and not the port): each says so.
    expect(problems.length, `${file} importing ${from} was allowed`).toBeGreaterThan(0);
    expect(
      problems.some((p) => reason.test(p)),
      problems.join(' | '),
    ).toBe(true);
  });

  it.each(allowed)('%s may import %s', async (file, from) => {
    expect(await importProblems(file, from)).toEqual([]);
  });
});
