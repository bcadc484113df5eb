/**
 * The part of WebAssembly's JavaScript API that findings/scan/keyword-search.ts uses. Node has
 * all of it, but @types/node 20 declares none of it (TypeScript's declarations live in lib.dom,
 * which a Node project does not load).
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array)
  }
  class Instance {
    constructor(module: Module, imports: object)
    readonly exports: Record<string, unknown>
  }
  class Memory {
    readonly buffer: ArrayBuffer
    /** Adds `pages` of 64 KiB; the previous `buffer` is detached. */
    grow(pages: number): number
  }
}
