import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, idempotencyKey, unwrap, unwrapWithETag, type Schemas } from "../api/client";
import { keys } from "../api/keys";
import { ApiError, fieldErrors, type Problem } from "../api/problem";
import { ProblemNotice } from "../components/ProblemNotice";

type Service = Schemas["PhoneService"];

const money = (price: Service["price"]) => (price ? new Intl.NumberFormat("en-US", { style: "currency", currency: price.currency }).format(Number(price.amount)) : "no price");

/** What this location offers: the business-wide services (each can be switched off here) plus its own. */
export function ServicesEditor({ businessId, phoneId, canManage }: { businessId: string; phoneId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const path = { businessId, phoneId };
  const [problem, setProblem] = useState<Problem | null>(null);
  const offered = useQuery({
    queryKey: keys.phoneServices(businessId, phoneId),
    queryFn: () => unwrap(api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/services", { params: { path } })),
  });
  const business = useQuery({
    queryKey: keys.services(businessId),
    queryFn: async () => (await unwrap(api.GET("/api/v2/businesses/{businessId}/services", { params: { path: { businessId } } }))).items,
  });
  const done = () => {
    setProblem(null);
    void queryClient.invalidateQueries({ queryKey: keys.phoneServices(businessId, phoneId) });
    void queryClient.invalidateQueries({ queryKey: keys.previews(businessId) });
  };
  const fail = (error: unknown) => setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) });

  const switchOff = useMutation({
    mutationFn: async ({ id, on }: { id: string; on: boolean }) => {
      const current = await unwrapWithETag(api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/services/switched-off", { params: { path } }));
      const ids = current.data.businessServiceIds.filter((x) => x !== id);
      return unwrap(
        api.PUT("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/services/switched-off", {
          params: { path, header: { "If-Match": current.etag } },
          body: { businessServiceIds: on ? ids : [...ids, id] },
        }),
      );
    },
    // The switch moves at once; a refusal puts it back.
    onMutate: async ({ id, on }) => {
      const key = keys.phoneServices(businessId, phoneId);
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Schemas["PhoneServicesResponse"]>(key);
      if (before) {
        const switchedOff = before.switchedOff.filter((x) => x !== id);
        queryClient.setQueryData(key, { ...before, switchedOff: on ? switchedOff : [...switchedOff, id] });
      }
      return { before };
    },
    onSuccess: done,
    onError: (error, _, context) => {
      if (context?.before) queryClient.setQueryData(keys.phoneServices(businessId, phoneId), context.before);
      fail(error);
    },
  });
  const remove = useMutation({
    mutationFn: async (serviceId: string) => {
      const params = { path: { ...path, serviceId } };
      const current = await unwrapWithETag(api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/services/{serviceId}", { params }));
      return unwrap(api.DELETE("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/services/{serviceId}", { params: { ...params, header: { "If-Match": current.etag } } }));
    },
    onSuccess: done,
    onError: fail,
  });

  if (offered.isPending) return <p role="status">Loading services…</p>;
  if (offered.error) return <p role="alert">Could not load services: {offered.error.message}</p>;
  const own = offered.data.items.filter((s) => s.source === "phone");
  const readOnly = !canManage;
  return (
    <section className="section" aria-labelledby="services-title">
      <header className="section-head">
        <div>
          <h2 id="services-title">Services</h2>
          <p className="muted">Business-wide services are offered everywhere unless switched off here; a location can also add its own.</p>
        </div>
      </header>
      {readOnly && <p className="notice">Changing services needs the admin role.</p>}
      <ProblemNotice problem={problem} />
      <h3>Business-wide services</h3>
      <ul className="cards">
        {(business.data ?? []).filter((s) => !s.phoneId).map((service) => {
          const on = !offered.data.switchedOff.includes(service.id);
          return (
            <li key={service.id} className="card">
              <label className="switch">
                <input type="checkbox" checked={on} disabled={readOnly || switchOff.isPending} onChange={(e) => switchOff.mutate({ id: service.id, on: e.target.checked })} />
                <span>
                  <strong>{service.name}</strong> offered here
                </span>
              </label>
              <span className="muted">
                {service.durationMinutes ? `${service.durationMinutes} min · ` : ""}
                {money(service.price)} <span className="badge badge-business">Business</span>
              </span>
            </li>
          );
        })}
      </ul>
      <h3>This location's own services</h3>
      <ul className="cards">
        {own.length === 0 && <li className="muted">None.</li>}
        {own.map((service) => (
          <li key={service.id} className="card">
            <strong>{service.name}</strong>
            <span className="muted">
              {service.durationMinutes ? `${service.durationMinutes} min · ` : ""}
              {money(service.price)} <span className="badge badge-phone">This location</span>
            </span>
            {!readOnly && (
              <button type="button" onClick={() => remove.mutate(service.id)} aria-label={`Remove ${service.name}`}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && <NewService businessId={businessId} phoneId={phoneId} onCreated={done} />}
    </section>
  );
}

function NewService({ businessId, phoneId, onCreated }: { businessId: string; phoneId: string; onCreated: () => void }) {
  const [name, setName] = useState("");
  const [minutes, setMinutes] = useState("");
  const [price, setPrice] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/services", {
          params: { path: { businessId, phoneId }, header: { "Idempotency-Key": idempotencyKey() } },
          body: { name, durationMinutes: minutes ? Number(minutes) : null, price: price ? { amount: Number(price), currency: "USD" } : null, bookable: true },
        }),
      ),
    onSuccess: () => {
      setName("");
      setMinutes("");
      setPrice("");
      setProblem(null);
      onCreated();
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.problem : null),
  });
  const err = (field: string) => fieldErrors(problem?.errors, field, true);
  return (
    <form className="row new-service" onSubmit={(e) => { e.preventDefault(); create.mutate(); }} aria-label="Add a service for this location">
      <label>
        Service name
        <input value={name} required onChange={(e) => setName(e.target.value)} aria-invalid={err("name").length > 0} />
        {err("name").map((m) => <span key={m} className="field-errors">{m}</span>)}
      </label>
      <label>
        Minutes
        <input type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        {err("durationMinutes").map((m) => <span key={m} className="field-errors">{m}</span>)}
      </label>
      <label>
        Price (USD)
        <input type="number" min={0} step="0.01" value={price} onChange={(e) => setPrice(e.target.value)} />
        {err("price").map((m) => <span key={m} className="field-errors">{m}</span>)}
      </label>
      <button type="submit" disabled={!name || create.isPending}>
        Add service
      </button>
    </form>
  );
}
