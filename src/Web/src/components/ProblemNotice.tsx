import type { Problem } from "../api/problem";

const explanations: Record<string, string> = {
  "precondition-failed": "Someone else changed this meanwhile.",
  "primary-required": "A business with phones always has a primary: make another phone primary first.",
  "phone-number-limit": "Your plan allows no more phone numbers: upgrade the plan or remove a number first.",
  "phone-number-taken": "That number is already in use.",
  forbidden: "Your role does not allow this.",
};

/** A refused change, explained; with a reload offer when it was a conflict. */
export function ProblemNotice({ problem, onReload }: { problem: Problem | null; onReload?: () => void }) {
  if (!problem) return null;
  const slug = problem.type.replace("urn:multiphone:problem:", "");
  return (
    <div className="problem" role="alert">
      <strong>{problem.title ?? "The change was refused"}</strong>
      {problem.detail && <p>{problem.detail}</p>}
      {explanations[slug] && <p>{explanations[slug]}</p>}
      {problem.errors && (
        <ul>
          {Object.entries(problem.errors).map(([field, messages]) => (
            <li key={field}>
              <code>{field}</code>: {messages.join(" ")}
            </li>
          ))}
        </ul>
      )}
      {slug === "precondition-failed" && onReload && (
        <button type="button" onClick={onReload}>
          Reload their version
        </button>
      )}
    </div>
  );
}
