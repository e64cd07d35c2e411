/**
 * Runs the `parley` command line in-process and collects what it prints, so a test reads
 * the exit code and both streams the way a user at a terminal would see them.
 */
import { main } from '../../app/cli/main.js';

/** What one `parley …` call printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `parley <args…>` with stdout and stderr captured. */
export async function parley(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}
