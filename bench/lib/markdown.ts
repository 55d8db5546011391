/** A markdown table; columns whose header ends with a space-free unit or number are right-aligned by `numeric`. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[], numeric: readonly boolean[] = []): string {
  const align = headers.map((_, i) => (numeric[i] ? '---:' : '---'));
  return [`| ${headers.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.map(String).join(' | ')} |`)].join('\n');
}
