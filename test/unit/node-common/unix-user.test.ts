// What a user can reach is read from the folders' modes on the way (never changed): the first
// folder that stops it is named with its mode and owner, for a message that says what to do.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { blockedFor, lookupUser } from '../../../electron/node-common/unix-user.ts';

const box = mkdtempSync(join(tmpdir(), 'dawr-unix-user-'));
afterAll(() => rmSync(box, { recursive: true, force: true }));
const nobody = lookupUser('nobody')!;
const me = lookupUser(process.getuid!())!;

it('finds users by name and by uid, and nothing for a name that is not there', () => {
  expect(nobody).toMatchObject({ name: 'nobody' });
  expect(lookupUser(nobody.uid)?.name).toBe('nobody');
  expect(lookupUser('no-such-user-dawr')).toBeUndefined();
});

it('names the first folder another user cannot enter, with its mode and owner, and leaves its mode alone', () => {
  const closed = join(box, 'closed');
  mkdirSync(join(closed, 'inner'), { recursive: true });
  chmodSync(box, 0o711);
  chmodSync(closed, 0o700);
  const b = blockedFor(join(closed, 'inner', 'file'), nobody, 'read');
  expect(b).toMatchObject({ path: closed, need: 'enter', mode: 0o700 });
  expect(b!.words).toBe(`${closed} (mode 0700, owner ${me.name})`);
  expect(statSync(closed).mode & 0o777).toBe(0o700);
  // Its owner passes; once others may enter, so does anyone.
  expect(blockedFor(join(closed, 'inner'), me, 'enter')).toBeUndefined();
  chmodSync(closed, 0o711);
  expect(blockedFor(join(closed, 'inner', 'not-there-yet'), nobody, 'enter')).toBeUndefined();
});

it('checks the last step for what is needed there: read a file, run a program', () => {
  const file = join(box, 'key.pem');
  writeFileSync(file, 'secret', { mode: 0o600 });
  chmodSync(file, 0o600);
  chmodSync(box, 0o711);
  expect(blockedFor(file, nobody, 'read')).toMatchObject({ path: file, need: 'read' });
  chmodSync(file, 0o644);
  expect(blockedFor(file, nobody, 'read')).toBeUndefined();
  expect(blockedFor(file, nobody, 'run')).toMatchObject({ path: file, need: 'run' });
});
