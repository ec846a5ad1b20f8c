using System.Net;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PesanAI.Application;
using PesanAI.Application.Audit;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Host.Auth;
using PesanAI.Host.Decoding;
using PesanAI.Host.Interceptors;
using PesanAI.Host.Mapping;
using PesanAI.Host.Services;
using PesanAI.Host.Webhooks;
using PesanAI.Infrastructure;

namespace PesanAI.Host.Hosting;

/// <summary>The composition root: two listeners (gRPC over h2c, HTTP/1.1 for tokens and webhooks) and every layer.</summary>
public static class PesanAiHost
{
    /// <summary>Every unary call gets this deadline unless the client sets a shorter one.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The request-timeout policy of audit replays: long streams, still bounded.</summary>
    public const string ReplayTimeoutPolicy = "audit-replay";

    public static readonly TimeSpan ReplayTimeout = TimeSpan.FromMinutes(15);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        var settings = HostSettings.From(builder.Configuration);
        settings.EnsureSafeFor(builder.Environment);
        builder.Services.AddSingleton(settings);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = IPAddress.Parse(settings.ListenAddress);
            kestrel.Listen(address, settings.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, settings.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });

        builder.Services.AddApplication();
        builder.Services.AddInfrastructure(builder.Configuration);
        builder.Services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CreateTenant)];
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>), typeof(DataAccessBehavior<,>)];
        });

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICurrentActor, HttpCurrentActor>();
        builder.Services.AddPesanAiAuth(settings);
        builder.Services.AddSettings<WebhookOptions>();
        builder.Services.AddHostedService<RawWebhookRetention>();
        builder.Services.AddSingleton(sp => new Application.Privacy.RetentionLimits(
            TimeSpan.FromDays(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.RawWebhookRetentionDays)));
        builder.Services.AddSingleton<InboundProcessor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboundProcessor>());
        builder.Services.AddSingleton<InboundBacklogMonitor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InboundBacklogMonitor>());

        builder.Services.AddProtoMapping();
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<ExceptionInterceptor>();
            options.MaxReceiveMessageSize = 4 * 1024 * 1024;
            options.MaxSendMessageSize = 16 * 1024 * 1024;
            options.EnableDetailedErrors = false;
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks(options =>
            {
                // The node's own status leaves the ingest lag out: a lagging processor does not stop this node serving.
                options.Services.Map(string.Empty, check => !check.Tags.Contains(InboundLagHealthCheck.Tag));
                options.Services.Map(InboundLagHealthCheck.ServiceName, check => check.Tags.Contains(InboundLagHealthCheck.Tag));
            })
            .AddCheck<PostgresHealthCheck>("postgres")
            .AddCheck<InboundLagHealthCheck>("inbound-lag", tags: [InboundLagHealthCheck.Tag]);

        // After every AddGrpc* call: each may register grpc-dotnet's binder again.
        builder.Services.AddCheckedRequestDecoding();
        builder.Services.AddRequestTimeouts(options =>
        {
            options.DefaultPolicy = new RequestTimeoutPolicy { Timeout = DefaultCallTimeout };
            options.AddPolicy(ReplayTimeoutPolicy, ReplayTimeout);
        });

        var app = builder.Build();
        app.UseRequestTimeouts();
        app.UseMiddleware<StorageOutageMiddleware>();
        app.UseWhen(
            context => context.Request.Path.Equals(TokenEndpoint.Path, StringComparison.Ordinal),
            token => token.Use(token.ApplicationServices.GetRequiredService<TokenFailureLimit>().InvokeAsync));
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapTokenEndpoint();
        app.MapWhatsAppWebhooks();
        app.MapGrpcService<TenantGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<ConversationGrpcService>();
        app.MapGrpcService<MediaGrpcService>();
        app.MapGrpcService<ConsentGrpcService>();
        app.MapGrpcService<MessagingGrpcService>();
        app.MapGrpcService<TemplateGrpcService>();
        app.MapGrpcService<KnowledgeGrpcService>();
        app.MapGrpcService<AutomationGrpcService>();
        app.MapGrpcService<InboundGrpcService>();
        app.MapGrpcService<PrivacyGrpcService>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        return app;
    }
}
