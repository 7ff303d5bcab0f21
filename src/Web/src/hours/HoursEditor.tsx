import { fieldErrors } from "../api/problem";
import { ToggleSetting } from "../components/controls";
import { Field } from "../components/Field";
import { SectionFrame } from "../components/SectionFrame";
import { useSectionEditor } from "../settings/useSectionEditor";
import type { EditorProps } from "../editors/editorProps";
import { describeDay, describeSpecial, days, fromWeek, toWeek, type SpecialDay, type WeeklyPeriod } from "./hoursModel";
import { HolidayImport } from "./HolidayImport";
import { HoursPreview } from "./HoursPreview";
import { SpecialDaysList } from "./SpecialDaysList";
import { WeeklyGrid } from "./WeeklyGrid";

const summarizeWeek = (value: unknown) => {
  const week = toWeek(value as WeeklyPeriod[]);
  return days.map((day) => `${day.slice(0, 3)} ${describeDay(week[day])}`).join("; ");
};
const summarizeList = (value: unknown) => ((value as SpecialDay[] | undefined) ?? []).map(describeSpecial).join("; ") || "none";

export function HoursEditor({ businessId, phoneId, canEdit, status, timezone }: EditorProps & { timezone?: string }) {
  const editor = useSectionEditor(businessId, phoneId, "hours");
  const errors = editor.problem?.errors;
  return (
    <div className="hours-layout">
      <SectionFrame
        editor={editor}
        canEdit={canEdit}
        status={status}
        description={timezone ? `When this location is open. Times are in its time zone, ${timezone}.` : "When locations are open, each in its own time zone."}
      >
        <ToggleSetting path="alwaysOpen" label="Open 24/7" hint="Special dates and holidays still apply." />
        <Field group path="weekly" label="Weekly hours" format={summarizeWeek}>
          {({ value, set, readOnly }) => {
            const list = (value as WeeklyPeriod[] | null) ?? [];
            return (
              <WeeklyGrid
                week={toWeek(list)}
                readOnly={readOnly}
                onChange={(week) => set(fromWeek(week))}
                errorsOf={(day, i) => {
                  // Errors name the API's list index; the grid shows periods by day.
                  const period = toWeek(list)[day][i];
                  const index = list.findIndex((p) => p.day === day && p.open === period?.open && p.close === period?.close);
                  return index < 0 ? [] : fieldErrors(errors, `weekly[${index}]`, true);
                }}
              />
            );
          }}
        </Field>
        <Field group path="specialDays" label="Special dates" hint="One-off hours or closures; on their dates they win over holidays and the usual week." format={summarizeList}>
          {({ value, set, readOnly }) => <SpecialDaysList list={(value as SpecialDay[] | null) ?? []} path="specialDays" noun="special date" onChange={set} readOnly={readOnly} />}
        </Field>
        <Field group path="holidays" label="Holiday calendar" hint="Usually set once for the business; a location can override it." format={summarizeList}>
          {({ value, set, readOnly }) => {
            const list = (value as SpecialDay[] | null) ?? [];
            return (
              <>
                <SpecialDaysList list={list} path="holidays" noun="holiday" onChange={set} readOnly={readOnly} />
                {!readOnly && <HolidayImport existing={list} onAdd={(added) => set([...list, ...added])} />}
              </>
            );
          }}
        </Field>
      </SectionFrame>
      {phoneId && timezone && editor.server && <HoursPreview businessId={businessId} phoneId={phoneId} timezone={timezone} version={editor.server.version} />}
    </div>
  );
}
