// The backend resolves modules the classic (node10) way, which ignores package.json `exports`:
// point TypeScript at the types of altcha-lib's CommonJS v1 build that Node loads for 'altcha-lib/v1'.
declare module 'altcha-lib/v1' {
  export * from 'altcha-lib/dist/cjs/v1/index';
}
