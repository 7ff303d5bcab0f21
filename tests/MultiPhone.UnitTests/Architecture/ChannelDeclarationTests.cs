using System.Text.RegularExpressions;
using MultiPhone.Realtime;

namespace MultiPhone.UnitTests.Architecture;

/// <summary>
/// Channels are declared once, in <see cref="Channel.Declarations"/>; the console and the agent client write channel
/// names themselves, so these tests hold their names to the declarations.
/// </summary>
public sealed partial class ChannelDeclarationTests
{
    [Fact]
    public void EveryChannelTheConsoleNamesIsDeclared()
    {
        var types = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Web", "src", "realtime", "types.ts"));
        var templates = ConsoleChannels().Matches(ChannelsObject().Match(types).Value).Select(m => m.Groups["template"].Value).ToList();

        Assert.NotEmpty(templates);
        Assert.All(templates, template => AssertDeclared(Regex.Replace(template, @"\$\{\w+\}", "id-1")));
    }

    [Fact]
    public void TheAgentClientFollowsEveryChannelVoiceAgentsMayListenTo()
    {
        var client = File.ReadAllText(Path.Combine(RepoRoot(), "src", "AgentClient", "VoiceAgentConfig.cs"));
        var topics = AgentTopics().Match(client).Groups["topics"].Value.Split(',').Select(t => t.Trim().Trim('"')).ToList();
        var forAgents = Channel.Declarations.Where(d => d.VoiceAgentsMayListen).Select(d => d.Format("id-1"));

        Assert.Equal(forAgents.Order(), topics.Select(t => $"phone:id-1:{t}").Order());
        Assert.All(topics, t => AssertDeclared($"phone:id-1:{t}"));
    }

    [Theory]
    [InlineData("business:b-1", ChannelKind.Business)]
    [InlineData("phone:p-1:settings", ChannelKind.PhoneSettings)]
    [InlineData("phone:p-1:voice", ChannelKind.PhoneVoice)]
    [InlineData("phone:p-1:hours", ChannelKind.PhoneHours)]
    public void EveryDeclaredChannelReadsBackAsItIsWritten(string text, ChannelKind kind)
    {
        Assert.True(Channel.TryParse(text, out var channel));
        Assert.Equal((kind, text), (channel.Value.Kind, channel.Value.ToString()));
    }

    [Theory]
    [InlineData("business:b-1\n")]
    [InlineData("business:b-1:voice")]
    [InlineData("phone:p-1")]
    [InlineData("phone:p-1:staff")]
    [InlineData("team:t-1")]
    public void UndeclaredChannelsDoNotParse(string text) => Assert.False(Channel.TryParse(text, out _));

    private static void AssertDeclared(string text) =>
        Assert.True(Channel.TryParse(text, out var channel) && channel.Value.ToString() == text, $"'{text}' is not a declared channel");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MultiPhone.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("MultiPhone.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"export const channels = \{.*?\n\};", RegexOptions.Singleline)]
    private static partial Regex ChannelsObject();

    [GeneratedRegex(@"\w+: \(\w+: string\) => `(?<template>[^`]*)`")]
    private static partial Regex ConsoleChannels();

    [GeneratedRegex(@"Topics = \[(?<topics>[^\]]*)\]")]
    private static partial Regex AgentTopics();
}
