extern alias client;

using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using client::PesanAI.Protos.Conversations.V1;
using PesanAI.FunctionalTests.Team;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>A tenant with a registered number, an agent who reads its conversations, and Meta's side of the webhook.</summary>
internal sealed record InboundTenant(string TenantId, string PhoneNumberId, string AppSecret, string VerifyToken, Caller Agent)
{
    public ConversationService.ConversationServiceClient Conversations => new(Agent.Channel);
}

internal sealed class InboundBed(PesanAiApp app)
{
    public TeamBuilder Team { get; } = new(app);

    public async Task<InboundTenant> TenantAsync(string name = "Toko Masuk")
    {
        var tenant = await Team.Tenant(name);
        var phoneNumberId = TenantLifecycleTests.NewPhoneNumberId();
        var appSecret = "app-secret-" + Guid.NewGuid().ToString("N");
        var verifyToken = "verify-" + Guid.NewGuid().ToString("N");
        var registration = TenantLifecycleTests.Registration(tenant.Id, phoneNumberId);
        registration.AppSecret = appSecret;
        registration.VerifyToken = verifyToken;
        await Team.Operator.RegisterPhoneNumberAsync(registration);
        var agent = await Team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Agent);
        return new InboundTenant(tenant.Id, phoneNumberId, appSecret, verifyToken, agent);
    }

    /// <summary>POSTs a body as Meta does: signed with the app secret over the exact bytes.</summary>
    public async Task<HttpResponseMessage> PostAsync(string body, string? appSecret, string contentType = "application/json", string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return await PostBytesAsync(bytes, appSecret, contentType, signature);
    }

    /// <summary>
    /// POSTs the bytes and, when the webhook was acknowledged, waits until the processor has turned it into events (see
    /// <see cref="InboundQueueProbe"/>), so that what it stored can be read at once.
    /// </summary>
    public async Task<HttpResponseMessage> PostBytesAsync(byte[] bytes, string? appSecret, string contentType = "application/json", string? signature = null)
    {
        var response = await AcknowledgeAsync(bytes, appSecret, contentType, signature);
        if (response.IsSuccessStatusCode)
        {
            await new InboundQueueProbe(app).UntilProcessedAsync(bytes);
        }

        return response;
    }

    /// <summary>POSTs the bytes and returns Meta's answer, without waiting for the processor.</summary>
    public async Task<HttpResponseMessage> AcknowledgeAsync(byte[] bytes, string? appSecret, string contentType = "application/json", string? signature = null)
    {
        using var http = app.Http();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        signature ??= appSecret is null ? null : "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), bytes));
        if (signature is not null)
        {
            content.Headers.Add("X-Hub-Signature-256", signature);
        }

        return await http.PostAsync("/webhooks/whatsapp", content);
    }

    public static string NewWamid() => "wamid.HBgL" + Guid.NewGuid().ToString("N").ToUpperInvariant();

    public static string NewWaId() => "628" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
