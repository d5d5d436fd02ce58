/**
 * The notes a reader sees: one line per fact (issue 11, item 9). The model attaches notes to each
 * strategy (src/messages/notes.ts), so a fact about a model ("rate limits of gpt-4.1-mini are
 * unknown") arrives once per strategy that uses it; here it becomes one line naming them. A
 * strategy that cannot run keeps only the notes that say why: what its latency or cache would
 * have been is noise after "infeasible". The projection JSON keeps every note as the model made
 * it; the terminal table, summary.md and report.html all print through this one function.
 */
import { mentionsFirst } from '../format.js';
import { INFEASIBLE_CODES } from '../messages/notes.js';
import type { Note, Projection } from '../model/types.js';

interface NoteLine {
  message: string;
  /** The strategies the fact applies to, in the projection's order; [] for the scenario as a whole. */
  strategies: string[];
  /**
   * Who to name before the message: '' when nobody (the scenario, or a message that starts with
   * its one strategy's id), "every strategy" when all of several, else the ids joined by ", ".
   */
  subject: string;
}

/** The notes of a projection, grouped one line per distinct message, in order of first appearance. */
export function noteLines(p: Pick<Projection, 'notes' | 'strategies'>): NoteLine[] {
  const lines = new Map<string, NoteLine>();
  const add = (n: Note, id: string | null) => {
    let line = lines.get(n.message);
    if (line === undefined) {
      line = { message: n.message, strategies: [], subject: '' };
      lines.set(n.message, line);
    }
    if (id !== null && !line.strategies.includes(id)) line.strategies.push(id);
  };
  for (const n of p.notes) add(n, null);
  for (const s of p.strategies) {
    const shown = s.feasible ? s.notes : s.notes.filter((n) => INFEASIBLE_CODES.has(n.code));
    for (const n of shown) add(n, s.id);
  }
  const all = p.strategies.length;
  for (const line of lines.values()) {
    const ids = line.strategies;
    if (ids.length === 0 || (ids.length === 1 && mentionsFirst(line.message, ids[0]!))) line.subject = '';
    else if (ids.length === all && all > 1) line.subject = 'every strategy';
    else line.subject = ids.join(', ');
  }
  return [...lines.values()];
}
