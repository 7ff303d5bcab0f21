using MultiPhone.PhoneNumbers;
using MultiPhone.Realtime;

namespace MultiPhone.Functions.Realtime;

/// <summary>
/// Who may listen to a channel, decided like the REST routes decide who may read what it carries: members of a
/// business (any role) its channels; voice agents the voice and hours of any phone, as they read any phone's
/// configuration. Everything else is the same 404 as a channel that does not exist.
/// </summary>
public sealed class ChannelAccess(PhoneNumberStore phones)
{
    /// <param name="caller">Who asks.</param>
    /// <param name="channel">What they ask for.</param>
    /// <param name="businessId">For phone channels, the phone's business; needed only by callers with a platform role (no memberships to search).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<Result<bool>> AuthorizeAsync(Caller caller, Channel channel, string? businessId, CancellationToken ct)
    {
        if (!channel.IsPhone)
        {
            return caller.RoleIn(channel.Id) is not null ? true : NotFound(channel);
        }
        var agentMayListen = caller.PlatformRoles.Contains(PlatformRoles.VoiceAgent) && channel.Declaration.VoiceAgentsMayListen;
        var candidates = businessId is not null ? [businessId] : caller.Businesses.Keys.ToArray();
        foreach (var candidate in candidates.Where(b => agentMayListen || caller.RoleIn(b) is not null))
        {
            if (await phones.GetAsync(candidate, channel.Id, ct) is { Item.State: PhoneState.Ready })
            {
                return true;
            }
        }
        return NotFound(channel);
    }

    private static Problem NotFound(Channel channel) => Problem.NotFound(
        $"Channel '{channel}' was not found. Phone channels are looked up in your businesses; callers with a platform role name the phone's business in businessId.");
}
