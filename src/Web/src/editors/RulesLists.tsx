import { useState } from "react";
import type { Schemas } from "../api/client";
import { ItemErrors, useItemErrors } from "../components/ItemErrors";

type Contact = Schemas["EscalationContact"];

export function ContactsList({ contacts, onChange, readOnly }: { contacts: Contact[]; onChange: (contacts: Contact[]) => void; readOnly: boolean }) {
  const update = (index: number, contact: Contact) => onChange(contacts.map((c, i) => (i === index ? contact : c)));
  return (
    <div className="list">
      {contacts.length === 0 && <p className="muted">Nobody to escalate to.</p>}
      {contacts.map((contact, index) => (
        <ContactRow key={index} index={index} contact={contact} readOnly={readOnly} onChange={(c) => update(index, c)} onRemove={() => onChange(contacts.filter((_, i) => i !== index))} />
      ))}
      {!readOnly && (
        <button type="button" onClick={() => onChange([...contacts, { name: "" }])}>
          Add a contact
        </button>
      )}
    </div>
  );
}

function ContactRow({ index, contact, readOnly, onChange, onRemove }: { index: number; contact: Contact; readOnly: boolean; onChange: (c: Contact) => void; onRemove: () => void }) {
  const path = `escalationContacts[${index}]`;
  const name = useItemErrors(`${path}.name`);
  const phone = useItemErrors(`${path}.phone`);
  const email = useItemErrors(`${path}.email`);
  const n = index + 1;
  return (
    <div className="row">
      <label>
        Name (contact {n})
        <input value={contact.name ?? ""} readOnly={readOnly} aria-invalid={name.invalid} aria-describedby={name.errorId} onChange={(e) => onChange({ ...contact, name: e.target.value })} />
      </label>
      <label>
        Phone (contact {n})
        <input type="tel" value={contact.phone ?? ""} readOnly={readOnly} aria-invalid={phone.invalid} aria-describedby={phone.errorId} onChange={(e) => onChange({ ...contact, phone: e.target.value || null })} />
      </label>
      <label>
        Email (contact {n})
        <input type="email" value={contact.email ?? ""} readOnly={readOnly} aria-invalid={email.invalid} aria-describedby={email.errorId} onChange={(e) => onChange({ ...contact, email: e.target.value || null })} />
      </label>
      {!readOnly && (
        <button type="button" onClick={onRemove} aria-label={`Remove contact ${n}`}>
          Remove
        </button>
      )}
      <ItemErrors path={path} />
      <ItemErrors path={`${path}.name`} />
      <ItemErrors path={`${path}.phone`} />
      <ItemErrors path={`${path}.email`} />
    </div>
  );
}

export function TopicsList({ id, topics, onChange, readOnly }: { id: string; topics: string[]; onChange: (topics: string[]) => void; readOnly: boolean }) {
  const [text, setText] = useState("");
  const add = () => {
    const topic = text.trim();
    if (topic && !topics.includes(topic)) onChange([...topics, topic]);
    setText("");
  };
  return (
    <div className="list">
      <ul className="chips" aria-label="Declined topics">
        {topics.map((topic) => (
          <li key={topic} className="chip">
            {topic}
            {!readOnly && (
              <button type="button" className="chip-remove" onClick={() => onChange(topics.filter((t) => t !== topic))} aria-label={`Remove topic ${topic}`}>
                ×
              </button>
            )}
          </li>
        ))}
        {topics.length === 0 && <li className="muted">None</li>}
      </ul>
      {!readOnly && (
        <div className="row">
          <input
            id={id}
            value={text}
            placeholder="politics"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" onClick={add}>
            Add topic
          </button>
        </div>
      )}
    </div>
  );
}
