import { fieldErrors } from "../api/problem";
import { useSection } from "./SectionContext";

/** The API's errors for one field inside a list entry (`rules[2].transferTo`), with the id a control points to. */
export function useItemErrors(path: string, within = false): { errors: string[]; invalid: boolean; errorId: string } {
  const section = useSection();
  const errors = fieldErrors(section.problem?.errors, path, within);
  return { errors, invalid: errors.length > 0, errorId: `err-${path.replace(/[^a-zA-Z0-9]/g, "-")}` };
}

/** With `within`, also the errors of fields below `path` (a special day's `periods[1].open`). */
export function ItemErrors({ path, within = false }: { path: string; within?: boolean }) {
  const { errors, errorId } = useItemErrors(path, within);
  if (errors.length === 0) return null;
  return (
    <ul className="field-errors" id={errorId}>
      {errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
