/**
 * A long flow for the generation test and benchmark: `segments` blocks of 11 steps (a menu
 * with three options and an otherwise, three says, an if on the chosen option, a wait, an
 * integer ask with one retry, a call with on_error, and three says), plus a greeting and an
 * end: 11 × 18 + 2 = 200 steps.
 */
export function longFlowYaml(segments = 18): string {
  const lines = ['version: 1', 'id: long', 'triggers: [{ command: go }]', 'steps:', '  - say: Start'];
  for (let k = 0; k < segments; k++) {
    const next = k + 1 < segments ? `m${k + 1}` : 'last';
    lines.push(
      `  - id: m${k}`,
      `    menu: { text: "Menu ${k}", save: c${k}, options: [{ id: a, title: A${k}, next: sa${k} }, { id: b, title: B${k}, next: sb${k} }, { id: c, title: C${k}, next: sc${k} }], otherwise: { say: "Pick one", next: m${k} } }`,
      `  - { id: sa${k}, say: "A ${k}", next: i${k} }`,
      `  - { id: sb${k}, say: "B ${k}", next: i${k} }`,
      `  - { id: sc${k}, say: "C ${k}" }`,
      `  - { id: i${k}, if: 'c${k} == "a"', then: q${k}, else: w${k} }`,
      `  - { id: w${k}, wait: 1h }`,
      `  - id: q${k}`,
      `    ask: { text: "Number ${k}?", type: integer, save: n${k}, retries: 1, on_fail: f${k} }`,
      `  - { id: k${k}, call: shop.check, on_error: e${k} }`,
      `  - { say: "ok ${k}", next: ${next} }`,
      `  - { id: e${k}, say: "error ${k}", next: ${next} }`,
      `  - { id: f${k}, say: "fail ${k}", next: ${next} }`,
    );
  }
  lines.push('  - { id: last, end: Bye }');
  return lines.join('\n') + '\n';
}
