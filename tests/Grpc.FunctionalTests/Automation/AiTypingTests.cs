extern alias client;

using System.Text.Json;
using client::PesanAI.Protos.Automation.V1;
using client::PesanAI.Protos.Conversations.V1;
using client::PesanAI.Protos.Knowledge.V1;
using Google.Protobuf.WellKnownTypes;
using PesanAI.FunctionalTests.Messaging;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Automation;

/// <summary>
/// While a slow external provider thinks, the customer sees "typing…" (Meta's read receipt with a typing indicator on
/// their message); the embedded responder answers at once and shows none.
/// </summary>
public sealed class AiTypingTests(AiTypingTests.PrivateNetworkApp fixture) : IClassFixture<AiTypingTests.PrivateNetworkApp>
{
    private const string ModelReply = "Ongkir ke Surabaya Rp15.000 ya, kak.";

    private readonly MessagingBed _bed = new(fixture.App);

    [Fact]
    public async Task While_a_slow_external_provider_thinks_the_customer_sees_typing_before_the_reply()
    {
        var tenant = await _bed.TenantAsync();
        JsonElement? typingSeen = null;

        // The provider answers only once the typing indicator has reached Meta (the emulator).
        await using var provider = await SlowChatServer.StartAsync(async ct => typingSeen = await TypingReadAsync(tenant, ct), ModelReply);
        await ShopAsync(tenant, settings =>
        {
            settings.Provider = AiProvider.OpenaiCompatible;
            settings.BaseUrl = provider.V1;
            settings.Model = "gpt-slow";
            settings.AllowExternalProcessing = true;
            settings.Timeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(30));
        });
        var customer = Inbound.InboundBed.NewWaId();

        var wamid = await _bed.CustomerWritesAsync(tenant, customer, "berapa ongkos kirim ke Surabaya?");
        var reply = await AiReplyAsync(tenant, customer);

        Assert.NotNull(reply);
        Assert.Equal(ModelReply, reply.Text);
        Assert.Equal(1, provider.Requests);
        Assert.NotNull(typingSeen);
        Assert.Equal(wamid, typingSeen.Value.GetProperty("wamid").GetString());
        var accepted = await MessagingBed.UntilAsync(tenant, reply.MessageId, m => m.SendState == SendState.Accepted);
        Assert.Equal(SendState.Accepted, accepted.SendState);
        var atMeta = Assert.Single((await _bed.EmulatorMessagesAsync(tenant, customer)).EnumerateArray()).GetProperty("request");
        Assert.Equal(ModelReply, atMeta.GetProperty("text").GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_embedded_responder_answers_without_typing()
    {
        var tenant = await _bed.TenantAsync();
        await ShopAsync(tenant, _ => { });
        var customer = Inbound.InboundBed.NewWaId();

        await _bed.CustomerWritesAsync(tenant, customer, "berapa ongkos kirim?");
        var reply = await AiReplyAsync(tenant, customer);
        Assert.NotNull(reply);
        var accepted = await MessagingBed.UntilAsync(tenant, reply.MessageId, m => m.SendState == SendState.Accepted);

        // The reply reached Meta, so any indicator would have been there before it.
        Assert.Equal(SendState.Accepted, accepted.SendState);
        Assert.Equal(0, (await ReadsAsync(tenant, CancellationToken.None)).GetArrayLength());
    }

    private async Task ShopAsync(SendingTenant tenant, Action<AiSettings> configure)
    {
        var admin = await _bed.Team.MemberCaller(tenant.TenantId, TenantsApi.MemberRole.Admin);
        await new KnowledgeService.KnowledgeServiceClient(admin.Channel).ImportEntriesAsync(new ImportEntriesRequest
        {
            Entries =
            {
                new ImportEntry { Question = "Berapa ongkos kirim?", Answer = "Ongkir mulai Rp10.000 di Jawa.", Language = "id" },
                new ImportEntry { Question = "Jam buka toko kapan?", Answer = "Toko buka Senin–Sabtu 09.00–20.00 WIB.", Language = "id" },
            },
        });
        var automation = new AutomationService.AutomationServiceClient(admin.Channel);
        var settings = await automation.GetAiSettingsAsync(new GetAiSettingsRequest());
        settings.Enabled = true;
        configure(settings);
        await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = settings });
    }

    /// <summary>The first read receipt with a typing indicator the number sent to Meta (null after 15 s).</summary>
    private async Task<JsonElement?> TypingReadAsync(SendingTenant tenant, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var typing = (await ReadsAsync(tenant, cancellationToken)).EnumerateArray().FirstOrDefault(r => r.GetProperty("typing").GetBoolean());
            if (typing.ValueKind == JsonValueKind.Object)
            {
                return typing;
            }

            await Task.Delay(50, cancellationToken);
        }

        return null;
    }

    private async Task<JsonElement> ReadsAsync(SendingTenant tenant, CancellationToken cancellationToken)
    {
        using var emulator = fixture.App.Emulator();
        var json = await emulator.GetStringAsync($"/_emulator/reads?phone_number_id={tenant.PhoneNumberId}", cancellationToken);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static async Task<Message?> AiReplyAsync(SendingTenant tenant, string customer)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var conversation = (await tenant.Conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations.FirstOrDefault(c => c.Customer.WaId == customer);
            var reply = conversation is null
                ? null
                : (await tenant.Conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages.FirstOrDefault(m => m.Origin == MessageOrigin.Ai);
            if (reply is not null || DateTimeOffset.UtcNow >= deadline)
            {
                return reply;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The host with AI providers allowed on loopback (the fake provider's address).</summary>
    public sealed class PrivateNetworkApp : IAsyncLifetime
    {
        public PesanAiApp App { get; } = new()
        {
            Settings = new Dictionary<string, string?> { [PesanAI.Infrastructure.Ai.ProviderNetworkGuard.AllowPrivateSetting] = "true" },
        };

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync();
    }
}
