// Every file under a folder as one text, for tests that search it for what must not be there
// (a secret, a token). Shared by the plain-Node and the in-VS-Code tests.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function allText(folder: string): Promise<string> {
  const names = await fs.readdir(folder, { recursive: true });
  const texts = await Promise.all(names.map((name) => fs.readFile(path.join(folder, name), 'utf8').catch(() => '')));
  return texts.join('\n');
}
