using Grpc.Core;
using Grpc.Net.Client;
using PesanAI.Client;
using PesanAI.Protos.Automation.V1;
using PesanAI.Protos.Conversations.V1;
using PesanAI.Protos.Knowledge.V1;
using PesanAI.Protos.Tenants.V1;
using Conversation = PesanAI.Protos.Conversations.V1.Conversation;

namespace PesanAI.Demo;

internal sealed class DemoRun(DemoSettings settings)
{
    private static readonly string[] PartnerScopes = ["tenant.read", "knowledge.manage", "messages.send", "conversations.read", "conversations.manage"];

    private readonly HttpClient _http = new();
    private bool _ok = true;

    public async Task<bool> RunAsync()
    {
        var emulator = new Emulator(new HttpClient { BaseAddress = settings.Emulator });
        using var operatorChannel = Channel(settings.OperatorId, settings.OperatorSecret, ["platform"]);
        var tenants = new TenantService.TenantServiceClient(operatorChannel);

        Step("1. A shop, its WhatsApp number (at the Cloud API emulator), and a credential for its backend");
        var tenant = await tenants.CreateTenantAsync(new CreateTenantRequest { DisplayName = "Toko Batik Sari" });
        var number = await emulator.CreateNumberAsync();
        await tenants.RegisterPhoneNumberAsync(new RegisterPhoneNumberRequest
        {
            TenantId = tenant.Id,
            PhoneNumberId = number.PhoneNumberId,
            DisplayPhoneNumber = "+" + new string(number.DisplayPhoneNumber.Where(char.IsDigit).ToArray()),
            WabaId = number.WabaId,
            AccessToken = number.AccessToken,
            AppSecret = number.AppSecret ?? "emulator-dev-app-secret",
            VerifyToken = "demo-verify-token",
            Label = "Toko",
        });
        var credential = await tenants.CreateCredentialAsync(new CreateCredentialRequest
        {
            TenantId = tenant.Id, Kind = CredentialKind.Application, DisplayName = "shop backend", Scopes = { PartnerScopes },
        });
        Say($"   tenant {tenant.Id}, number {number.PhoneNumberId}, credential {credential.Credential.ClientId}");

        using var shop = Channel(credential.Credential.ClientId, credential.ClientSecret, PartnerScopes);
        Step("2. Its knowledge base, and the embedded AI switched on (no network, no model download)");
        var imported = await new KnowledgeService.KnowledgeServiceClient(shop).ImportEntriesAsync(new ImportEntriesRequest { Entries = { ShopKnowledge.Entries } });
        var automation = new AutomationService.AutomationServiceClient(shop);
        var ai = await automation.GetAiSettingsAsync(new GetAiSettingsRequest());
        ai.Enabled = true;
        ai.Provider = AiProvider.Embedded;
        await automation.UpdateAiSettingsAsync(new UpdateAiSettingsRequest { Settings = ai, ExpectedVersion = ai.Version });
        Say($"   {imported.EntryIds.Count} entries; AI on");

        Step("3. Customers write (through the emulator, as Meta would deliver it)");
        var conversations = new ConversationService.ConversationServiceClient(shop);
        var sari = "6281234" + Random.Shared.Next(100000, 999999);
        var budi = "6285678" + Random.Shared.Next(100000, 999999);
        await AskAsync(emulator, conversations, number.PhoneNumberId, sari, "Sari", "Halo kak, ongkirnya berapa ya?", expectReply: true);
        await AskAsync(emulator, conversations, number.PhoneNumberId, sari, "Sari", "kalau jam buka tokonya kapan?", expectReply: true);
        await AskAsync(emulator, conversations, number.PhoneNumberId, budi, "Budi", "Do you ship internationally? I'm in Singapore", expectReply: true);
        await AskAsync(emulator, conversations, number.PhoneNumberId, budi, "Budi", "Barang saya rusak, saya mau bicara dengan manusia!", expectReply: false);

        Step("4. The conversations as the shop's team sees them");
        var list = await conversations.ListConversationsAsync(new ListConversationsRequest());
        foreach (var conversation in list.Conversations.OrderBy(c => c.Customer.ProfileName))
        {
            await PrintAsync(conversations, conversation);
        }

        Step("5. Why the AI did what it did (its decision events, from WatchConversations)");
        using (var watch = conversations.WatchConversations(new WatchConversationsRequest(), deadline: DateTime.UtcNow.AddSeconds(3)))
        {
            try
            {
                while (await watch.ResponseStream.MoveNext(CancellationToken.None))
                {
                    var e = watch.ResponseStream.Current;
                    if (e.Type.StartsWith("ai_", StringComparison.Ordinal))
                    {
                        using var data = System.Text.Json.JsonDocument.Parse(e.Data);
                        string Field(string name) => data.RootElement.TryGetProperty(name, out var v) ? v.ToString() : "-";
                        Say($"   {e.Type,-15} reason {Field("reason"),-16} provider {Field("provider"),-9} score {Field("score"),-20} latency {Field("latencyMs")} ms");
                    }
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
            {
                // Caught up: Watch streams until the caller stops it.
            }
        }

        Say(_ok ? "\nDemo complete: the AI answered from the knowledge base and handed the complaint to people." : "\nDemo FAILED: see the steps above.");
        return _ok;
    }

    private async Task AskAsync(Emulator emulator, ConversationService.ConversationServiceClient conversations, string phoneNumberId, string waId, string name, string text, bool expectReply)
    {
        Say($"   {name}: {text}");
        var wamid = await emulator.CustomerWritesAsync(phoneNumberId, waId, name, text);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
            var conversation = (await conversations.ListConversationsAsync(new ListConversationsRequest())).Conversations.FirstOrDefault(c => c.Customer.WaId == waId);
            if (conversation is null)
            {
                continue;
            }

            var messages = (await conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages;
            var asked = messages.FirstOrDefault(m => m.Wamid == wamid);
            var reply = messages.FirstOrDefault(m => m.Origin == MessageOrigin.Ai && asked is not null && m.SendTime.ToDateTimeOffset() >= asked.RecordTime.ToDateTimeOffset());
            if (expectReply && reply is { SendState: SendState.Accepted })
            {
                Say($"   AI → {name}: {reply.Text}");
                return;
            }

            if (!expectReply && conversation.Handler == ConversationHandler.Human)
            {
                Say($"   AI: handed over to the team (the conversation is now with a human)");
                return;
            }
        }

        Say($"   !! no {(expectReply ? "AI reply" : "hand-off")} within 20 s");
        _ok = false;
    }

    private static async Task PrintAsync(ConversationService.ConversationServiceClient conversations, Conversation conversation)
    {
        Say($"\n   {conversation.Customer.ProfileName} (+{conversation.Customer.WaId}) — handler {conversation.Handler}, {conversation.MessageCount} messages");
        var messages = (await conversations.ListMessagesAsync(new ListMessagesRequest { ConversationId = conversation.Id })).Messages;
        foreach (var m in messages.OrderBy(m => m.SendTime.ToDateTimeOffset()))
        {
            var who = m.Direction == MessageDirection.Inbound ? "customer" : $"{m.Origin} ({m.Status})";
            Say($"     {m.SendTime.ToDateTimeOffset():HH:mm:ss} {who,-32} {m.Text}");
        }
    }

    private GrpcChannel Channel(string clientId, string secret, IReadOnlyList<string> scopes) => PesanAiChannel.Create(
        new PesanAiClientOptions { GrpcAddress = settings.Grpc, TokenEndpointBase = settings.Http, ClientId = clientId, ClientSecret = secret, Scopes = scopes },
        _http);

    private static void Step(string text) => Console.WriteLine($"\n{text}");

    private static void Say(string text) => Console.WriteLine(text);
}
