// Lint rules that keep the layers apart (see ../shared/DESIGN.md), one allow-list per folder:
// - renderer/ imports shared/ only (never electron/, never the `electron` module);
// - shared/ imports nothing of ours;
// - ews/ and sim/ import shared/ at most, never each other (each is written from the docs on its
//   own side of the wire) and never jobs/ or service/;
// - jobs/ imports shared/, its own port and backends/port.ts, never ews/, graph/, sim/, service/ or
//   any other file of backends/;
// - service/ imports jobs/, shared/ and backends/port.ts (the mailbox backend port), never ews/,
//   graph/, sim/ or any other file of backends/ (backends/index.ts registers them at start);
// - backends/port.ts imports shared/, jobs/backend.ts, backends/connectionParams.ts and the one
//   transport type Windows sign-in hands the EWS backend; never a backend, service/ or sim/;
// - backends/ews/ (the EWS adapter) imports ews/, shared/, the port and jobs/backend.ts, never
//   graph/, backends/graph/, sim/, service/ or the rest of jobs/; backends/graph/ the same with
//   graph/ for ews/;
// - cli/ (the command line) imports service/, shared/, backends/index.ts (to register them) and
//   backends/port.ts, never ews/, graph/, sim/, jobs/ or a backend's own folder;
// - graph/ (the Graph client and MSAL sign-in) imports shared/ at most: never ews/, sim/, simGraph/,
//   jobs/ or service/;
// - simGraph/ (the Graph simulator) imports shared/ and sim/ (the mailbox model), never ews/ or graph/;
// - graphSignIn/ (the app's Graph sign-in and connector) imports graph/, backends/graph/, shared/ and
//   the service's types, never ews/, backends/ews/, the simulators or jobs/;
// - nothing in ews/, graph/, graphSignIn/, jobs/, service/, sim/, simGraph/, cli/ imports `electron`.
// Today's exceptions are listed below by file, each with its reason, so they stay visible and
// shrink. test/lint proves each rule.
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
const graph = (who) => forbid(['graph'], `${who} speak domain types; protocol code stays in the Graph adapter.`);
/** backends/ (its registry index.ts included) except the files named. */
const backendsBut = (allowed, message) => ({
  regex: `(^|/)backends(/(?!(${allowed.join('|')})(\\.ts)?$).*${allowed.includes('index') ? ')' : '|$)'}`,
  message,
});
const onlyPort = (who) => backendsBut(['port'], `${who} reach a mailbox backend through backends/port.ts only.`);
/** jobs/ except the engine's own port, which the backends implement. */
const jobsButPort = (who) => ({ regex: '(^|/)jobs(/(?!backend(\\.ts)?$).*)?$', message: `${who} use only the engine's port (jobs/backend.ts).` });

/** Files that still cross a layer, and why. */
const EXCEPTIONS = [
  {
    // The demo mailbox is the embedded simulator, started in-process (it speaks no protocol itself:
    // the service connects to it through the EWS backend like to any server).
    files: ['electron/service/demoMailbox.ts'],
    rules: restrict([renderer, ews('service/'), graph('service/'), onlyPort('service/')]),
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
    files: ['electron/simGraph/**/*.ts'],
    rules: restrict([
      renderer,
      forbid(['ews', 'graph'], 'simGraph/ and the protocol clients (ews/, graph/) share no code.'),
      jobs('simGraph/'),
      service('simGraph/'),
    ]),
  },
  { files: ['electron/jobs/**/*.ts'], rules: restrict([renderer, ews('jobs/'), graph('jobs/'), sim('jobs/'), service('jobs/'), onlyPort('jobs/')]) },
  { files: ['electron/service/**/*.ts'], rules: restrict([renderer, ews('service/'), graph('service/'), sim('service/'), onlyPort('service/')]) },
  // The mailbox backend port: domain types, the engine's port and the connection parameters.
  {
    files: ['electron/backends/port.ts'],
    rules: restrict([
      renderer,
      { regex: '(^|/)ews(/(?!transportPort(\\.ts)?$).*)?$', message: 'The port speaks domain types (one transport type excepted).' },
      forbid(['graph'], 'The port speaks domain types.'),
      backendsBut(['connectionParams'], 'The port names no backend.'),
      sim('backends/'),
      service('backends/'),
      jobsButPort('backends/port.ts'),
    ]),
  },
  // The adapters: each its own protocol client, the port and the engine's port; never the other
  // protocol, the simulators, the service layer or the rest of the engine.
  {
    files: ['electron/backends/ews/**/*.ts'],
    rules: restrict([
      renderer,
      forbid(['graph', 'backends/graph'], 'The EWS adapter shares no code with the Graph one.'),
      forbid(['sim', 'simGraph'], 'backends/ never import the simulators.'),
      service('backends/'),
      jobsButPort('backends/'),
    ]),
  },
  {
    files: ['electron/backends/graph/**/*.ts'],
    rules: restrict([
      renderer,
      forbid(['ews', 'backends/ews'], 'The Graph adapter shares no code with the EWS one.'),
      forbid(['sim', 'simGraph'], 'backends/ never import the simulators.'),
      service('backends/'),
      jobsButPort('backends/'),
    ]),
  },
  // The app's Microsoft Graph sign-in (MSAL, the sealed token cache) and connector: the Graph client
  // and adapter, the port (its GraphConnector), the service's SecretStore type; Electron is lent, never imported.
  {
    files: ['electron/graphSignIn/**/*.ts'],
    rules: restrict([
      renderer,
      ews('graphSignIn/'),
      forbid(['backends/ews'], 'The Graph sign-in shares no code with the EWS adapter.'),
      forbid(['sim', 'simGraph'], 'graphSignIn/ never imports the simulators.'),
      jobs('graphSignIn/'),
    ]),
  },
  // The command line drives the same service layer as the app, in plain Node; it registers the backends at start.
  {
    files: ['electron/cli/**/*.ts'],
    rules: restrict([
      renderer,
      ews('cli/'),
      graph('cli/'),
      sim('cli/'),
      jobs('cli/ (through service/)'),
      backendsBut(['port', 'index'], 'cli/ reaches backends through backends/port.ts (and registers them with backends/index.ts).'),
    ]),
  },
  // The Microsoft Graph client and its MSAL sign-in (issue 10): shared/ at most. Written from Microsoft's
  // Graph reference on its own, so it shares no code with the EWS client or with either simulator.
  {
    files: ['electron/graph/**/*.ts'],
    rules: restrict([
      renderer,
      forbid(['ews'], 'graph/ shares no code with the EWS client.'),
      forbid(['sim', 'simGraph'], 'graph/ and the simulators share no code.'),
      jobs('graph/'),
      service('graph/'),
    ]),
  },
  ...EXCEPTIONS,
  { files: ['renderer/**/*.{ts,tsx}'], rules: restrict([electronSide], []) },
  { files: ['shared/**/*.ts'], rules: restrict([electronSide, forbid(['renderer'], 'shared/ imports neither side.')], []) },
);
