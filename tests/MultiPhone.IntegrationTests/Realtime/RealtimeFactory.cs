using MultiPhone.IntegrationTests.Infrastructure;

namespace MultiPhone.IntegrationTests.Realtime;

/// <summary>
/// The app with its change feed on, as it runs for real. The agent-configuration cache keeps entries for 30 s, so a
/// voice agent that sees a change at once sees it because the change feed dropped the stale entry, not by expiry.
/// </summary>
public class RealtimeFactory : ApiFactory
{
    public Uri BaseAddress => ClientWithToken(null).BaseAddress!;

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        .. base.Settings().Where(s => s.Key is not ("Realtime:ChangeFeed" or "AgentConfig:MaxStaleness")),
        ("Realtime:ChangeFeed", "true"),
        ("AgentConfig:MaxStaleness", "00:00:30"),
    ];
}
