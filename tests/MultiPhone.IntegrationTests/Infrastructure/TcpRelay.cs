using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MultiPhone.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of the app, so a test can cut every connection through it, as a network drop
/// would, while the app itself keeps running.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _pairs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly int _targetPort;

    public TcpRelay(Uri target)
    {
        _targetPort = target.Port;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Closes every connection that goes through the relay; new ones are relayed again.</summary>
    public void DropAll()
    {
        foreach (var (inbound, outbound) in _pairs)
        {
            inbound.Client?.Close(0);
            outbound.Client?.Close(0);
            _pairs.TryRemove(inbound, out _);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var outbound = new TcpClient();
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            _pairs[inbound] = outbound;
            _ = PumpAsync(inbound, outbound);
        }
    }

    private async Task PumpAsync(TcpClient inbound, TcpClient outbound)
    {
        try
        {
            await Task.WhenAny(
                inbound.GetStream().CopyToAsync(outbound.GetStream(), _stop.Token),
                outbound.GetStream().CopyToAsync(inbound.GetStream(), _stop.Token));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // A dropped or finished connection: either side closing ends the pair.
        }
        finally
        {
            _pairs.TryRemove(inbound, out _);
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        await _accepting;
        _stop.Dispose();
    }
}
