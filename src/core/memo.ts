// A value remembered per object, kept on the object itself (a non-enumerable symbol property) rather
// than in a WeakMap. V8's scavenger keeps the value of a WeakMap entry alive while its key is still in
// the young generation (only a full GC clears such entries), so every document's tree, index and model
// memos survived each scavenge and were promoted to the old generation, dead or not — a third of a CLI
// run's GC. A property dies with its object. Non-enumerable, so spreads, Object.keys and JSON.stringify
// of the object never see it.
export class Memo<K extends object, V> {
  private readonly key = Symbol('memo');

  get(owner: K): V | undefined {
    return (owner as Record<symbol, V | undefined>)[this.key];
  }

  set(owner: K, value: V): void {
    Object.defineProperty(owner, this.key, { value, writable: true, configurable: true });
  }
}
