using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PesanAI.Host.Hosting;

namespace PesanAI.Bench;

/// <summary>The real server (<see cref="PesanAiHost.Build"/>, Production environment) in this process, its warnings counted.</summary>
internal sealed class InProcessServer(WebApplication app) : IAsyncDisposable
{
    public static async Task<InProcessServer> StartAsync(ServerConfig config, ServerLog log)
    {
        ArgumentNullException.ThrowIfNull(config);
        var app = PesanAiHost.Build(["--environment", "Production"], builder =>
        {
            builder.Logging.ClearProviders().AddProvider(log);
            builder.Configuration.AddInMemoryCollection(config.Settings());
        });
        await app.StartAsync();
        return new InProcessServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
