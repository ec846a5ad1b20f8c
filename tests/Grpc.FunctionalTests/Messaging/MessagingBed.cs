extern alias client;

using System.Net.Http.Json;
using System.Text.Json;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Messaging.V1;
using PesanAI.FunctionalTests.Team;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Messaging;

/// <summary>A tenant whose number exists at the Cloud API emulator with the same token and app secret, and an agent who sends.</summary>
internal sealed record SendingTenant(string TenantId, string PhoneNumberId, Caller Agent, string AccessToken = "")
{
    public string WabaId { get; init; } = "";

    public MessagingService.MessagingServiceClient Messaging => new(Agent.Channel);

    public TemplateService.TemplateServiceClient Templates => new(Agent.Channel);

    public ConversationService.ConversationServiceClient Conversations => new(Agent.Channel);
}

internal sealed class MessagingBed(PesanAiApp app)
{
    public TeamBuilder Team { get; } = new(app);

    /// <summary>A tenant and its number; <paramref name="throughputAtMeta"/> sets the number's messages per second at the emulator.</summary>
    public async Task<SendingTenant> TenantAsync(string name = "Toko Kirim", int? throughputAtMeta = null, bool tokenExpiredAtMeta = false)
    {
        var tenant = await Team.Tenant(name);
        var registration = TenantLifecycleTests.Registration(tenant.Id, TenantLifecycleTests.NewPhoneNumberId());
        registration.AccessToken = "EAAG" + Guid.NewGuid().ToString("N");
        registration.WabaId = TenantLifecycleTests.NewPhoneNumberId();
        registration.AppSecret = "app-secret-" + Guid.NewGuid().ToString("N");
        registration.VerifyToken = "verify-" + Guid.NewGuid().ToString("N");
        using var emulator = app.Emulator();
        (await emulator.PostAsJsonAsync("/_emulator/numbers", new
        {
            phone_number_id = registration.PhoneNumberId,
            display_phone_number = registration.DisplayPhoneNumber,
            waba_id = registration.WabaId,
            access_token = tokenExpiredAtMeta ? "EAAG-renewed-" + Guid.NewGuid().ToString("N") : registration.AccessToken,
            app_secret = registration.AppSecret,
            throughput_per_second = throughputAtMeta,
        })).EnsureSuccessStatusCode();
        await Team.Operator.RegisterPhoneNumberAsync(registration);
        var agent = await Team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Agent);
        return new SendingTenant(tenant.Id, registration.PhoneNumberId, agent, registration.AccessToken) { WabaId = registration.WabaId };
    }

    /// <summary>
    /// The customer writes through the emulator (which posts Meta's signed webhook to PesanAI); returns the wamid once the
    /// message is stored (processed after the acknowledgement).
    /// </summary>
    public async Task<string> CustomerWritesAsync(SendingTenant tenant, string waId, string text, DateTimeOffset? at = null, string? userId = null, string profileName = "Sari")
    {
        using var emulator = app.Emulator();
        var simulated = new Dictionary<string, object>
        {
            ["phone_number_id"] = tenant.PhoneNumberId,
            ["from"] = waId,
            ["profile_name"] = profileName,
            ["type"] = "text",
            ["text"] = new { body = text },
            ["timestamp"] = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
        };
        if (userId is not null)
        {
            simulated["user_id"] = userId;
        }

        using var response = await emulator.PostAsJsonAsync("/_emulator/simulate", simulated);
        response.EnsureSuccessStatusCode();
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, reply.RootElement.GetProperty("webhook_status").GetInt32());
        await app.UntilInboundProcessedAsync();
        return reply.RootElement.GetProperty("wamid").GetString()!;
    }

    /// <summary>
    /// Meta gives the customer a new business-scoped user id (a changed phone number): the emulator posts the
    /// <c>user_changed_user_id</c> system message; returns once PesanAI has processed it.
    /// </summary>
    public async Task UserIdChangesAsync(SendingTenant tenant, string previousUserId, string userId)
    {
        using var emulator = app.Emulator();
        using var response = await emulator.PostAsJsonAsync(
            "/_emulator/simulate/user-id-change",
            new { phone_number_id = tenant.PhoneNumberId, previous_user_id = previousUserId, user_id = userId, profile_name = "Sari" });
        response.EnsureSuccessStatusCode();
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, reply.RootElement.GetProperty("webhook_status").GetInt32());
        await app.UntilInboundProcessedAsync();
    }

    /// <summary>The emulator's record of accepted sends (optionally to one customer).</summary>
    public async Task<JsonElement> EmulatorMessagesAsync(SendingTenant tenant, string? to = null)
    {
        using var emulator = app.Emulator();
        var json = await emulator.GetStringAsync($"/_emulator/messages?phone_number_id={tenant.PhoneNumberId}" + (to is null ? "" : $"&to={to}"));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>Polls GetMessage until the message satisfies <paramref name="done"/> (bounded: 15 s).</summary>
    public static async Task<Message> UntilAsync(SendingTenant tenant, string messageId, Func<Message, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var message = await tenant.Messaging.GetMessageAsync(new GetMessageRequest { MessageId = messageId });
            if (done(message) || DateTimeOffset.UtcNow > deadline)
            {
                return message;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Registers a template and waits until Meta (the emulator) approved it by webhook.</summary>
    public static async Task<Template> ApprovedTemplateAsync(
        SendingTenant tenant, string name, TemplateCategory category, string body, string? header = null, string language = "id")
    {
        var request = new RegisterTemplateRequest { PhoneNumberId = tenant.PhoneNumberId, Name = name, Language = language, Category = category };
        if (header is not null)
        {
            request.Components.Add(new TemplateComponent { Type = "HEADER", Format = "TEXT", Text = header });
        }

        request.Components.Add(new TemplateComponent { Type = "BODY", Text = body });
        await tenant.Templates.RegisterTemplateAsync(request);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var listed = (await tenant.Templates.ListTemplatesAsync(new ListTemplatesRequest { PhoneNumberId = tenant.PhoneNumberId })).Templates
                .Single(t => t.Name == name && t.Language == language);
            if (listed.Status == TemplateStatus.Approved || DateTimeOffset.UtcNow > deadline)
            {
                return listed;
            }

            await Task.Delay(50);
        }
    }

    public static SendMessageRequest TemplateTo(SendingTenant tenant, string to, string name, params string[] bodyParameters) => new()
    {
        PhoneNumberId = tenant.PhoneNumberId,
        To = to,
        Template = new TemplateContent { Name = name, Language = "id", BodyParameters = { bodyParameters } },
    };

    public static SendMessageRequest Text(SendingTenant tenant, string to, string body, string? requestId = null) => new()
    {
        PhoneNumberId = tenant.PhoneNumberId,
        To = to,
        Text = new TextContent { Body = body },
        RequestId = requestId ?? string.Empty,
    };
}
