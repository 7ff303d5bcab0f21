using System.Diagnostics;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>
/// A local emulator of a test's own: started, its output read until it says where it listens, then drained so a full
/// pipe never blocks it; killed with everything it started on dispose.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _drain;

    private EmulatorProcess(Process process, Task drain) => (_process, _drain) = (process, drain);

    /// <summary>
    /// Starts <paramref name="start"/> (its output redirected here) and feeds <paramref name="ready"/> each line of its
    /// output until it returns what the caller needs to reach the emulator.
    /// </summary>
    public static async Task<(EmulatorProcess Process, T Ready)> StartAsync<T>(ProcessStartInfo start, string name, TimeSpan timeout, Func<string, T?> ready)
        where T : class
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        try
        {
            using var patience = new CancellationTokenSource(timeout);
            T? result = null;
            while (result is null)
            {
                var line = await process.StandardOutput.ReadLineAsync(patience.Token)
                    ?? throw new InvalidOperationException($"{name} exited: " + await process.StandardError.ReadToEndAsync());
                result = ready(line);
            }
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            return (new EmulatorProcess(process, drain), result);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops the process where it is (SIGSTOP): its ports stay open and the kernel still accepts connections, but
    /// nothing answers, as with a server that hangs. Always <see cref="ResumeAsync"/> in a finally.
    /// </summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>Lets a paused process go on (SIGCONT): it then reads what waited on its sockets.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} exited with {kill.ExitCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        await _drain;
        _process.Dispose();
    }
}
