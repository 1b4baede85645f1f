// Lint rules that keep the layers apart (see ../shared/DESIGN.md), one allow-list per folder:
// - renderer/ imports shared/ only (never electron/, never the `electron` module);
// - shared/ imports nothing of ours;
// - ews/ and sim/ import shared/ at most, never each other (each is written from the docs on its
//   own side of the wire) and never jobs/ or service/;
// - jobs/ imports shared/ and its own port, never ews/, sim/ or service/;
// - service/ imports jobs/ and shared/, never ews/ or sim/;
// - cli/ (the command line) imports service/ and shared/, never ews/, sim/ or jobs/;
// - graph/ (the Graph client and MSAL sign-in) imports shared/ at most: never ews/, sim/, sim-graph/,
//   jobs/ or service/;
// - sim-graph/ (the Graph simulator) imports shared/ and sim/ (the mailbox model), never ews/ or graph/;
// - nothing in ews/, graph/, jobs/, service/, sim/, sim-graph/, cli/ imports `electron`.
// Today's exceptions are listed below by file, each with its reason, so they stay visible and
// shrink (issue 7 moves the EWS adapter behind one backend port). test/lint proves each rule.
// Import cycles (type-only imports included) are checked by test/lint/cycles.test.ts, not here.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: 'This layer runs in plain Node: no Electron imports.' };
const forbid = (folders, message) => ({ group: folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]), message });
const renderer = forbid(['renderer'], 'electron/ must not import renderer/.');
const electronSide = forbid(['electron'], 'Import from shared/ instead.');
const ews = (who) => forbid(['ews'], `${who} speak domain types; protocol code stays in the EWS adapter.`);
const sim = (who) => forbid(['sim'], `${who} never import the simulator.`);
const jobs = (who) => forbid(['jobs'], `${who} never import the job engine.`);
const service = (who) => forbid(['service'], `${who} never import the service layer.`);
const restrict = (patterns, paths = [noElectron]) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

/** Files that still cross a layer, and why. */
const EXCEPTIONS = [
  {
    // The EWS adapter of the job engine, until issue 7 moves it to backends/ews/.
    files: ['electron/backends/ews/jobBackend.ts', 'electron/backends/ews/mapping.ts'],
    rules: restrict([renderer, sim('jobs/'), service('jobs/')]),
  },
  {
    // The read side and the sign-in of the EWS session, until issue 7 moves them to backends/ews/.
    files: [
      'electron/backends/ews/session.ts',
      'electron/backends/ews/dumpsterReader.ts',
      'electron/backends/ews/signInProbe.ts',
      'electron/backends/ews/connectionAuth.ts',
      'electron/backends/ews/connectionTest.ts',
      'electron/backends/ews/connectErrors.ts',
      'electron/backends/ews/autodiscover.ts',
      'electron/backends/ews/serverCertificate.ts',
      // ResolveNames and ExpandDL for the mailbox picker of jobs over many mailboxes.
      'electron/backends/ews/directory.ts',
    ],
    rules: restrict([renderer, sim('service/')]),
  },
  {
    // The EWS adapter has moved to backends/ews/; these still import it directly until the service reaches it through the port.
    files: ['electron/service/sweeperService.ts', 'electron/service/multiMailbox.ts', 'electron/service/connectRequests.ts', 'electron/cli/commandsRead.ts'],
    rules: restrict([renderer, sim('service/')]),
  },
  {
    // The demo mailbox is the embedded simulator, started in-process.
    files: ['electron/service/demoMailbox.ts'],
    rules: restrict([renderer, ews('service/')]),
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'coverage/**', 'test-results/**', 'e2e/artifacts/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-debugger': 'error',
    },
  },
  // Promises and unions checked with types: a promise nobody awaits or catches, a promise where a
  // callback's result is ignored, await on a non-promise, and a switch that forgets a case.
  {
    files: ['**/*.{ts,tsx,mts}'],
    // assets/icons/generate.ts is a one-off script outside the TypeScript project.
    ignores: ['assets/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  // The rules of hooks and complete effect dependencies (the React Compiler rules of the plugin's
  // newer presets are not used: the app is not compiled with it).
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  { files: ['electron/**/*.{ts,tsx}'], rules: restrict([renderer], []) },
  { files: ['electron/ews/**/*.ts'], rules: restrict([renderer, sim('ews/ and sim/ share no code:'), jobs('ews/'), service('ews/')]) },
  { files: ['electron/sim/**/*.ts'], rules: restrict([renderer, forbid(['ews'], 'ews/ and sim/ share no code.'), jobs('sim/'), service('sim/')]) },
  // The Graph simulator: shared/ and electron/sim's mailbox model only; never a protocol client
  // (ews/, graph/), the job engine or the service layer.
  {
    files: ['electron/sim-graph/**/*.ts'],
    rules: restrict([
      renderer,
      forbid(['ews', 'graph'], 'sim-graph/ and the protocol clients (ews/, graph/) share no code.'),
      jobs('sim-graph/'),
      service('sim-graph/'),
    ]),
  },
  { files: ['electron/jobs/**/*.ts'], rules: restrict([renderer, ews('jobs/'), sim('jobs/'), service('jobs/')]) },
  { files: ['electron/service/**/*.ts'], rules: restrict([renderer, ews('service/'), sim('service/')]) },
  // The command line drives the same service layer as the app, in plain Node.
  { files: ['electron/cli/**/*.ts'], rules: restrict([renderer, ews('cli/'), sim('cli/'), jobs('cli/ (through service/)')]) },
  // The Microsoft Graph client and its MSAL sign-in (issue 10): shared/ at most. Written from Microsoft's
  // Graph reference on its own, so it shares no code with the EWS client or with either simulator.
  {
    files: ['electron/graph/**/*.ts'],
    rules: restrict([
      renderer,
      forbid(['ews'], 'graph/ shares no code with the EWS client.'),
      forbid(['sim', 'sim-graph'], 'graph/ and the simulators share no code.'),
      jobs('graph/'),
      service('graph/'),
    ]),
  },
  ...EXCEPTIONS,
  { files: ['renderer/**/*.{ts,tsx}'], rules: restrict([electronSide], []) },
  { files: ['shared/**/*.ts'], rules: restrict([electronSide, forbid(['renderer'], 'shared/ imports neither side.')], []) },
);
