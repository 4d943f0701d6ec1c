// Node module loader hooks (module.register) for the shell harness: inside the built bundles
// under test, `import ... from 'electron'` resolves to the stub, which hands out the fake
// Electron the test made (tests/shell/support/fakeElectron.ts). Nothing else is redirected.
let stubUrl = '';
let scope = '';

export async function initialize(data) {
  stubUrl = data.stubUrl;
  scope = data.scope;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron' && context.parentURL?.startsWith(scope)) return { url: stubUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
