using System.Diagnostics;
using System.Globalization;

namespace MultiPhone.Bench;

/// <summary>
/// Samples another process's resident memory (VmRSS in /proc) every few seconds while a soak runs: what the host
/// pays for, whatever the GC's own figures say.
/// </summary>
internal sealed class ProcessMemory : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private readonly int _pid;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly List<(TimeSpan At, long Bytes)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private ProcessMemory(int pid)
    {
        _pid = pid;
        _sampling = SampleAsync();
    }

    /// <summary>Starts sampling <paramref name="pid"/>, or nothing when no process was named.</summary>
    public static ProcessMemory? Start(int? pid) => pid is { } id ? new ProcessMemory(id) : null;

    /// <summary>The last sample taken at or before <paramref name="at"/> since sampling started (the first when none).</summary>
    public long At(TimeSpan at)
    {
        lock (_samples)
        {
            return _samples.LastOrDefault(s => s.At <= at, _samples[0]).Bytes;
        }
    }

    public long Now => ResidentBytes(_pid);

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                var sample = (Stopwatch.GetElapsedTime(_started), ResidentBytes(_pid));
                lock (_samples)
                {
                    _samples.Add(sample);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
