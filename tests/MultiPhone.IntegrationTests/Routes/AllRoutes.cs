namespace MultiPhone.IntegrationTests.Routes;

/// <summary>Every business-scoped route. <c>EveryBusinessRouteHasACase</c> fails when a mapped route is missing here.</summary>
public static class AllRoutes
{
    public static IEnumerable<RouteCase> Cases =>
    [
        .. BusinessRoutes.All,
        .. StaffRoutes.All,
        .. ServiceRoutes.All,
        .. SettingsRoutes.All,
        .. BusinessLevelRoutes.All,
        .. HistoryRoutes.All,
        .. ScheduledChangeRoutes.All,
        .. BulkEditRoutes.All,
    ];

    /// <summary>Case names (<c>METHOD pattern</c>), so each route shows as its own test.</summary>
    public static TheoryData<string> Names() => [.. Cases.Select(c => c.ToString())];

    public static TheoryData<string> NamesWithBody() => [.. Cases.Where(c => c.Method is "POST" or "PUT").Select(c => c.ToString())];

    public static RouteCase Get(string name) => Cases.Single(c => c.ToString() == name);
}
