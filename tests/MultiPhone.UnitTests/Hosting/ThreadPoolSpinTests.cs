using System.Text.Json;

namespace MultiPhone.UnitTests.Hosting;

public sealed class ThreadPoolSpinTests
{
    /// <summary>
    /// Idle thread-pool threads must block at once instead of spinning for work on the cores the app shares (with the
    /// Functions host, and locally with the emulators). The setting lives in each process's own runtimeconfig.json:
    /// the app's (src/Functions) does not reach the dev-data host's, the process run.sh and the benchmarks start.
    /// </summary>
    [Theory]
    [InlineData("MultiPhone.Functions")]
    [InlineData("MultiPhone.DevData")]
    public void IdleThreadPoolThreadsDoNotSpin(string app)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, $"{app}.runtimeconfig.json")));

        var settings = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(settings.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spinLimit), $"{app} has no spin limit");
        Assert.Equal(0, spinLimit.GetInt32());
    }
}
