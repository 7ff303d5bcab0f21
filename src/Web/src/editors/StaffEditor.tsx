import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, unwrap, unwrapWithETag, type Schemas } from "../api/client";
import { keys } from "../api/keys";
import { ApiError, fieldErrors, type Problem } from "../api/problem";
import { ProblemNotice } from "../components/ProblemNotice";

type Assignment = Schemas["StaffAssignmentInput"];

/** Who works at this location, their role here and who takes transferred calls (admins change it). */
export function StaffEditor({ businessId, phoneId, canManage }: { businessId: string; phoneId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const path = { businessId, phoneId };
  const assigned = useQuery({
    queryKey: keys.phoneStaff(businessId, phoneId),
    queryFn: () => unwrapWithETag(api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/staff", { params: { path } })),
  });
  const staff = useQuery({
    queryKey: keys.staff(businessId),
    queryFn: async () => (await unwrap(api.GET("/api/v2/businesses/{businessId}/staff", { params: { path: { businessId } } }))).items,
  });
  const [draft, setDraft] = useState<Assignment[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [adding, setAdding] = useState("");
  const save = useMutation({
    mutationFn: (assignments: Assignment[]) =>
      unwrapWithETag(
        api.PUT("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/staff", {
          params: { path, header: { "If-Match": assigned.data?.etag ?? "" } },
          body: { assignments },
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(keys.phoneStaff(businessId, phoneId), result);
      void queryClient.invalidateQueries({ queryKey: keys.previews(businessId) });
      setDraft(null);
      setProblem(null);
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) }),
  });

  if (assigned.isPending) return <p role="status">Loading staff…</p>;
  if (assigned.error) return <p role="alert">Could not load staff: {assigned.error.message}</p>;
  const current: Assignment[] = draft ?? assigned.data.data.assignments.map(({ staffId, role, acceptsTransfers }) => ({ staffId, role, acceptsTransfers }));
  const nameOf = (id: string | null | undefined) => staff.data?.find((s) => s.id === id)?.name ?? assigned.data.data.assignments.find((a) => a.staffId === id)?.name ?? id;
  const unassigned = (staff.data ?? []).filter((s) => s.active && !current.some((a) => a.staffId === s.id));
  const update = (index: number, change: Partial<Assignment>) => setDraft(current.map((a, i) => (i === index ? { ...a, ...change } : a)));
  const readOnly = !canManage;

  return (
    <section className="section" aria-labelledby="staff-title">
      <header className="section-head">
        <div>
          <h2 id="staff-title">Staff at this location</h2>
          <p className="muted">Staff belong to the business; here you choose who works at this location and who takes transferred calls.</p>
        </div>
      </header>
      {readOnly && <p className="notice">Changing staff needs the admin role.</p>}
      <ProblemNotice problem={problem} onReload={() => { setDraft(null); setProblem(null); void assigned.refetch(); }} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role here</th>
            <th scope="col">Takes transfers</th>
            {!readOnly && <th scope="col"><span className="visually-hidden">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {current.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">Nobody is assigned to this location.</td>
            </tr>
          )}
          {current.map((assignment, index) => {
            const name = nameOf(assignment.staffId);
            const roleErrors = fieldErrors(problem?.errors, `assignments[${index}].role`);
            return (
              <tr key={assignment.staffId ?? index}>
                <th scope="row">{name}</th>
                <td>
                  <input aria-label={`Role of ${name} here`} value={assignment.role ?? ""} readOnly={readOnly} aria-invalid={roleErrors.length > 0} onChange={(e) => update(index, { role: e.target.value || null })} />
                  {roleErrors.map((m) => <span key={m} className="field-errors">{m}</span>)}
                </td>
                <td>
                  <input type="checkbox" aria-label={`${name} takes transferred calls`} checked={assignment.acceptsTransfers ?? false} disabled={readOnly} onChange={(e) => update(index, { acceptsTransfers: e.target.checked })} />
                </td>
                {!readOnly && (
                  <td>
                    <button type="button" onClick={() => setDraft(current.filter((_, i) => i !== index))} aria-label={`Remove ${name} from this location`}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!readOnly && (
        <div className="row">
          <label htmlFor="add-staff">Add a staff member</label>
          <select id="add-staff" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose…</option>
            {unassigned.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <button type="button" disabled={!adding} onClick={() => { setDraft([...current, { staffId: adding, role: null, acceptsTransfers: false }]); setAdding(""); }}>
            Add
          </button>
        </div>
      )}
      {!readOnly && (
        <div className={`savebar${draft ? " savebar-dirty" : ""}`}>
          <span role="status">{save.isPending ? "Saving…" : draft ? "You have unsaved changes." : "All changes saved."}</span>
          <button type="button" disabled={!draft || save.isPending} onClick={() => { setDraft(null); setProblem(null); }}>
            Discard
          </button>
          <button type="button" className="primary" disabled={!draft || save.isPending} onClick={() => draft && save.mutate(draft)}>
            Save staff
          </button>
        </div>
      )}
    </section>
  );
}
