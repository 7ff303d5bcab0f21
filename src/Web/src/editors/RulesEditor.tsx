import type { Schemas } from "../api/client";
import { SelectSetting, TextSetting } from "../components/controls";
import { Field } from "../components/Field";
import { ItemErrors, useItemErrors } from "../components/ItemErrors";
import { SectionFrame } from "../components/SectionFrame";
import { useSectionEditor } from "../settings/useSectionEditor";
import type { EditorProps } from "./editorProps";
import { ContactsList, TopicsList } from "./RulesLists";

type Rule = Schemas["ConversationRule"];

export const ruleActions = [
  { value: "transfer", label: "Transfer the call" },
  { value: "takeMessage", label: "Take a message" },
  { value: "answer", label: "Answer with" },
  { value: "book", label: "Book an appointment" },
];

const afterHoursActions = [
  { value: "handToAgent", label: "Let the agent answer (it knows you are closed)" },
  { value: "takeMessage", label: "Take a message" },
  { value: "transfer", label: "Transfer the call" },
  { value: "answer", label: "Play a message and hang up" },
  { value: "hangUp", label: "Hang up" },
];

export function RulesEditor({ businessId, phoneId, canEdit, status }: EditorProps) {
  const editor = useSectionEditor(businessId, phoneId, "rules");
  return (
    <SectionFrame editor={editor} canEdit={canEdit} status={status} description="What the agent does in given situations, whom it escalates to, and what happens after hours.">
      <Field group path="rules" label="Rules, first match wins" format={(v) => `${(v as Rule[] | undefined)?.length ?? 0} rules`}>
        {({ value, set, readOnly }) => <RuleList rules={(value as Rule[] | null) ?? []} onChange={set} readOnly={readOnly} />}
      </Field>
      <fieldset className="group">
        <legend>After hours</legend>
        <SelectSetting path="afterHours.action" label="When closed" options={afterHoursActions} />
        <TextSetting path="afterHours.message" label="Message callers hear" multiline />
        <TextSetting path="afterHours.transferTo" label="Transfer to" type="tel" hint="Needed when the action is transfer." />
      </fieldset>
      <Field group path="escalationContacts" label="Escalation contacts" format={(v) => `${(v as unknown[] | undefined)?.length ?? 0} contacts`}>
        {({ value, set, readOnly }) => <ContactsList contacts={(value as Schemas["EscalationContact"][] | null) ?? []} onChange={set} readOnly={readOnly} />}
      </Field>
      <Field path="refusedTopics" label="Topics the agent declines" format={(v) => ((v as string[] | undefined) ?? []).join(", ") || "none"}>
        {({ id, value, set, readOnly }) => <TopicsList id={id} topics={(value as string[] | null) ?? []} onChange={set} readOnly={readOnly} />}
      </Field>
    </SectionFrame>
  );
}

function RuleList({ rules, onChange, readOnly }: { rules: Rule[]; onChange: (rules: Rule[]) => void; readOnly: boolean }) {
  const update = (index: number, rule: Rule) => onChange(rules.map((r, i) => (i === index ? rule : r)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule!);
    onChange(next);
  };
  return (
    <div className="list">
      {rules.length === 0 && <p className="muted">No rules: the agent uses its instructions.</p>}
      <ol className="rules">
        {rules.map((rule, index) => (
          <li key={index} className="rule">
            <RuleItem index={index} rule={rule} readOnly={readOnly} onChange={(r) => update(index, r)} />
            {!readOnly && (
              <div className="row-actions">
                <button type="button" onClick={() => move(index, -1)} disabled={index === 0} aria-label={`Move rule ${index + 1} up`}>
                  ↑
                </button>
                <button type="button" onClick={() => move(index, 1)} disabled={index === rules.length - 1} aria-label={`Move rule ${index + 1} down`}>
                  ↓
                </button>
                <button type="button" onClick={() => onChange(rules.filter((_, i) => i !== index))} aria-label={`Remove rule ${index + 1}`}>
                  Remove
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <button type="button" onClick={() => onChange([...rules, { when: "", action: "takeMessage" }])}>
          Add a rule
        </button>
      )}
    </div>
  );
}

function RuleItem({ index, rule, readOnly, onChange }: { index: number; rule: Rule; readOnly: boolean; onChange: (rule: Rule) => void }) {
  const path = `rules[${index}]`;
  const when = useItemErrors(`${path}.when`);
  const answer = useItemErrors(`${path}.answer`);
  const transfer = useItemErrors(`${path}.transferTo`);
  const n = index + 1;
  return (
    <div className="rule-fields">
      <label>
        When (rule {n})
        <input value={rule.when ?? ""} readOnly={readOnly} aria-invalid={when.invalid} aria-describedby={when.errorId} placeholder="the caller asks about prices" onChange={(e) => onChange({ ...rule, when: e.target.value })} />
      </label>
      <ItemErrors path={`${path}.when`} />
      <label>
        Then (rule {n})
        <select value={rule.action ?? ""} disabled={readOnly} onChange={(e) => onChange({ ...rule, action: e.target.value as Rule["action"] })}>
          {ruleActions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <ItemErrors path={`${path}.action`} />
      {rule.action === "transfer" && (
        <label>
          Transfer to (rule {n})
          <input type="tel" value={rule.transferTo ?? ""} readOnly={readOnly} aria-invalid={transfer.invalid} aria-describedby={transfer.errorId} onChange={(e) => onChange({ ...rule, transferTo: e.target.value || null })} />
        </label>
      )}
      <ItemErrors path={`${path}.transferTo`} />
      {(rule.action === "answer" || rule.action === "takeMessage") && (
        <label>
          {rule.action === "answer" ? "Answer" : "Prompt before the message"} (rule {n})
          <textarea rows={2} value={rule.answer ?? ""} readOnly={readOnly} aria-invalid={answer.invalid} aria-describedby={answer.errorId} onChange={(e) => onChange({ ...rule, answer: e.target.value || null })} />
        </label>
      )}
      <ItemErrors path={`${path}.answer`} />
    </div>
  );
}
