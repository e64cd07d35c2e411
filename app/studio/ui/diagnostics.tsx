/**
 * The flows folder's validation problems, each shown at its line with the lines around it.
 */
import type { Diagnostic } from './types';

const base = (file: string) => file.split(/[\\/]/).slice(-2).join('/');

/** The list of problems; nothing when the folder is clean. */
export function Diagnostics(props: { list: Diagnostic[] }) {
  if (props.list.length === 0) return null;
  const errors = props.list.filter((d) => d.severity === 'error').length;
  return (
    <section class={`diagnostics ${errors > 0 ? 'has-errors' : 'only-warnings'}`} aria-label="Validation">
      <h2>
        {errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : 'No errors'}
        {props.list.length - errors > 0 && `, ${props.list.length - errors} warning${props.list.length - errors === 1 ? '' : 's'}`} in the flows folder
        <span class="muted"> (the running bot keeps the version it started with)</span>
      </h2>
      {props.list.map((d) => (
        <article class={`diagnostic ${d.severity}`}>
          <p>
            <code class="where">{base(d.file)}:{d.line}:{d.col}</code> <span class="code">{d.code}</span> {d.message}
            {d.hint && <span class="muted"> {d.hint}</span>}
          </p>
          <pre class="excerpt">
            {d.excerpt.lines.map((text, i) => {
              const n = d.excerpt.firstLine + i;
              const hit = n >= d.line && n <= (d.endLine ?? d.line);
              return (
                <div class={hit ? 'hit' : ''}>
                  <span class="ln">{n}</span>
                  {text || ' '}
                  {n === d.line && <div class="caret">{`${' '.repeat(Math.max(0, d.col - 1))}^ ${d.code}`}</div>}
                </div>
              );
            })}
          </pre>
        </article>
      ))}
    </section>
  );
}
