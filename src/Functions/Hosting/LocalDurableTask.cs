using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using MultiPhone.Migration;

namespace MultiPhone.Functions.Hosting;

/// <summary>
/// Durable orchestrations standalone. Durable Functions is a host extension, so without the host the app starts the same
/// kind of backend itself: the Durable Task gRPC sidecar (<see cref="TaskHubGrpcServer"/>, public in
/// Microsoft.DurableTask.InProcessTestHost) over the Azure Storage provider that Durable Functions uses, on the storage
/// account of <c>AzureWebJobsStorage</c> (Azurite locally), so runs survive a kill and resume on the next start. The
/// worker and the client talk to it as to any Durable Task sidecar, over a Unix socket of this process (no port to
/// collide on). Its tuning is read from host.json's <c>extensions.durableTask</c>, the section Durable Functions reads.
/// </summary>
public static class LocalDurableTask
{
    public static WebApplicationBuilder AddLocalDurableTask(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DurableTaskHostJson>()
            .Configure<IConfiguration>((settings, configuration) => DurableTaskHostJson.Read(settings, configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var socket = Path.Combine(Path.GetTempPath(), $"multiphone-durable-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                    return new NetworkStream(connection, ownsSocket: true);
                },
            },
        });
        // Registered before the worker, so the sidecar is listening when the worker connects.
        builder.Services.AddHostedService(services => new LocalDurableSidecar(
            socket, services.GetRequiredService<IOptions<DurableTaskHostJson>>().Value, services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(tasks => tasks.AddFunctionTasks());
            worker.UseGrpc(channel);
        });
        builder.Services.AddOptions<DurableTaskWorkerOptions>(Options.DefaultName).Configure<IOptions<DurableTaskHostJson>>((worker, settings) =>
        {
            worker.Concurrency.MaximumConcurrentActivityWorkItems = settings.Value.MaxConcurrentActivityFunctions;
            worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = settings.Value.MaxConcurrentOrchestratorFunctions;
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        return builder;
    }

    /// <summary>The sidecar: its own small gRPC server on the socket, over the Azure Storage orchestration service.</summary>
    private sealed class LocalDurableSidecar(string socket, DurableTaskHostJson settings, ILoggerFactory loggers) : IHostedService
    {
        private WebApplication? _server;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var service = new AzureStorageOrchestrationService(settings.ToAzureStorage(loggers));
            await service.CreateIfNotExistsAsync();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(loggers);
            builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
            // The app's own URLs (ASPNETCORE_URLS) are not this server's: it listens on the socket only.
            builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(socket, listen => listen.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            builder.Services.AddSingleton<IOrchestrationService>(service);
            builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
            builder.Services.AddSingleton<TaskHubGrpcServer>();
            _server = builder.Build();
            _server.MapGrpcService<TaskHubGrpcServer>();
            await _server.StartAsync(cancellationToken);
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_server is not null)
            {
                await _server.StopAsync(cancellationToken);
                await _server.DisposeAsync();
            }
            File.Delete(socket);
        }
    }
}
