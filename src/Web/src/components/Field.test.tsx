import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { getPath, type Source } from "../settings/inheritance";
import type { SectionEditorState } from "../settings/useSectionEditor";
import { TextSetting } from "./controls";
import { ReadOnlyContext, SectionContext } from "./SectionContext";

// A phone's voice section as the editor hook would present it: the agent name overridden, the greeting inherited.
function editor(problemErrors?: Record<string, string[]>): SectionEditorState {
  const own = { agentName: "Mia" };
  const defaults = { agentName: "Ava", greeting: "Hello from the business" };
  const sources: Record<string, Source> = { agentName: "phone", greeting: "business" };
  return {
    layer: "phone",
    section: "voice",
    server: { own, effective: { ...defaults, ...own }, sources, version: 3, updatedAt: null },
    problem: problemErrors ? { type: "urn:multiphone:problem:validation", status: 400, errors: problemErrors } : null,
    own: (path: string) => getPath(own, path),
    inherited: (path: string) => getPath(defaults, path),
    source: (path: string) => sources[path],
    setField: () => {},
    resetField: () => {},
  } as unknown as SectionEditorState;
}

function renderFields(state: SectionEditorState, readOnly = false) {
  render(
    <SectionContext.Provider value={state}>
      <ReadOnlyContext.Provider value={readOnly}>
        <TextSetting path="agentName" label="Agent name" />
        <TextSetting path="greeting" label="Greeting" />
      </ReadOnlyContext.Provider>
    </SectionContext.Provider>,
  );
}

describe("a setting's inheritance display", () => {
  afterEach(cleanup);

  it("shows an overridden value with the default beside it and a reset", () => {
    renderFields(editor());

    const name = screen.getByRole("textbox", { name: "Agent name" });
    expect(name).toHaveProperty("value", "Mia");
    expect(name.getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText("Overridden for this location. Default: Ava")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reset to default: Agent name" })).toBeTruthy();
  });

  it("shows an inherited value as the effective one, with where it comes from and no reset", () => {
    renderFields(editor());

    expect(screen.getByRole("textbox", { name: "Greeting" })).toHaveProperty("value", "Hello from the business");
    expect(screen.getByText("Inherited from business defaults. Change it to override.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Reset to default: Greeting" })).toBeNull();
  });

  it("puts the API's messages at the field they name and marks it invalid", () => {
    renderFields(editor({ greeting: ["At most 1000 characters."] }));

    const greeting = screen.getByRole("textbox", { name: "Greeting" });
    expect(greeting.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("At most 1000 characters.")).toBeTruthy();
    expect(screen.getByRole("textbox", { name: "Agent name" }).getAttribute("aria-invalid")).toBe("false");
  });

  it("offers no reset to a viewer", () => {
    renderFields(editor(), true);

    expect(screen.queryByRole("button", { name: /Reset/ })).toBeNull();
    expect(screen.getByText("Inherited from business defaults.")).toBeTruthy();
  });
});
