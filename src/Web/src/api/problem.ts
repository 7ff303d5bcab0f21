/** An RFC 9457 problem as the API sends it; `errors` names every bad field by JSON path (`rules[2].transferTo`). */
export interface Problem {
  type: string;
  title?: string | null;
  status: number;
  detail?: string | null;
  errors?: Record<string, string[]>;
  /** history-conflict: the fields a later revision changed, which undoing would overwrite. */
  conflicts?: string[];
}

const prefix = "urn:multiphone:problem:";

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed (${problem.status})`);
    this.problem = problem;
  }

  /** The stable slug (`precondition-failed`, `primary-required`, ...). */
  get slug(): string {
    return this.problem.type.startsWith(prefix) ? this.problem.type.slice(prefix.length) : this.problem.type;
  }

  get isConflict(): boolean {
    return this.problem.status === 412;
  }
}

export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === "object" && "type" in body) {
    return { ...(body as Problem), status };
  }
  return { type: "about:blank", status, title: status === 0 ? "The API could not be reached" : `Request failed (${status})` };
}

/**
 * The messages of the field at `path` (exactly), e.g. `afterHours.transferTo`. With `within`, also those of fields
 * below it (`weekly` gets `weekly[3].open`), for a control that edits a whole list.
 */
export function fieldErrors(errors: Record<string, string[]> | undefined, path: string, within = false): string[] {
  if (!errors) return [];
  return Object.entries(errors)
    .filter(([key]) => key === path || (within && (key.startsWith(`${path}[`) || key.startsWith(`${path}.`))))
    .flatMap(([key, messages]) => (key === path ? messages : messages.map((m) => `${key.slice(path.length).replace(/^\./, "")}: ${m}`)));
}

/** Errors whose paths start with `prefix`, with it removed: what a list item's own editor shows. */
export function errorsUnder(errors: Record<string, string[]> | undefined, prefix: string): Record<string, string[]> | undefined {
  if (!errors) return undefined;
  const found = Object.entries(errors)
    .filter(([key]) => key.startsWith(`${prefix}.`))
    .map(([key, value]) => [key.slice(prefix.length + 1), value] as const);
  return found.length ? Object.fromEntries(found) : undefined;
}
