// jest-circus ignores a project-level `testTimeout` (only the global one is
// honoured), and a global one would also loosen the unit-test projects; so the
// integration project raises its own default here. Generous because a test
// file may migrate a database and start the whole app.
jest.setTimeout(120_000);
