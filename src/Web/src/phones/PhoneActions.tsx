import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocation } from "wouter";
import { api, unwrap, unwrapWithETag } from "../api/client";
import { keys } from "../api/keys";
import { ApiError, type Problem } from "../api/problem";
import { Dialog } from "../components/Dialog";
import { ProblemNotice } from "../components/ProblemNotice";
import { useSettings, phoneUrl, type Phone } from "../settings/SettingsContext";
import { PhoneDialog } from "./PhoneDialog";

/** Edit, make primary, (de)activate and delete the selected phone (admins); the API's refusals are explained. */
export function PhoneActions({ phone }: { phone: Phone }) {
  const { businessId, section } = useSettings();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const path = { businessId, phoneId: phone.id };
  const refresh = () => {
    setProblem(null);
    void queryClient.invalidateQueries({ queryKey: keys.phones(businessId) });
    void queryClient.invalidateQueries({ queryKey: keys.inheritance(businessId) });
  };
  const fail = (error: unknown) => setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) });
  const change = useMutation({
    mutationFn: async (body: { isPrimary?: boolean; isActive?: boolean }) => {
      // PUT replaces the phone's details: send the current ones with the change.
      const current = await unwrapWithETag(api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}", { params: { path } }));
      const { displayName, address, timezone, isActive, isPrimary } = current.data;
      return unwrap(
        api.PUT("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}", {
          params: { path, header: { "If-Match": current.etag } },
          body: { displayName, address, timezone, isActive, isPrimary, ...body },
        }),
      );
    },
    onSuccess: refresh,
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: async () => {
      const current = await unwrapWithETag(api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}", { params: { path } }));
      return unwrap(api.DELETE("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}", { params: { path, header: { "If-Match": current.etag } } }));
    },
    onSuccess: () => {
      refresh();
      navigate(`/b/${encodeURIComponent(businessId)}`);
    },
    onError: fail,
  });
  return (
    <div className="phone-actions">
      <div className="row">
        <button type="button" onClick={() => setEditing(true)}>
          Edit details
        </button>
        {!phone.isPrimary && (
          <button type="button" onClick={() => change.mutate({ isPrimary: true })} disabled={change.isPending}>
            Make primary
          </button>
        )}
        <button type="button" onClick={() => change.mutate({ isActive: !phone.isActive })} disabled={change.isPending}>
          {phone.isActive ? "Deactivate" : "Activate"}
        </button>
        <button type="button" className="danger" onClick={() => setDeleting(true)}>
          Delete
        </button>
      </div>
      <ProblemNotice problem={problem} />
      {editing && (
        <PhoneDialog
          businessId={businessId}
          phone={phone}
          open
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            navigate(phoneUrl(businessId, saved.id, section));
          }}
        />
      )}
      <Dialog open={deleting} title={`Delete ${phone.displayName}?`} onClose={() => setDeleting(false)}>
        <p>
          The number {phone.phoneNumber} stops answering, and this location's own settings, staff list and services are removed. Business defaults and
          other locations are not affected. This cannot be undone.
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={() => setDeleting(false)}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={() => { setDeleting(false); remove.mutate(); }}>
            Delete this location
          </button>
        </div>
      </Dialog>
    </div>
  );
}
