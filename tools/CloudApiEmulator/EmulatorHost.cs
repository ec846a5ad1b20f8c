using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PesanAI.CloudApiEmulator.Customers;
using PesanAI.CloudApiEmulator.Faults;
using PesanAI.CloudApiEmulator.Health;
using PesanAI.CloudApiEmulator.Inspection;
using PesanAI.CloudApiEmulator.Media;
using PesanAI.CloudApiEmulator.Messaging;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Simulation;
using PesanAI.CloudApiEmulator.Templates;
using PesanAI.CloudApiEmulator.Webhooks;

namespace PesanAI.CloudApiEmulator;

/// <summary>Builds and starts the emulator, on its own (Program.cs) or inside a test or benchmark process.</summary>
public static class EmulatorHost
{
    public static WebApplication Build(EmulatorOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(json => EmulatorJson.Configure(json.SerializerOptions));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<NumberRegistry>();
        builder.Services.AddSingleton<CustomerBook>();
        builder.Services.AddSingleton<TemplateCatalog>();
        builder.Services.AddSingleton<TemplateWebhooks>();
        builder.Services.AddSingleton<RateLimits>();
        builder.Services.AddSingleton<Health.HealthBook>();
        builder.Services.AddSingleton<Health.HealthWebhooks>();
        builder.Services.AddSingleton<SendLog>();
        builder.Services.AddSingleton<MediaLibrary>();
        builder.Services.AddSingleton<SendPipeline>();
        builder.Services.AddSingleton<StatusScheduler>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<WebhookStats>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookDispatcher>());

        var app = builder.Build();
        var numbers = app.Services.GetRequiredService<NumberRegistry>();
        foreach (var seed in options.Numbers)
        {
            numbers.Add(seed);
        }

        // Graph's version segment (v21.0, v24.0, ...) is accepted whatever it is.
        var graph = app.MapGroup("/{version}");
        graph.MapMessagesEndpoint();
        graph.MapMediaEndpoints();
        app.MapMediaDownload();
        var admin = app.MapGroup("/_emulator");
        graph.MapTemplateEndpoints(admin);
        admin.MapNumberEndpoints();
        admin.MapHealthEndpoints();
        admin.MapCustomerEndpoints();
        admin.MapSimulateEndpoints();
        admin.MapFaultEndpoints();
        admin.MapInspectionEndpoints();
        admin.MapMediaAdminEndpoints();
        return app;
    }

    /// <summary>Starts the app and returns the address it is bound to (the real port when the URL asked for port 0).</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First());
    }
}
