// The synchronous host the CLI reads through must refuse exactly what nodeHost refuses (a pipe without
// blocking, a folder, a file over the limit without reading it, links in listings) and read the rest
// byte for byte, with the same words for why a file was not read.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import fsModule from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeUnreadable, describeUnreadableSync, MAX_FILE_BYTES, nodeHost, syncNodeHost } from '../../src/core/config/host';

describe('syncNodeHost', () => {
  let d: string;
  const p = (name: string): string => path.join(d, name);
  before(() => {
    d = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-host-sync-'));
    fs.writeFileSync(p('appsettings.json'), '{ "AzureAd": { "ClientId": "x" } }\n');
    fs.writeFileSync(p('empty.json'), '');
    fs.writeFileSync(p('bom.json'), Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    fs.writeFileSync(p('binary.bin'), Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) & 0xff)));
    fs.mkdirSync(p('folder.json'));
    execFileSync('mkfifo', [p('fifo.json')]);
    fs.writeFileSync(p('over.json'), '');
    fs.truncateSync(p('over.json'), MAX_FILE_BYTES + 1);
    fs.symlinkSync('appsettings.json', p('link.json'));
    fs.symlinkSync('loop-b', p('loop-a'));
    fs.symlinkSync('loop-a', p('loop-b'));
  });
  after(() => fs.rmSync(d, { recursive: true, force: true }));

  const NAMES = ['appsettings.json', 'empty.json', 'bom.json', 'binary.bin', 'folder.json', 'fifo.json', 'over.json', 'link.json', 'loop-a', 'missing.json'];

  it('reads regular files byte for byte, and gives what nodeHost gives for every other path', async () => {
    for (const name of NAMES) {
      const sync = syncNodeHost.readFileSync(p(name));
      const viaAsync = await nodeHost.readFile(p(name));
      assert.deepEqual(sync && Buffer.from(sync), viaAsync && Buffer.from(viaAsync), name);
    }
    assert.equal(Buffer.from(syncNodeHost.readFileSync(p('binary.bin'))!).equals(fs.readFileSync(p('binary.bin'))), true);
    assert.equal(syncNodeHost.readFileSync(p('empty.json'))!.length, 0);
    assert.deepEqual([...syncNodeHost.readFileSync(p('bom.json'))!], [0xef, 0xbb, 0xbf, 0x7b, 0x7d]);
  });

  it('refuses a FIFO without waiting for a writer, a folder, a file over the limit, and a link loop', async () => {
    // A blocked open or read would hang this test (mocha's timeout fails it).
    for (const name of ['fifo.json', 'folder.json', 'over.json', 'loop-a', 'missing.json']) {
      assert.equal(syncNodeHost.readFileSync(p(name)), undefined, name);
      assert.equal(await syncNodeHost.readFile(p(name)), undefined, name);
    }
  });

  it('reads no byte of a file over the limit (a probe on readSync that sees the regular reads)', () => {
    // The module object the host's calls go through (a namespace import is read-only).
    const original = fsModule.readSync;
    let bytes = 0;
    (fsModule as { readSync: unknown }).readSync = (...a: Parameters<typeof fs.readSync>) => {
      const n = (original as (...b: unknown[]) => number)(...a);
      bytes += n;
      return n;
    };
    try {
      assert.equal(syncNodeHost.readFileSync(p('over.json')), undefined);
      assert.equal(bytes, 0, 'bytes of the over-limit file were read');
      assert.equal(syncNodeHost.readFileSync(p('binary.bin'))!.length, 70_000);
      assert.equal(bytes, 70_000, 'the probe saw the regular read (so it would have seen the other)');
    } finally {
      fsModule.readSync = original;
    }
  });

  it('explains an unreadable path in the same words as the async host', async () => {
    for (const name of NAMES) assert.equal(describeUnreadableSync(p(name)), await describeUnreadable(p(name)), name);
    assert.equal(syncNodeHost.explainUnreadableSync!(p('fifo.json')), 'is not a regular file (a pipe, socket or device); not read');
    assert.match(syncNodeHost.explainUnreadableSync!(p('over.json'))!, /^is 16 MB, over the 16 MB limit .* skipped without reading it$/);
    assert.equal(syncNodeHost.explainUnreadableSync!(p('folder.json')), 'is a folder, not a file');
    assert.equal(syncNodeHost.explainUnreadableSync!(p('loop-a')), 'a loop of symbolic links');
  });

  it('lists a folder without its symbolic links, as nodeHost does', async () => {
    const sync = syncNodeHost.readDirSync(d)!;
    const names = sync.map((e) => e.name).sort();
    assert.deepEqual(names, ['appsettings.json', 'binary.bin', 'bom.json', 'empty.json', 'fifo.json', 'folder.json', 'over.json']);
    assert.deepEqual(sync.find((e) => e.name === 'folder.json'), { name: 'folder.json', isDirectory: true });
    assert.deepEqual(
      sync.sort((a, b) => a.name.localeCompare(b.name)),
      (await nodeHost.readDir(d))!.sort((a, b) => a.name.localeCompare(b.name)),
    );
    assert.equal(syncNodeHost.readDirSync(p('missing')), undefined);
    assert.equal(syncNodeHost.readDirSync(p('appsettings.json')), undefined);
  });
});
