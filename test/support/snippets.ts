/**
 * Flow texts that several tests share, kept once each as YAML files in test/fixtures/snippets/
 * (so a test names the flow it runs instead of carrying its own copy).
 */
import { readFileSync } from 'node:fs';

/** The YAML text of test/fixtures/snippets/<name>.yaml. */
export function snippet(name: string): string {
  return readFileSync(new URL(`../fixtures/snippets/${name}.yaml`, import.meta.url), 'utf8');
}
