extern alias client;

using System.Globalization;
using client::PesanAI.Client;
using client::PesanAI.Protos.Media.V1;
using client::PesanAI.Protos.Messaging.V1;
using client::PesanAI.Protos.Tenants.V1;
using Grpc.Net.Client;

namespace PesanAI.Bench;

/// <summary>A number as both ends know it: registered at PesanAI and created at the emulator with the same token and app secret.</summary>
internal sealed record BenchNumber(string PhoneNumberId, string DisplayPhoneNumber, string WabaId, string AccessToken, string AppSecret)
{
    public static BenchNumber Create() => new(
        "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(CultureInfo.InvariantCulture),
        "+6281234567890",
        "1" + Random.Shared.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(CultureInfo.InvariantCulture),
        "EAAG-bench-" + Guid.NewGuid().ToString("N"),
        "bench-app-secret-" + Guid.NewGuid().ToString("N"));
}

/// <summary>
/// A tenant's partner backend: onboarded by the operator over gRPC (tenant, number, an application credential with
/// messages.send and conversations.read), calling through src/Client with its own token on one channel.
/// </summary>
internal sealed class Partner(string tenantId, BenchNumber number, GrpcChannel channel, HttpClient tokenHttp) : IDisposable
{
    public string TenantId { get; } = tenantId;

    public BenchNumber Number { get; } = number;

    public MessagingService.MessagingServiceClient Messaging { get; } = new(channel);

    public TemplateService.TemplateServiceClient Templates { get; } = new(channel);

    public MediaService.MediaServiceClient Media { get; } = new(channel);

    /// <summary>Distinct customers' wa_ids (Indonesian mobile numbers), the same in every run.</summary>
    public static IReadOnlyList<string> WaIds(int count) =>
        [.. Enumerable.Range(0, count).Select(i => "62811" + i.ToString("D8", CultureInfo.InvariantCulture))];

    /// <summary>A tenant with one number; <paramref name="level"/> (STANDARD or HIGH) is the number's throughput level at Meta.</summary>
    public static async Task<Partner> OnboardAsync(ServerConfig config, Emulator emulator, int metaThroughput, string? level = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(emulator);
        var number = BenchNumber.Create();
        await emulator.AddNumberAsync(number, metaThroughput);
        if (level is not null)
        {
            await emulator.SetLevelAsync(number.PhoneNumberId, level, metaThroughput);
        }

        using var operatorHttp = new HttpClient();
        using var operatorChannel = Connect(config, operatorHttp, ServerConfig.OperatorClientId, ServerConfig.OperatorClientSecret, ["platform"]);
        var tenants = new TenantService.TenantServiceClient(operatorChannel);
        var tenant = await tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Bench Kirim" });
        await tenants.RegisterPhoneNumberAsync(new RegisterPhoneNumberRequest
        {
            TenantId = tenant.Id,
            PhoneNumberId = number.PhoneNumberId,
            DisplayPhoneNumber = number.DisplayPhoneNumber,
            WabaId = number.WabaId,
            AccessToken = number.AccessToken,
            AppSecret = number.AppSecret,
            VerifyToken = "bench-verify-" + Guid.NewGuid().ToString("N"),
            Label = "Bench",
        });
        var credential = await tenants.CreateCredentialAsync(new CreateCredentialRequest
        {
            TenantId = tenant.Id,
            Kind = CredentialKind.Application,
            Scopes = { "messages.send", "conversations.read" },
            DisplayName = "bench partner backend",
        });
        var http = new HttpClient();
        var channel = Connect(config, http, credential.Credential.ClientId, credential.ClientSecret, ["messages.send", "conversations.read"]);
        return new Partner(tenant.Id, number, channel, http);
    }

    /// <summary>Each customer writes once through the emulator (Meta's signed webhook to PesanAI): the window is open at both ends.</summary>
    public async Task CustomersWriteAsync(Emulator emulator, IReadOnlyList<string> waIds)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(waIds);
        var timings = await LoadRunner.RunAsync(waIds.Count, 8, i => emulator.CustomerWritesAsync(Number.PhoneNumberId, waIds[i]));
        if (timings.Failed.Count > 0)
        {
            throw new InvalidOperationException($"{timings.Failed.Count} customer message(s) were not stored by PesanAI.");
        }

        Out.Line($"customers:  {waIds.Count:N0} wrote first through the emulator (window open) in {timings.Elapsed.TotalSeconds:0.0} s");
    }

    public SendMessageRequest Text(string to, string body, string? requestId = null) => new()
    {
        PhoneNumberId = Number.PhoneNumberId,
        To = to,
        Text = new TextContent { Body = body },
        RequestId = requestId ?? string.Empty,
    };

    public void Dispose()
    {
        channel.Dispose();
        tokenHttp.Dispose();
    }

    private static GrpcChannel Connect(ServerConfig config, HttpClient http, string clientId, string secret, string[] scopes) =>
        PesanAiChannel.Create(
            new PesanAiClientOptions
            {
                GrpcAddress = config.GrpcAddress,
                TokenEndpointBase = config.HttpAddress,
                ClientId = clientId,
                ClientSecret = secret,
                Scopes = scopes,
            },
            http);
}
