/**
 * Import rules of the codebase (issue #11), checked in CI by tests/architecture/import-rules.test.ts
 * (and by hand: `npx depcruise backend/src streams/src bench --config .dependency-cruiser.cjs`).
 *
 * The backend reads as the data path: platform ← pipeline (ingest → score → outbox → publish, and
 * rollover → score) ← read / workflows. Nothing calls back up the path.
 */
const STEP = (name) => `^backend/src/pipeline/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module may reach itself through its imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-is-the-bottom',
      severity: 'error',
      comment: 'platform/ (config, db, clock, metrics, logging, web, bootstrap, settings) knows nothing of the app built on it.',
      from: { path: '^backend/src/platform/' },
      to: { path: '^backend/src/(pipeline|read|workflows)/' },
    },
    {
      name: 'read-never-imports-pipeline',
      severity: 'error',
      comment: 'read/ answers queries from the database; it never reaches into the write path.',
      from: { path: '^backend/src/read/' },
      to: { path: '^backend/src/pipeline/' },
    },
    {
      name: 'score-does-not-call-back',
      severity: 'error',
      comment: 'The scorer is fed by ingest and rollover; it never imports them.',
      from: { path: STEP('score') },
      to: { path: `${STEP('ingest')}|${STEP('rollover')}|${STEP('publish')}` },
    },
    {
      name: 'outbox-does-not-call-back',
      severity: 'error',
      comment: 'The outbox is written by score and drained to sinks it gets by injection (OUTBOX_SINKS): it imports neither side.',
      from: { path: STEP('outbox') },
      to: { path: `${STEP('ingest')}|${STEP('score')}|${STEP('rollover')}|${STEP('publish')}` },
    },
    {
      name: 'publish-does-not-call-back',
      severity: 'error',
      comment: 'Sinks receive committed outbox rows; they never import the steps before them.',
      from: { path: STEP('publish') },
      to: { path: `${STEP('ingest')}|${STEP('score')}|${STEP('rollover')}` },
    },
    {
      name: 'rollover-does-not-call-ingest',
      severity: 'error',
      comment: 'The rollover drives the scorer directly.',
      from: { path: STEP('rollover') },
      to: { path: STEP('ingest') },
    },
    {
      name: 'engine-imports-only-contract',
      severity: 'error',
      comment: 'streams/src/engine/ is pure: besides itself it imports only streams/src/contract/ (and node/npm packages).',
      from: { path: '^streams/src/engine/' },
      to: { path: '^(streams/src/(?!engine/|contract/)|backend/|frontend/|tests/|bench/)' },
    },
    {
      name: 'contract-imports-nothing-of-ours',
      severity: 'error',
      comment: 'streams/src/contract/ is the bottom of everything.',
      from: { path: '^streams/src/contract/' },
      to: { path: '^(streams/src/(?!contract/)|backend/|frontend/|tests/|bench/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.jest.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
